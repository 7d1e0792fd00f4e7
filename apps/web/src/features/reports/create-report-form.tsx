"use client";

import { type FormEvent, useId, useState } from "react";
import { DayRangeFields } from "@/components/day-range-fields";
import { FormMessages } from "@/components/form-messages";
import { SelectField } from "@/components/select-field";
import { dayParam, endOfDay, startOfDay } from "@/lib/day-range";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { GROUP_BY_OPTIONS, type GroupBy } from "./report";

const today = () => new Date().toISOString().slice(0, 10);
const monthsAgo = (months: number) => {
  const day = new Date();
  day.setUTCMonth(day.getUTCMonth() - months);
  return day.toISOString().slice(0, 10);
};

/** Asks for a sales report over whole days (UTC); the work happens in the background. */
export function CreateReportForm() {
  const hydrated = useHydrated();
  const headingId = useId();
  const [range, setRange] = useState({ from: monthsAgo(1), to: today() });
  const [groupBy, setGroupBy] = useState<GroupBy>("product");
  const [messages, setMessages] = useState<string[]>([]);
  const utils = trpc.useUtils();
  const create = trpc.reports.create.useMutation({
    onSuccess: async () => {
      setMessages([]);
      await utils.reports.list.invalidate();
    },
    onError: (error) => {
      const problem = serverProblem(error);
      const fieldMessages = Object.values(problem.issues?.fieldErrors ?? {}).flat();
      setMessages(fieldMessages.length > 0 ? fieldMessages : [problem.message]);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dayParam(range.from) || !dayParam(range.to)) return setMessages(["Choose both days"]);
    if (range.to < range.from) return setMessages(["The range ends before it starts"]);
    // The last day counts whole: the report covers [from, the day after `to`).
    const to = new Date(endOfDay(range.to).getTime() + 1);
    create.mutate({ kind: "sales", from: startOfDay(range.from), to, groupBy });
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>New sales report</h2>
      <div className="field-row">
        <DayRangeFields what="Placed" from={range.from} to={range.to} onChange={setRange} />
        <SelectField label="Group by" value={groupBy} options={GROUP_BY_OPTIONS} onChange={setGroupBy} />
      </div>
      <FormMessages messages={messages} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Queuing…" : "Create report"}
        </button>
      </div>
    </form>
  );
}
