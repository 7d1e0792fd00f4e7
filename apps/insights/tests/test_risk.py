from datetime import date, timedelta
from typing import List, Optional

import pytest

from insights.models.risk import (
    CUSTOMER_PRIOR_WEIGHT,
    PRIOR_LATE_RATE,
    PRIOR_WEIGHT,
    assess_late_payment,
    baseline_late_rate,
    settled_outcomes,
)
from insights.schemas.risk import CustomerInvoices, LatePaymentRiskRequest, OpenInvoice, PastInvoice

AS_OF = date(2026, 12, 1)


def past(days_late: Optional[int], amount: float = 100, month: int = 1, terms: int = 30) -> PastInvoice:
    issued = date(2026, month, 1)
    due = issued + timedelta(days=terms)
    paid = None if days_late is None else due + timedelta(days=days_late)
    return PastInvoice(amount=amount, issue_date=issued, due_date=due, paid_date=paid)


def open_invoice(invoice_id: str = "inv-1", amount: float = 100, terms: int = 30, days_overdue: int = 0) -> OpenInvoice:
    issued = AS_OF - timedelta(days=10)
    return OpenInvoice(
        invoice_id=invoice_id,
        amount=amount,
        issue_date=issued,
        due_date=issued + timedelta(days=terms),
        days_overdue=days_overdue,
    )


def assess(customers: List[CustomerInvoices], grace_days: int = 0):
    return assess_late_payment(LatePaymentRiskRequest(as_of=AS_OF, grace_days=grace_days, customers=customers))


def shrunk(late: int, count: int, baseline: float) -> float:
    return (late + CUSTOMER_PRIOR_WEIGHT * baseline) / (count + CUSTOMER_PRIOR_WEIGHT)


def test_a_customer_who_always_paid_30_days_late_is_high_risk() -> None:
    history = [past(30, month=m) for m in range(1, 11)]
    result = assess([CustomerInvoices(customer_id="c1", history=history, open_invoices=[open_invoice()])])

    baseline = (10 + PRIOR_WEIGHT * PRIOR_LATE_RATE) / (10 + PRIOR_WEIGHT)  # 0.625
    assert result.baseline_late_rate == pytest.approx(baseline)
    risk = result.invoices[0]
    # Identical past invoices: the fit is the weighted late rate, (10 + 5·0.625) / 15 = 0.875.
    assert risk.probability_late == pytest.approx(shrunk(10, 10, baseline), abs=0.005)
    assert risk.band == "high"
    assert risk.history_invoices == 10
    assert risk.factors[0].code == "payment_history"
    assert risk.factors[0].direction == "raises"
    assert "Paid 10 of 10 past invoices late (on average 30 days after the due date)" == risk.factors[0].description


def test_a_customer_who_always_paid_on_time_is_low_risk() -> None:
    history = [past(0, month=m) for m in range(1, 11)]
    result = assess([CustomerInvoices(customer_id="c1", history=history, open_invoices=[open_invoice()])])

    baseline = (0 + PRIOR_WEIGHT * PRIOR_LATE_RATE) / (10 + PRIOR_WEIGHT)  # 0.125
    risk = result.invoices[0]
    assert risk.probability_late == pytest.approx(shrunk(0, 10, baseline), abs=0.005)  # ≈ 0.042
    assert risk.band == "low"
    assert risk.factors[0].direction == "lowers"


def test_a_new_customer_gets_the_organisations_baseline() -> None:
    late_payer = CustomerInvoices(customer_id="late", history=[past(20, month=m) for m in range(1, 11)])
    newcomer = CustomerInvoices(customer_id="new", open_invoices=[open_invoice()])
    result = assess([late_payer, newcomer])

    assert [risk.customer_id for risk in result.invoices] == ["new"]  # no open invoices, no rows
    risk = result.invoices[0]
    assert risk.probability_late == pytest.approx(0.625, abs=0.005)
    assert risk.history_invoices == 0
    assert risk.factors[0].code == "thin_history"
    assert "baseline of 62%" in risk.factors[0].description


def test_thin_history_is_pulled_toward_the_baseline() -> None:
    # One late invoice among three: 1/3 on its own, but shrunk toward the pooled baseline.
    history = [past(15, month=1), past(0, month=2), past(0, month=3)]
    result = assess([CustomerInvoices(customer_id="c1", history=history, open_invoices=[open_invoice()])])

    baseline = (1 + PRIOR_WEIGHT * PRIOR_LATE_RATE) / (3 + PRIOR_WEIGHT)
    risk = result.invoices[0]
    assert risk.probability_late == pytest.approx(shrunk(1, 3, baseline), abs=0.005)
    assert baseline < risk.probability_late < 1 / 3  # ≈ 0.293, between the baseline 0.269 and its own 1/3
    assert risk.factors[0].code == "thin_history"
    assert "few invoices" in risk.factors[0].description


def test_an_unusually_large_invoice_from_a_customer_who_pays_large_invoices_late_is_riskier() -> None:
    # Small invoices paid on time, large ones late.
    history = [past(0, amount=100, month=m) for m in range(1, 7)] + [
        past(25, amount=1000, month=m) for m in range(7, 13)
    ]
    customer = CustomerInvoices(
        customer_id="c1",
        history=history,
        open_invoices=[open_invoice("small", amount=100), open_invoice("large", amount=1000)],
    )
    small, large = assess([customer]).invoices

    assert large.probability_late > 0.6 > 0.4 > small.probability_late
    amount_factor = next(factor for factor in large.factors if factor.code == "amount")
    assert amount_factor.direction == "raises" and amount_factor.contribution > 0


def test_an_invoice_already_past_the_grace_period_is_late() -> None:
    history = [past(0, month=m) for m in range(1, 11)]
    customer = CustomerInvoices(
        customer_id="c1",
        history=history,
        open_invoices=[open_invoice("within-grace", days_overdue=3), open_invoice("past-grace", days_overdue=4)],
    )
    within, beyond = assess([customer], grace_days=3).invoices

    assert within.band == "low"
    assert (beyond.probability_late, beyond.band) == (1.0, "high")
    assert [(f.code, f.contribution) for f in beyond.factors] == [("already_overdue", None)]


def test_unpaid_past_invoices_count_late_only_once_they_are_late() -> None:
    overdue = PastInvoice(amount=50, issue_date=date(2026, 10, 1), due_date=date(2026, 10, 31))
    not_yet_due = PastInvoice(amount=50, issue_date=date(2026, 11, 20), due_date=date(2026, 12, 20))
    on_time = past(0)

    outcomes = settled_outcomes([overdue, not_yet_due, on_time], AS_OF, grace_days=0)

    assert [(o.days_late, o.late) for o in outcomes] == [(31, True), (0, False)]


def test_the_baseline_with_no_history_is_the_prior() -> None:
    assert baseline_late_rate([]) == PRIOR_LATE_RATE
