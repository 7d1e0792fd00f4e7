/** Who invoices and their emails come from: the sender name an owner set, else the organisation's name. */
export function senderNameOf(organization: { name: string; senderName: string }): string {
  return organization.senderName || organization.name;
}
