/** What both `URLSearchParams` and a server page's `searchParams` can answer. */
export type SearchParamsLike = { get(name: string): string | null };

export type PageSearchParams = Record<string, string | string[] | undefined>;

/** The `searchParams` a server page receives, read the way `URLSearchParams#get` would. */
export function readPageParams(params: PageSearchParams): SearchParamsLike {
  return {
    get: (name) => {
      const value = params[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

/** `/orders?status=placed`, or `/orders` when there is nothing to add. */
export function withQuery(pathname: string, params: URLSearchParams): string {
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}
