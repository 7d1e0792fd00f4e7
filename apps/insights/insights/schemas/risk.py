"""POST /v1/risk/late-payment."""

from datetime import date
from typing import List, Literal, Optional

from pydantic import BaseModel, Field, confloat, conint, conlist, constr, validator

from insights.schemas.nullable import mark_nullable_fields

MAX_CUSTOMERS = 1000
MAX_INVOICES_PER_CUSTOMER = 2000


def _due_not_before_issue(due_date: date, values: dict) -> date:
    issue_date = values.get("issue_date")
    if issue_date is not None and due_date < issue_date:
        raise ValueError("due_date is before issue_date")
    return due_date


class PastInvoice(BaseModel):
    amount: confloat(gt=0, allow_inf_nan=False)
    issue_date: date
    due_date: date
    paid_date: Optional[date] = Field(None, description="null or absent: not paid yet")

    _due_after_issue = validator("due_date", allow_reuse=True)(_due_not_before_issue)


class OpenInvoice(BaseModel):
    invoice_id: constr(strip_whitespace=True, min_length=1, max_length=100)
    amount: confloat(gt=0, allow_inf_nan=False)
    issue_date: date
    due_date: date
    days_overdue: conint(strict=True, ge=0, le=36500) = Field(..., description="Days past the due date today (0 if not yet due)")

    _due_after_issue = validator("due_date", allow_reuse=True)(_due_not_before_issue)


class CustomerInvoices(BaseModel):
    customer_id: constr(strip_whitespace=True, min_length=1, max_length=100)
    history: conlist(PastInvoice, max_items=MAX_INVOICES_PER_CUSTOMER) = Field(
        [], description="The customer's past invoices; also the organisation's baseline when pooled"
    )
    open_invoices: conlist(OpenInvoice, max_items=MAX_INVOICES_PER_CUSTOMER) = []


class LatePaymentRiskRequest(BaseModel):
    as_of: date = Field(..., description="Today: unpaid past invoices already late by then count as paid late")
    grace_days: conint(strict=True, ge=0, le=90) = Field(0, description="Days after the due date that still count as on time")
    customers: conlist(CustomerInvoices, min_items=1, max_items=MAX_CUSTOMERS)

    @validator("customers")
    def ids_are_unique(cls, customers: List[CustomerInvoices]) -> List[CustomerInvoices]:
        customer_ids = set()
        invoice_ids = set()
        for customer in customers:
            if customer.customer_id in customer_ids:
                raise ValueError(f"customer_id {customer.customer_id!r} appears more than once")
            customer_ids.add(customer.customer_id)
            for invoice in customer.open_invoices:
                if invoice.invoice_id in invoice_ids:
                    raise ValueError(f"invoice_id {invoice.invoice_id!r} appears more than once")
                invoice_ids.add(invoice.invoice_id)
        return customers


class RiskFactor(BaseModel):
    code: Literal["payment_history", "thin_history", "amount", "payment_terms", "already_overdue"]
    direction: Literal["raises", "lowers"]
    contribution: Optional[float] = Field(
        ..., description="Log-odds the factor adds to the baseline; null for a fact that settles the answer alone"
    )
    description: str

    class Config:
        schema_extra = staticmethod(mark_nullable_fields)


class InvoiceRisk(BaseModel):
    invoice_id: str
    customer_id: str
    probability_late: float = Field(..., ge=0, le=1)
    band: Literal["low", "medium", "high"] = Field(..., description="low < 0.3 ≤ medium < 0.6 ≤ high")
    history_invoices: int = Field(..., ge=0, description="Settled past invoices of this customer the estimate used")
    factors: List[RiskFactor] = Field(..., description="Strongest first")


class LatePaymentRiskResponse(BaseModel):
    model_version: Literal["late-payment/1"]
    baseline_late_rate: float = Field(..., ge=0, le=1, description="The organisation's late rate, shrunk toward 0.25")
    invoices: List[InvoiceRisk]
