"use client";

import { useId } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { trpc } from "@/trpc/react";

const TOOLTIP_STYLE = { background: "var(--surface)", borderColor: "var(--line)", color: "var(--text)" };

/** Calls per UTC day over 30 days, refused ones stacked on top, with the figures as a table too. */
export function ApiKeyUsageChart({ keyId, keyName }: { keyId: string; keyName: string }) {
  const tableId = useId();
  const usage = trpc.apiKeys.usage.useQuery({ id: keyId, days: 30 });
  if (usage.isPending) return <p className="muted">Loading usage…</p>;
  if (usage.isError) return <p role="alert">Could not load usage: {usage.error.message}</p>;
  const rows = usage.data.days.map((day) => ({
    label: day.day.slice(5),
    ok: day.calls - day.failed,
    failed: day.failed,
  }));
  const total = usage.data.days.reduce((sum, day) => sum + day.calls, 0);
  return (
    <figure className="chart-figure">
      <div className="chart-area" aria-hidden="true">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} className="chart-grid" />
            <XAxis dataKey="label" tickLine={false} interval="preserveStartEnd" className="chart-axis" />
            <YAxis
              width={48}
              tickLine={false}
              axisLine={false}
              allowDecimals={false}
              className="chart-axis"
            />
            <Tooltip cursor={{ className: "chart-cursor" }} contentStyle={TOOLTIP_STYLE} />
            <Bar dataKey="ok" name="Answered" stackId="calls" className="chart-bar" />
            <Bar dataKey="failed" name="Refused" stackId="calls" className="chart-bar-muted" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption>
        {keyName}: {total} calls in the last 30 days (counts arrive within a few seconds)
      </figcaption>
      <details>
        <summary>Show the figures</summary>
        <table className="data-table compact" id={tableId}>
          <caption className="visually-hidden">Calls of {keyName} per procedure and outcome</caption>
          <thead>
            <tr>
              <th scope="col">Procedure</th>
              <th scope="col">Outcome</th>
              <th scope="col" className="number">
                Calls
              </th>
            </tr>
          </thead>
          <tbody>
            {usage.data.byProcedure.map((row) => (
              <tr key={`${row.procedure} ${row.status}`}>
                <th scope="row">{row.procedure}</th>
                <td>{row.status === "ok" ? "answered" : row.status}</td>
                <td className="number">{row.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
