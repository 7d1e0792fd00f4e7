export type CsvCell = string | number | Date | null;

/** Spreadsheets run a cell that starts like a formula; these are the characters that start one. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV record (RFC 4180, CRLF-terminated). Text that a spreadsheet would
 * read as a formula (a customer named `=HYPERLINK(…)`) gets a leading
 * apostrophe, which spreadsheets show as text and do not evaluate.
 */
export function csvRecord(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(",")}\r\n`;
}

function csvField(cell: CsvCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  const text = cell instanceof Date ? cell.toISOString() : cell;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
