import { InvoicesAtRiskPanel } from "./invoices-at-risk-panel";
import { ReorderSoonPanel } from "./reorder-soon-panel";

/** Both insight panels side by side. */
export function InsightsPanels() {
  return (
    <div className="insight-panels">
      <ReorderSoonPanel />
      <InvoicesAtRiskPanel />
    </div>
  );
}
