"""Sending text messages: one interface, a development backend that logs, and Sveve.

`SMS_BACKEND` chooses: `log` (the default outside production) writes each text to the log;
`sveve` sends through Sveve's HTTP API (jobbes/sms/sveve.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class SmsError(Exception):
    """The gateway did not take the text. `retry` says whether trying again later may help
    (a timeout, a 5xx, a full queue) or not (bad credentials, a number it refuses)."""

    def __init__(self, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


class SmsGateway(Protocol):
    def send(self, to: str, text: str, *, reference: str | None = None) -> str:
        """Send `text` to `to` (E.164). Returns the provider's message id; raises SmsError."""
        ...


class ConfigError(RuntimeError):
    """SMS_BACKEND names something we cannot build."""


def gateway_from_config(config: Mapping[str, Any]) -> SmsGateway:
    backend = str(config.get("SMS_BACKEND") or "log")
    if backend == "log":
        from jobbes.sms.log import LogGateway

        return LogGateway()
    if backend == "sveve":
        from jobbes.sms.sveve import SveveGateway

        return SveveGateway(
            url=str(config["SMS_SVEVE_URL"]),
            user=str(config["SMS_SVEVE_USER"]),
            password=str(config["SMS_SVEVE_PASSWORD"]),
            sender=str(config["SMS_SENDER"]),
            timeout=float(config.get("SMS_TIMEOUT", 10)),
        )
    raise ConfigError(f"SMS_BACKEND must be log or sveve, not {backend!r}")
