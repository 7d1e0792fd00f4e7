"use client";

import { TextField } from "./text-field";

type DayRangeFieldsProps = {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  /** What the days bound, for the hint: "Created", "Issued". */
  what: string;
};

/** Two date inputs, `YYYY-MM-DD`, bounding a list by whole days (UTC); says so when they are the wrong way round. */
export function DayRangeFields({ from, to, onChange, what }: DayRangeFieldsProps) {
  const backwards = from !== "" && to !== "" && to < from;
  return (
    <>
      <TextField
        label={`${what} from`}
        type="date"
        value={from}
        onChange={(value) => onChange({ from: value, to })}
      />
      <TextField
        label={`${what} to`}
        type="date"
        value={to}
        errors={backwards ? ["Ends before it starts"] : undefined}
        onChange={(value) => onChange({ from, to: value })}
      />
    </>
  );
}

/** A range the list can use: both ends optional, not backwards. */
export function isUsableRange(from: string, to: string): boolean {
  return from === "" || to === "" || from <= to;
}
