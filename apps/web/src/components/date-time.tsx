const FORMATS = {
  date: new Intl.DateTimeFormat("en", { dateStyle: "medium" }),
  dateTime: new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }),
};

export function formatDateTime(value: Date, style: keyof typeof FORMATS = "dateTime"): string {
  return FORMATS[style].format(value);
}

/**
 * A date in the reader's time zone. The server may render it in another
 * zone; the browser's text replaces it without a hydration warning.
 */
export function DateTime({ value, style = "dateTime" }: { value: Date; style?: keyof typeof FORMATS }) {
  return (
    <time dateTime={value.toISOString()} suppressHydrationWarning>
      {formatDateTime(value, style)}
    </time>
  );
}
