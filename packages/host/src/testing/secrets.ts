/**
 * Every secret a test run hands a host or gets back from one (passwords,
 * bearer tokens, session cookies, webhook and service secrets, service
 * credentials), and the check that no host printed any of them. The helpers
 * that start hosts and sign in record them; the helpers that stop hosts check
 * everything the host wrote. A failure names the kind of secret, never its value.
 */
const known = new Map<string, string>();

/** Too short to search for without matching ordinary text. */
const MIN_LENGTH = 8;

export function rememberSecret(kind: string, value: string | null | undefined): void {
  if (value && value.length >= MIN_LENGTH && !known.has(value)) known.set(value, kind);
}

/** The variables a host is started with whose names say they are secret. */
export function rememberSecretsOf(env: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(env)) {
    if (/SECRET|TOKEN|PASSWORD|CREDENTIAL|_KEY$/.test(name)) rememberSecret(name, value);
  }
}

/** The bearer token and cookie values a sign-in or sign-up response hands out. */
export function rememberSessionFrom(response: Response): void {
  rememberSecret("bearer token", response.headers.get("set-auth-token"));
  for (const cookie of response.headers.getSetCookie()) {
    const value = cookie.split(";", 1)[0]?.split("=").slice(1).join("=");
    rememberSecret("session cookie", value && decodeURIComponent(value));
  }
}

/** The kinds of the secrets that appear in `output`. */
export function secretsIn(output: string): string[] {
  return [...known].filter(([value]) => output.includes(value)).map(([, kind]) => kind);
}

export class LoggedSecretError extends Error {}

export function expectNoSecretsIn(output: string, host: string): void {
  const leaked = secretsIn(output);
  if (leaked.length) {
    throw new LoggedSecretError(`${host} printed secrets: ${[...new Set(leaked)].join(", ")}`);
  }
}
