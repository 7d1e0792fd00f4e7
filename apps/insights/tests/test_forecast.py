import math
from statistics import NormalDist

import pytest

from insights.models.forecast import estimate_demand, forecast_product
from insights.schemas.forecast import ProductSalesHistory


def product(daily_sales, stock_on_hand, lead_time_days=5) -> ProductSalesHistory:
    return ProductSalesHistory(
        product_id="p1", daily_sales=daily_sales, stock_on_hand=stock_on_hand, lead_time_days=lead_time_days
    )


def test_constant_demand_of_ten_a_day_with_95_in_stock_runs_out_in_nine_and_a_half_days() -> None:
    forecast = forecast_product(product([10] * 28, 95), service_level=0.95, review_period_days=7)

    assert forecast.demand.mean_daily == 10
    assert forecast.demand.std_daily == 0
    assert forecast.demand.method == "window_mean"
    assert forecast.days_until_stockout == 9.5
    assert forecast.stockout_before_delivery is False
    # No spread: order exactly 12 days (5 lead + 7 review) of demand, 120, less the 95 on hand.
    assert (forecast.reorder.quantity, forecast.reorder.low, forecast.reorder.high) == (25, 25, 25)
    assert forecast.reorder.safety_stock == 0
    assert forecast.reorder.horizon_days == 12
    assert forecast.explanation == (
        "Sold 10.00 a day on average over 28 days. 95 in stock lasts 9.5 days against a 5-day lead time; "
        "order 25 now to cover 12 days (lead time + 7-day review) at a 95% service level; 25 likely needed."
    )


def test_observed_spread_adds_safety_stock_and_widens_the_band() -> None:
    # Alternating 8 and 12: mean 10, sample variance 28·4/27.
    forecast = forecast_product(product([8, 12] * 14, 95), service_level=0.95, review_period_days=7)

    std = math.sqrt(28 * 4 / 27)
    spread = std * math.sqrt(12)
    assert forecast.demand.std_daily == pytest.approx(std, abs=1e-4)
    assert forecast.reorder.safety_stock == pytest.approx(1.6448536 * spread, abs=1e-3)
    assert forecast.reorder.quantity == math.ceil(120 + 1.6448536 * spread - 95) == 37
    assert forecast.reorder.low == math.ceil(120 - 1.959964 * spread - 95) == 12
    assert forecast.reorder.high == math.ceil(120 + 1.959964 * spread - 95) == 39
    assert forecast.explanation.endswith("; 12–39 likely needed.")


def test_a_higher_service_level_orders_more() -> None:
    history = product([8, 12] * 14, 95)
    assert (
        forecast_product(history, 0.99, 7).reorder.quantity > forecast_product(history, 0.9, 7).reorder.quantity
    )


def test_nothing_sold_means_stock_never_runs_out_and_nothing_is_ordered() -> None:
    forecast = forecast_product(product([0] * 30, 5), service_level=0.95, review_period_days=7)

    assert forecast.demand.method == "no_demand"
    assert forecast.days_until_stockout is None
    assert forecast.stockout_before_delivery is False
    assert (forecast.reorder.quantity, forecast.reorder.low, forecast.reorder.high) == (0, 0, 0)
    assert "does not run out" in forecast.explanation


def test_a_short_history_assumes_at_least_poisson_spread() -> None:
    demand = estimate_demand([3, 3, 3])
    assert demand.method == "short_history"
    assert demand.mean_daily == 3
    assert demand.std_daily == pytest.approx(math.sqrt(3))

    single_day = estimate_demand([4])
    assert (single_day.days_observed, single_day.std_daily) == (1, 2.0)


def test_a_short_history_keeps_its_own_spread_when_it_is_wider_than_poisson() -> None:
    demand = estimate_demand([0, 20, 0, 20])
    assert demand.std_daily == pytest.approx(math.sqrt(400 / 3))


def test_stock_that_runs_out_before_an_order_arrives_is_flagged() -> None:
    forecast = forecast_product(product([10] * 28, 30, lead_time_days=5), service_level=0.95, review_period_days=7)
    assert forecast.days_until_stockout == 3
    assert forecast.stockout_before_delivery is True


def test_empty_shelves_with_immediate_delivery_is_still_a_stockout_now() -> None:
    forecast = forecast_product(product([2] * 20, 0, lead_time_days=0), service_level=0.95, review_period_days=0)
    assert forecast.days_until_stockout == 0
    assert forecast.stockout_before_delivery is True
    assert forecast.reorder.quantity == 0  # a zero-day horizon needs nothing


def test_plenty_of_stock_needs_no_order() -> None:
    forecast = forecast_product(product([10] * 28, 1000), service_level=0.95, review_period_days=7)
    assert forecast.reorder.quantity == 0
    assert "no order needed" in forecast.explanation


def test_fractional_quantities_round_up_to_whole_units() -> None:
    forecast = forecast_product(product([0.5] * 20, 0, lead_time_days=3), service_level=0.95, review_period_days=0)
    assert forecast.reorder.low == forecast.reorder.high == forecast.reorder.quantity == 2  # 1.5 needed


def test_safety_stock_uses_the_normal_quantile_of_the_service_level() -> None:
    forecast = forecast_product(product([8, 12] * 14, 0), service_level=0.8, review_period_days=0)
    assert forecast.reorder.safety_stock == pytest.approx(
        NormalDist().inv_cdf(0.8) * math.sqrt(28 * 4 / 27) * math.sqrt(5), abs=1e-3
    )
