import subprocess
import sys
from pathlib import Path

import pytest

from insights.settings import SettingsError, load_settings

TOKEN = "s" * 32


def test_defaults_listen_on_loopback_port_8000() -> None:
    settings = load_settings({"INSIGHTS_SERVICE_TOKEN": TOKEN})
    assert (settings.host, settings.port, settings.service_token) == ("127.0.0.1", 8000, TOKEN)


def test_host_and_port_come_from_the_environment() -> None:
    settings = load_settings({"INSIGHTS_SERVICE_TOKEN": TOKEN, "INSIGHTS_HOST": "0.0.0.0", "INSIGHTS_PORT": "9123"})
    assert (settings.host, settings.port) == ("0.0.0.0", 9123)


def test_it_refuses_to_start_without_a_token() -> None:
    with pytest.raises(SettingsError, match="INSIGHTS_SERVICE_TOKEN is not set"):
        load_settings({})


def test_a_short_token_is_refused() -> None:
    with pytest.raises(SettingsError, match="at least 32 characters"):
        load_settings({"INSIGHTS_SERVICE_TOKEN": "short"})


def test_no_token_is_allowed_only_when_asked_and_only_on_loopback() -> None:
    assert load_settings({"INSIGHTS_ALLOW_NO_TOKEN": "1"}).service_token is None
    with pytest.raises(SettingsError, match="loopback"):
        load_settings({"INSIGHTS_ALLOW_NO_TOKEN": "1", "INSIGHTS_HOST": "0.0.0.0"})


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_bad_port_is_refused(port: str) -> None:
    with pytest.raises(SettingsError, match="INSIGHTS_PORT"):
        load_settings({"INSIGHTS_SERVICE_TOKEN": TOKEN, "INSIGHTS_PORT": port})


def test_the_service_exits_with_one_clear_line_when_the_token_is_missing() -> None:

    result = subprocess.run(
        [sys.executable, "-m", "insights"],
        cwd=Path(__file__).resolve().parent.parent,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,  # a loaded CI machine is slow to start any interpreter
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "insights: INSIGHTS_SERVICE_TOKEN is not set: the service refuses to start without its caller's credential "
        "(INSIGHTS_ALLOW_NO_TOKEN=1 allows it for local tests)"
    ]
