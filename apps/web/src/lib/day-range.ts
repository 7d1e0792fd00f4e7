/**
 * Date filters in a list's URL are whole days, `YYYY-MM-DD`, read as UTC days
 * so the server's prefetch and the browser ask for exactly the same range
 * (the same query key), wherever each of them is.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day: "2026-02-30" is refused, not rolled over into March. */
function isDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const day = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
}

/** The first instant of the day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The last instant of the day: ranges include the day they end on. */
export function endOfDay(day: string): Date {
  return new Date(`${day}T23:59:59.999Z`);
}

/** A URL day, or "" when absent or not a day. */
export function dayParam(value: string | null): string {
  return value && isDay(value) ? value : "";
}
