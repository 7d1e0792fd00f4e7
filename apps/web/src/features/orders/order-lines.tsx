"use client";

import { formatMoney, updateOrderItemInput } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { useHydrated } from "@/lib/use-hydrated";
import type { Order, OrderLine } from "./order";
import type { OrderEdits } from "./use-order-edits";

type OrderLinesProps = { order: Order; edits: OrderEdits | null };

/** The order's lines at the prices snapshotted when each was added; editable while a draft. */
export function OrderLines({ order, edits }: OrderLinesProps) {
  if (order.lines.length === 0) {
    return <p className="muted">No items yet{edits ? ": find a product below and add it." : "."}</p>;
  }
  const currency = order.currency ?? "USD";
  return (
    <table className="data-table order-lines">
      <caption className="visually-hidden">Items</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col" className="number">
            Unit price
          </th>
          <th scope="col" className="number">
            Quantity
          </th>
          <th scope="col" className="number">
            Line total
          </th>
          {edits && (
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>
        {order.lines.map((line) => (
          <tr key={line.id}>
            <th scope="row">
              {line.productName}
              <span className="sku-hint">{line.sku}</span>
            </th>
            <td className="number">{formatMoney(line.unitPriceMinor, currency, DISPLAY_LOCALE)}</td>
            <td className="number">
              {edits ? (
                <QuantityForm key={`${line.id}@${line.quantity}`} line={line} edits={edits} />
              ) : (
                line.quantity
              )}
            </td>
            <td className="number">{formatMoney(line.lineTotalMinor, currency, DISPLAY_LOCALE)}</td>
            {edits && (
              <td className="row-actions">
                <button
                  type="button"
                  aria-label={`Remove ${line.productName}`}
                  disabled={edits.busy}
                  onClick={() => edits.removeItem(line.id, line.productName)}
                >
                  Remove
                </button>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A line's quantity: change it and press Enter or Update. Remounted (keyed) when the saved quantity changes. */
function QuantityForm({ line, edits }: { line: OrderLine; edits: OrderEdits }) {
  const hydrated = useHydrated();
  const id = useId();
  const [text, setText] = useState(String(line.quantity));
  const [error, setError] = useState("");
  const changed = text.trim() !== String(line.quantity);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!changed) return;
    const parsed = updateOrderItemInput.shape.quantity.safeParse(Number(text));
    if (text.trim() === "" || !parsed.success) {
      setError(parsed.error?.issues[0]?.message ?? "Enter a quantity");
      return;
    }
    setError("");
    edits.updateItem(line.id, parsed.data, line.productName);
  }

  return (
    <form className="quantity-form" onSubmit={submit} noValidate>
      <label htmlFor={id} className="visually-hidden">
        Quantity of {line.productName}
      </label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={10_000}
        step={1}
        value={text}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          setError("");
        }}
      />
      <button
        type="submit"
        className="compact-button"
        aria-label={`Update quantity of ${line.productName}`}
        disabled={!hydrated || !changed || edits.busy}
      >
        Update
      </button>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </form>
  );
}
