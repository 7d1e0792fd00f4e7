/** Where the bearer token survives app restarts. */
export type TokenStore = {
  read(): Promise<string | null>;
  write(token: string): Promise<void>;
  clear(): Promise<void>;
};
