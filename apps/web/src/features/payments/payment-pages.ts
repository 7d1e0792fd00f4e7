const PAYMENTS_PER_PAGE = 25;

/** The first page's input, prefetched by the payments page. */
export const firstPaymentsPage = { limit: PAYMENTS_PER_PAGE };
