"use client";

import { currencyDigits, formatMoney } from "@tally/validators";
import { useId, useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { type BucketSeries, bucketLabel } from "./dashboard";

type Unit = "week" | "month";
type BucketChartProps = {
  /** "Sales", "Received": names the chart and its table. */
  title: string;
  weeks: BucketSeries;
  months: BucketSeries;
};

/** Theme colours reach the tooltip's inline styles through the CSS variables. */
const TOOLTIP_STYLE = { background: "var(--surface)", borderColor: "var(--line)", color: "var(--text)" };

const UNITS: Record<Unit, string> = { week: "By week", month: "By month" };

/**
 * A bar chart per currency, by week or by month, with the same figures as a
 * table beneath it for screen readers and for anyone who wants the numbers.
 */
export function BucketChart({ title, weeks, months }: BucketChartProps) {
  const [unit, setUnit] = useState<Unit>("month");
  const tableId = useId();
  const series = unit === "week" ? weeks : months;

  return (
    <div className="bucket-chart">
      {/* biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons is the pattern for one-of-two views */}
      <div className="segmented" role="group" aria-label={`${title}: period`}>
        {(Object.keys(UNITS) as Unit[]).map((option) => (
          <button
            key={option}
            type="button"
            className="segment"
            aria-pressed={unit === option}
            onClick={() => setUnit(option)}
          >
            {UNITS[option]}
          </button>
        ))}
      </div>
      {series.map(({ currency, buckets }) => {
        const rows = buckets.map((bucket) => ({
          label: bucketLabel(bucket.start, unit),
          amount: bucket.totalMinor,
          count: bucket.count,
        }));
        const money = (minor: number) => formatMoney(minor, currency, DISPLAY_LOCALE);
        return (
          <figure key={currency} className="chart-figure">
            <div className="chart-area" aria-hidden="true">
              <ResponsiveContainer width="100%" height={240}>
                <BarChart
                  data={rows}
                  margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
                  accessibilityLayer={false}
                >
                  <CartesianGrid vertical={false} className="chart-grid" />
                  <XAxis
                    dataKey="label"
                    tickLine={false}
                    interval="preserveStartEnd"
                    className="chart-axis"
                  />
                  <YAxis
                    width={72}
                    tickLine={false}
                    axisLine={false}
                    className="chart-axis"
                    tickFormatter={(minor: number) => compactMoney(minor, currency)}
                  />
                  <Tooltip
                    formatter={(minor) => [money(Number(minor)), title]}
                    cursor={{ className: "chart-cursor" }}
                    contentStyle={TOOLTIP_STYLE}
                  />
                  <Bar dataKey="amount" className="chart-bar" radius={[3, 3, 0, 0]} />
                </BarChart>
              </ResponsiveContainer>
            </div>
            <figcaption>
              {title} in {currency}, {unit === "week" ? "the last 13 weeks" : "the last 6 months"}:{" "}
              {money(rows.reduce((sum, row) => sum + row.amount, 0))}
            </figcaption>
            <details>
              <summary>Show the figures</summary>
              <table className="data-table compact" id={tableId}>
                <caption className="visually-hidden">
                  {title} in {currency}, {UNITS[unit].toLowerCase()}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{unit === "week" ? "Week" : "Month"}</th>
                    <th scope="col" className="number">
                      Count
                    </th>
                    <th scope="col" className="number">
                      Amount
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      <td className="number">{row.count}</td>
                      <td className="number">{money(row.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        );
      })}
    </div>
  );
}

/** Axis ticks: "$1.2K" rather than "$1,234.56". */
function compactMoney(minor: number, currency: string) {
  return new Intl.NumberFormat(DISPLAY_LOCALE, {
    style: "currency",
    currency,
    notation: "compact",
    maximumFractionDigits: 1,
  }).format(minor / 10 ** currencyDigits(currency));
}
