from typing import Any, Dict, List

from fastapi.testclient import TestClient

from insights.api import create_app
from insights.settings import Settings

FORECAST = "/v1/forecasts/stock-out"
RISK = "/v1/risk/late-payment"


def forecast_body(**product: Any) -> Dict[str, Any]:
    return {
        "products": [{"product_id": "p1", "daily_sales": [10] * 28, "stock_on_hand": 95, "lead_time_days": 5, **product}]
    }


def risk_body() -> Dict[str, Any]:
    history = [
        {"amount": 100, "issue_date": f"2026-{m:02d}-01", "due_date": f"2026-{m:02d}-28", "paid_date": f"2026-{m + 1:02d}-27"}
        for m in range(1, 11)
    ]
    open_invoice = {"invoice_id": "inv-1", "amount": 100, "issue_date": "2026-11-20", "due_date": "2026-12-20", "days_overdue": 0}
    return {"as_of": "2026-12-01", "customers": [{"customer_id": "c1", "history": history, "open_invoices": [open_invoice]}]}


def error_locations(response: Any) -> List[List[Any]]:
    return [error["loc"] for error in response.json()["detail"]]


def test_health_needs_no_token(client: TestClient) -> None:
    response = client.get("/health")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_the_forecast_endpoint_answers_with_the_model(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(FORECAST, json=forecast_body(), headers=auth)

    assert response.status_code == 200
    body = response.json()
    assert body["model_version"] == "stock-out/1"
    forecast = body["forecasts"][0]
    assert (forecast["product_id"], forecast["days_until_stockout"], forecast["reorder"]["quantity"]) == ("p1", 9.5, 25)


def test_zero_demand_travels_as_null_days(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(FORECAST, json=forecast_body(daily_sales=[0] * 10), headers=auth)
    assert response.status_code == 200
    assert response.json()["forecasts"][0]["days_until_stockout"] is None


def test_the_risk_endpoint_answers_with_the_model(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(RISK, json=risk_body(), headers=auth)

    assert response.status_code == 200
    invoice = response.json()["invoices"][0]
    assert (invoice["invoice_id"], invoice["band"]) == ("inv-1", "high")
    assert 0.8 < invoice["probability_late"] < 0.95


def test_without_a_token_the_models_are_not_reachable(client: TestClient) -> None:
    for path, body in ((FORECAST, forecast_body()), (RISK, risk_body())):
        response = client.post(path, json=body)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused(client: TestClient, auth: Dict[str, str]) -> None:
    wrong = {"Authorization": auth["Authorization"][:-1] + "x"}
    assert client.post(FORECAST, json=forecast_body(), headers=wrong).status_code == 401
    assert client.post(FORECAST, json=forecast_body(), headers={"Authorization": "Basic abc"}).status_code == 401


def test_the_token_is_checked_before_the_body(client: TestClient) -> None:
    assert client.post(FORECAST, json={"products": "nonsense"}).status_code == 401


def test_negative_stock_is_a_422_naming_the_field(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(FORECAST, json=forecast_body(stock_on_hand=-1), headers=auth)
    assert response.status_code == 422
    assert error_locations(response) == [["body", "products", 0, "stock_on_hand"]]


def test_a_negative_daily_sale_is_a_422_naming_the_day(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(FORECAST, json=forecast_body(daily_sales=[3, -2, 4]), headers=auth)
    assert response.status_code == 422
    assert error_locations(response) == [["body", "products", 0, "daily_sales", 1]]


def test_an_empty_history_is_a_422(client: TestClient, auth: Dict[str, str]) -> None:
    response = client.post(FORECAST, json=forecast_body(daily_sales=[]), headers=auth)
    assert response.status_code == 422
    assert error_locations(response) == [["body", "products", 0, "daily_sales"]]


def test_non_finite_numbers_are_a_422(client: TestClient, auth: Dict[str, str]) -> None:
    # Python's JSON parser accepts NaN; the model must not.
    body = '{"products": [{"product_id": "p1", "daily_sales": [NaN], "stock_on_hand": 1, "lead_time_days": 1}]}'
    response = client.post(FORECAST, content=body, headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert error_locations(response) == [["body", "products", 0, "daily_sales", 0]]


def test_a_fractional_lead_time_and_a_bad_service_level_are_named(client: TestClient, auth: Dict[str, str]) -> None:
    body = {**forecast_body(lead_time_days=2.5), "service_level": 1.5}
    response = client.post(FORECAST, json=body, headers=auth)
    assert response.status_code == 422
    assert sorted(map(str, error_locations(response))) == sorted(
        map(str, [["body", "products", 0, "lead_time_days"], ["body", "service_level"]])
    )


def test_a_repeated_product_is_a_422(client: TestClient, auth: Dict[str, str]) -> None:
    body = forecast_body()
    body["products"].append(dict(body["products"][0]))
    response = client.post(FORECAST, json=body, headers=auth)
    assert response.status_code == 422
    assert error_locations(response) == [["body", "products"]]
    assert "appears more than once" in response.json()["detail"][0]["msg"]


def test_a_due_date_before_the_issue_date_is_a_422_naming_it(client: TestClient, auth: Dict[str, str]) -> None:
    body = risk_body()
    body["customers"][0]["open_invoices"][0]["due_date"] = "2026-11-01"
    response = client.post(RISK, json=body, headers=auth)
    assert response.status_code == 422
    assert error_locations(response) == [["body", "customers", 0, "open_invoices", 0, "due_date"]]


def test_a_zero_amount_and_a_bad_date_are_named(client: TestClient, auth: Dict[str, str]) -> None:
    body = risk_body()
    body["customers"][0]["history"][2]["amount"] = 0
    body["as_of"] = "yesterday"
    response = client.post(RISK, json=body, headers=auth)
    assert response.status_code == 422
    assert sorted(map(str, error_locations(response))) == sorted(
        map(str, [["body", "as_of"], ["body", "customers", 0, "history", 2, "amount"]])
    )


def test_without_a_configured_token_every_caller_is_accepted() -> None:
    open_client = TestClient(create_app(Settings(host="127.0.0.1", port=8000, service_token=None)))
    assert open_client.post(FORECAST, json=forecast_body()).status_code == 200


def test_the_interactive_docs_are_off(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
