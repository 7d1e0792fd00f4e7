"""HTTP wiring: routes, the caller's credential, nothing else."""

import hmac
from typing import Any, Callable, Dict, Literal, Optional

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

from insights.models.forecast import forecast_stock_out
from insights.models.risk import assess_late_payment
from insights.schemas.forecast import StockOutForecastRequest, StockOutForecastResponse
from insights.schemas.risk import LatePaymentRiskRequest, LatePaymentRiskResponse
from insights.settings import Settings
from insights.tracing import add_tracing

API_VERSION = "1.0.0"
UNAUTHORIZED: Dict[int, Dict[str, Any]] = {401: {"description": "Missing or wrong service token"}}


class Health(BaseModel):
    status: Literal["ok"]


def require_service_token(settings: Settings) -> Callable[[Optional[HTTPAuthorizationCredentials]], None]:
    expected = settings.service_token.encode() if settings.service_token is not None else None
    bearer = HTTPBearer(auto_error=False, description="The shared service credential (INSIGHTS_SERVICE_TOKEN)")

    def check(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
        if expected is None:
            return
        presented = credentials.credentials.encode() if credentials is not None else b""
        # Constant time: the comparison must not reveal how much of a guessed token was right.
        if not hmac.compare_digest(presented, expected):
            raise HTTPException(
                status_code=status.HTTP_401_UNAUTHORIZED,
                detail="A valid service token is required",
                headers={"WWW-Authenticate": "Bearer"},
            )

    return check


def create_app(settings: Settings) -> FastAPI:
    # No /docs or /redoc: they load scripts from a public CDN. The document itself is at /openapi.json.
    app = FastAPI(title="Tally insights", version=API_VERSION, docs_url=None, redoc_url=None)
    add_tracing(app)
    authenticated = [Depends(require_service_token(settings))]

    @app.get("/health", response_model=Health, operation_id="health", tags=["health"])
    def health() -> Health:
        return Health(status="ok")

    @app.post(
        "/v1/forecasts/stock-out",
        response_model=StockOutForecastResponse,
        dependencies=authenticated,
        responses=UNAUTHORIZED,
        operation_id="forecastStockOut",
        tags=["forecasts"],
        summary="Days until each product runs out and how much to reorder",
    )
    def stock_out(request: StockOutForecastRequest) -> StockOutForecastResponse:
        return forecast_stock_out(request)

    @app.post(
        "/v1/risk/late-payment",
        response_model=LatePaymentRiskResponse,
        dependencies=authenticated,
        responses=UNAUTHORIZED,
        operation_id="assessLatePaymentRisk",
        tags=["risk"],
        summary="The probability that each open invoice is paid late, and why",
    )
    def late_payment(request: LatePaymentRiskRequest) -> LatePaymentRiskResponse:
        return assess_late_payment(request)

    return app
