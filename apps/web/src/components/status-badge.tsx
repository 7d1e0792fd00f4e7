/** A record's state as a coloured pill; the colour is a hint, the word is the meaning. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`status status-${status}`}>{label}</span>;
}
