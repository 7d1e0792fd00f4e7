"""Stock-out forecast: how long stock lasts at the observed demand, and how much to order now.

Demand over a horizon of H days is treated as normal with mean μ·H and spread σ·√H, where μ and σ are the
observed daily mean and standard deviation (days assumed independent). The order covers the lead time
plus the review period at the requested service level."""

import math
from statistics import NormalDist
from typing import Sequence

import numpy as np

from insights.schemas.forecast import (
    DemandEstimate,
    ProductForecast,
    ProductSalesHistory,
    ReorderSuggestion,
    StockOutForecastRequest,
    StockOutForecastResponse,
)

# Below this many days the sample spread is too noisy to trust on its own.
SHORT_HISTORY_DAYS = 14


def estimate_demand(daily_sales: Sequence[float]) -> DemandEstimate:
    sales = np.asarray(daily_sales, dtype=float)
    days = int(sales.size)
    mean = float(sales.mean())
    if mean == 0:
        return DemandEstimate(mean_daily=0.0, std_daily=0.0, days_observed=days, method="no_demand")
    variance = float(sales.var(ddof=1)) if days > 1 else 0.0
    if days < SHORT_HISTORY_DAYS:
        # Counts of sales vary at least as much as a Poisson process would (variance = mean).
        return DemandEstimate(
            mean_daily=mean, std_daily=math.sqrt(max(variance, mean)), days_observed=days, method="short_history"
        )
    return DemandEstimate(mean_daily=mean, std_daily=math.sqrt(variance), days_observed=days, method="window_mean")


def _whole_units(quantity: float) -> int:
    # Round up (a part unit still has to be ordered), ignoring float noise such as 25.000000000004.
    return max(0, math.ceil(round(quantity, 6)))


def forecast_product(
    product: ProductSalesHistory, service_level: float, review_period_days: int
) -> ProductForecast:
    demand = estimate_demand(product.daily_sales)
    stock = product.stock_on_hand
    horizon = product.lead_time_days + review_period_days
    expected = demand.mean_daily * horizon
    spread = demand.std_daily * math.sqrt(horizon)
    safety_stock = NormalDist().inv_cdf(service_level) * spread
    # A central interval with the same coverage as the service level.
    band = NormalDist().inv_cdf((1 + service_level) / 2) * spread

    days_left = stock / demand.mean_daily if demand.mean_daily > 0 else None
    reorder = ReorderSuggestion(
        quantity=_whole_units(expected + safety_stock - stock),
        low=_whole_units(expected - band - stock),
        high=_whole_units(expected + band - stock),
        confidence=service_level,
        safety_stock=round(safety_stock, 4),
        horizon_days=horizon,
    )
    return ProductForecast(
        product_id=product.product_id,
        demand=demand.copy(update={"mean_daily": round(demand.mean_daily, 4), "std_daily": round(demand.std_daily, 4)}),
        days_until_stockout=None if days_left is None else round(days_left, 2),
        stockout_before_delivery=days_left is not None and days_left <= product.lead_time_days,
        reorder=reorder,
        explanation=_explain(product, demand, days_left, reorder, review_period_days),
    )


def _quantity(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.2f}"


def _explain(
    product: ProductSalesHistory,
    demand: DemandEstimate,
    days_left: "float | None",
    reorder: ReorderSuggestion,
    review_period_days: int,
) -> str:
    window = f"{demand.days_observed} day{'s' if demand.days_observed != 1 else ''}"
    if days_left is None:
        return f"Nothing sold in the last {window}: {_quantity(product.stock_on_hand)} in stock does not run out at this rate."
    sold = f"Sold {demand.mean_daily:.2f} a day on average over {window}"
    if demand.method == "short_history":
        sold += " (short history: the spread is assumed at least Poisson)"
    lasts = f"{_quantity(product.stock_on_hand)} in stock lasts {days_left:.1f} days against a {product.lead_time_days}-day lead time"
    if reorder.quantity == 0:
        order = f"no order needed to cover the next {reorder.horizon_days} days at a {reorder.confidence:.0%} service level"
    else:
        needed = f"{reorder.low}" if reorder.low == reorder.high else f"{reorder.low}–{reorder.high}"
        order = (
            f"order {reorder.quantity} now to cover {reorder.horizon_days} days (lead time + {review_period_days}-day review) "
            f"at a {reorder.confidence:.0%} service level; {needed} likely needed"
        )
    return f"{sold}. {lasts}; {order}."


def forecast_stock_out(request: StockOutForecastRequest) -> StockOutForecastResponse:
    return StockOutForecastResponse(
        model_version="stock-out/1",
        forecasts=[
            forecast_product(product, request.service_level, request.review_period_days) for product in request.products
        ],
    )
