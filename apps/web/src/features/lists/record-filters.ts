/** The filters orders and invoices share: a status, a customer, and a range of whole days. */
export type RecordFilters<Status extends string> = {
  status: Status | "";
  customerId: string;
  from: string;
  to: string;
};
