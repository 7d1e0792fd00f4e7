"""Late-payment risk: for each open invoice, the probability it is paid more than `grace_days` late.

Per customer, a logistic regression (sklearn) on that customer's settled invoices, with two features that
explain themselves: the invoice's amount relative to the customer's usual amount, and its payment terms
relative to the usual terms. Thin history is handled by adding the organisation's baseline late rate as
pseudo-invoices (CUSTOMER_PRIOR_WEIGHT of them, split late/on time at the baseline rate) at the customer's
typical invoice: with no history the answer is the baseline, with much history the customer's own record
dominates. The baseline itself is the pooled late rate of every customer in the request, shrunk toward
PRIOR_LATE_RATE."""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import List, Sequence, Tuple

import numpy as np
from sklearn.linear_model import LogisticRegression

from insights.schemas.risk import (
    CustomerInvoices,
    InvoiceRisk,
    LatePaymentRiskRequest,
    LatePaymentRiskResponse,
    OpenInvoice,
    PastInvoice,
    RiskFactor,
)

# Before any history is seen, assume about one invoice in four is paid late; worth ten invoices of evidence.
PRIOR_LATE_RATE = 0.25
PRIOR_WEIGHT = 10.0
# The organisation's baseline counts as this many invoices in each customer's fit.
CUSTOMER_PRIOR_WEIGHT = 5.0
# Fewer settled invoices than this: the estimate leans mostly on the baseline, and says so.
THIN_HISTORY = 5
MEDIUM_FROM, HIGH_FROM = 0.3, 0.6
# Contributions smaller than this (in log-odds) do not move the answer enough to be worth showing.
NOTABLE = 0.05


@dataclass(frozen=True)
class Outcome:
    amount: float
    terms_days: int
    days_late: int
    late: bool


def settled_outcomes(history: Sequence[PastInvoice], as_of: date, grace_days: int) -> List[Outcome]:
    outcomes = []
    for invoice in history:
        if invoice.paid_date is not None:
            days_late = (invoice.paid_date - invoice.due_date).days
        elif as_of > invoice.due_date + timedelta(days=grace_days):
            days_late = (as_of - invoice.due_date).days  # unpaid and already late: late, whenever it is paid
        else:
            continue  # unpaid and not late yet: its outcome is unknown
        outcomes.append(
            Outcome(
                amount=invoice.amount,
                terms_days=(invoice.due_date - invoice.issue_date).days,
                days_late=days_late,
                late=days_late > grace_days,
            )
        )
    return outcomes


def baseline_late_rate(outcomes: Sequence[Outcome]) -> float:
    late = sum(1 for outcome in outcomes if outcome.late)
    return (late + PRIOR_WEIGHT * PRIOR_LATE_RATE) / (len(outcomes) + PRIOR_WEIGHT)


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class CustomerModel:
    regression: LogisticRegression
    usual_amount: float
    usual_terms_days: float
    outcomes: Tuple[Outcome, ...]
    baseline: float

    def features(self, amount: float, terms_days: float) -> List[float]:
        # Log ratio: twice the usual amount is as far from usual as half of it. Terms in months.
        return [math.log(amount / self.usual_amount), (terms_days - self.usual_terms_days) / 30]


def fit_customer(outcomes: Sequence[Outcome], open_invoices: Sequence[OpenInvoice], baseline: float) -> CustomerModel:
    amounts = [o.amount for o in outcomes] or [i.amount for i in open_invoices] or [1.0]
    terms = [o.terms_days for o in outcomes] or [(i.due_date - i.issue_date).days for i in open_invoices] or [0]
    model = CustomerModel(
        regression=LogisticRegression(C=1.0),
        usual_amount=float(np.median(amounts)),
        usual_terms_days=float(np.median(terms)),
        outcomes=tuple(outcomes),
        baseline=baseline,
    )
    rows = [model.features(o.amount, o.terms_days) for o in outcomes] + [[0.0, 0.0], [0.0, 0.0]]
    labels = [int(o.late) for o in outcomes] + [1, 0]
    weights = [1.0] * len(outcomes) + [CUSTOMER_PRIOR_WEIGHT * baseline, CUSTOMER_PRIOR_WEIGHT * (1 - baseline)]
    model.regression.fit(np.array(rows), np.array(labels), sample_weight=np.array(weights))
    return model


def _band(probability: float) -> str:
    if probability >= HIGH_FROM:
        return "high"
    return "medium" if probability >= MEDIUM_FROM else "low"


def _direction(contribution: float) -> str:
    return "raises" if contribution > 0 else "lowers"


def _history_factor(model: CustomerModel) -> RiskFactor:
    contribution = float(model.regression.intercept_[0]) - _logit(model.baseline)
    count = len(model.outcomes)
    if count == 0:
        return RiskFactor(
            code="thin_history",
            direction=_direction(contribution) if abs(contribution) >= NOTABLE else "lowers",
            contribution=round(contribution, 4),
            description=f"No settled past invoices: the estimate is the organisation's baseline of {model.baseline:.0%}",
        )
    late = [o for o in model.outcomes if o.late]
    description = f"Paid {len(late)} of {count} past invoices late"
    if late:
        description += f" (on average {sum(o.days_late for o in late) / len(late):.0f} days after the due date)"
    if count < THIN_HISTORY:
        description += f"; few invoices, so the estimate leans on the organisation's baseline of {model.baseline:.0%}"
    return RiskFactor(
        code="thin_history" if count < THIN_HISTORY else "payment_history",
        direction=_direction(contribution),
        contribution=round(contribution, 4),
        description=description,
    )


def score_invoice(customer_id: str, invoice: OpenInvoice, model: CustomerModel, grace_days: int) -> InvoiceRisk:
    if invoice.days_overdue > grace_days:
        return InvoiceRisk(
            invoice_id=invoice.invoice_id,
            customer_id=customer_id,
            probability_late=1.0,
            band="high",
            history_invoices=len(model.outcomes),
            factors=[
                RiskFactor(
                    code="already_overdue",
                    direction="raises",
                    contribution=None,
                    description=f"Already {invoice.days_overdue} days past the due date (grace {grace_days} days)",
                )
            ],
        )
    terms_days = (invoice.due_date - invoice.issue_date).days
    features = model.features(invoice.amount, terms_days)
    probability = float(model.regression.predict_proba(np.array([features]))[0][1])
    amount_effect, terms_effect = (float(c) * x for c, x in zip(model.regression.coef_[0], features))

    factors = [_history_factor(model)]
    if abs(amount_effect) >= NOTABLE:
        factors.append(
            RiskFactor(
                code="amount",
                direction=_direction(amount_effect),
                contribution=round(amount_effect, 4),
                description=f"Amount is {invoice.amount / model.usual_amount:.1f}× this customer's usual invoice",
            )
        )
    if abs(terms_effect) >= NOTABLE:
        factors.append(
            RiskFactor(
                code="payment_terms",
                direction=_direction(terms_effect),
                contribution=round(terms_effect, 4),
                description=f"Payment terms of {terms_days} days against the usual {model.usual_terms_days:.0f}",
            )
        )
    factors.sort(key=lambda factor: abs(factor.contribution or 0), reverse=True)
    return InvoiceRisk(
        invoice_id=invoice.invoice_id,
        customer_id=customer_id,
        probability_late=round(probability, 4),
        band=_band(probability),
        history_invoices=len(model.outcomes),
        factors=factors,
    )


def assess_late_payment(request: LatePaymentRiskRequest) -> LatePaymentRiskResponse:
    outcomes_by_customer: List[Tuple[CustomerInvoices, List[Outcome]]] = [
        (customer, settled_outcomes(customer.history, request.as_of, request.grace_days))
        for customer in request.customers
    ]
    baseline = baseline_late_rate([o for _, outcomes in outcomes_by_customer for o in outcomes])
    invoices = []
    for customer, outcomes in outcomes_by_customer:
        if not customer.open_invoices:
            continue  # its history still counted toward the baseline
        model = fit_customer(outcomes, customer.open_invoices, baseline)
        invoices.extend(
            score_invoice(customer.customer_id, invoice, model, request.grace_days) for invoice in customer.open_invoices
        )
    return LatePaymentRiskResponse(model_version="late-payment/1", baseline_late_rate=round(baseline, 4), invoices=invoices)
