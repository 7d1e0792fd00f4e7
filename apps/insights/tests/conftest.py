from typing import Dict

import pytest
from fastapi.testclient import TestClient

from insights.api import create_app
from insights.settings import Settings

TOKEN = "t" * 40


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Settings(host="127.0.0.1", port=8000, service_token=TOKEN)))


@pytest.fixture
def auth() -> Dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
