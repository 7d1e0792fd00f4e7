"""The service's configuration, read once from the environment at start."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Mapping, Optional


class SettingsError(ValueError):
    """The environment does not describe a service that may start."""


@dataclass(frozen=True)
class Settings:
    host: str
    port: int
    # None only when INSIGHTS_ALLOW_NO_TOKEN=1: every caller is then accepted (local tests only).
    service_token: Optional[str]

    @property
    def requires_token(self) -> bool:
        return self.service_token is not None


MIN_TOKEN_LENGTH = 32


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(env: Mapping[str, str] = os.environ) -> Settings:
    host = env.get("INSIGHTS_HOST", "").strip() or "127.0.0.1"
    raw_port = env.get("INSIGHTS_PORT", "").strip() or "8000"
    if not raw_port.isdigit() or not 0 < int(raw_port) < 65536:
        raise SettingsError(f"INSIGHTS_PORT must be a port number (1-65535), got {raw_port!r}")

    token = env.get("INSIGHTS_SERVICE_TOKEN", "").strip()
    if token:
        if len(token) < MIN_TOKEN_LENGTH:
            raise SettingsError(f"INSIGHTS_SERVICE_TOKEN must be at least {MIN_TOKEN_LENGTH} characters")
        return Settings(host=host, port=int(raw_port), service_token=token)

    if env.get("INSIGHTS_ALLOW_NO_TOKEN") != "1":
        raise SettingsError(
            "INSIGHTS_SERVICE_TOKEN is not set: the service refuses to start without its caller's credential "
            "(INSIGHTS_ALLOW_NO_TOKEN=1 allows it for local tests)"
        )
    # An unauthenticated service reachable from other machines would answer anyone.
    if not _is_loopback(host):
        raise SettingsError("INSIGHTS_ALLOW_NO_TOKEN=1 is only allowed on a loopback INSIGHTS_HOST")
    return Settings(host=host, port=int(raw_port), service_token=None)
