"""POST /v1/forecasts/stock-out."""

from typing import List, Literal, Optional

from pydantic import BaseModel, Field, confloat, conint, conlist, constr, validator

from insights.schemas.nullable import mark_nullable_fields

MAX_PRODUCTS = 1000
MAX_HISTORY_DAYS = 730


class ProductSalesHistory(BaseModel):
    product_id: constr(strip_whitespace=True, min_length=1, max_length=100)
    daily_sales: conlist(confloat(ge=0, allow_inf_nan=False), min_items=1, max_items=MAX_HISTORY_DAYS) = Field(
        ..., description="Quantity sold per day, oldest first, one entry per day of the window (0 on days without sales)"
    )
    stock_on_hand: confloat(ge=0, allow_inf_nan=False)
    lead_time_days: conint(strict=True, ge=0, le=365) = Field(..., description="Days from placing an order to stock arriving")


class StockOutForecastRequest(BaseModel):
    products: conlist(ProductSalesHistory, min_items=1, max_items=MAX_PRODUCTS)
    service_level: confloat(ge=0.5, le=0.999) = Field(
        0.95, description="Probability that the suggested order covers demand until the next review"
    )
    review_period_days: conint(strict=True, ge=0, le=365) = Field(
        7, description="Days the order must also cover after it arrives (until the next reorder decision)"
    )

    @validator("products")
    def product_ids_are_unique(cls, products: List[ProductSalesHistory]) -> List[ProductSalesHistory]:
        seen = set()
        for product in products:
            if product.product_id in seen:
                raise ValueError(f"product_id {product.product_id!r} appears more than once")
            seen.add(product.product_id)
        return products


class DemandEstimate(BaseModel):
    mean_daily: float = Field(..., ge=0)
    std_daily: float = Field(..., ge=0)
    days_observed: int = Field(..., ge=1)
    method: Literal["window_mean", "short_history", "no_demand"] = Field(
        ...,
        description="window_mean: mean and sample spread of the window; short_history: fewer than 14 days, spread "
        "at least Poisson (variance = mean); no_demand: nothing sold in the window",
    )


class ReorderSuggestion(BaseModel):
    quantity: int = Field(..., ge=0, description="Units to order now: demand over the horizon plus safety stock, less stock on hand")
    low: int = Field(..., ge=0, description="Lower end of the units actually needed, at `confidence`")
    high: int = Field(..., ge=0, description="Upper end of the units actually needed, at `confidence`")
    confidence: float = Field(..., ge=0, le=1)
    safety_stock: float = Field(..., ge=0)
    horizon_days: int = Field(..., ge=0, description="Lead time plus review period")


class ProductForecast(BaseModel):
    product_id: str
    demand: DemandEstimate
    days_until_stockout: Optional[float] = Field(..., ge=0, description="null when nothing sells: stock never runs out")
    stockout_before_delivery: bool = Field(..., description="Stock runs out before an order placed now would arrive")
    reorder: ReorderSuggestion
    explanation: str

    class Config:
        schema_extra = staticmethod(mark_nullable_fields)


class StockOutForecastResponse(BaseModel):
    model_version: Literal["stock-out/1"]
    forecasts: List[ProductForecast]
