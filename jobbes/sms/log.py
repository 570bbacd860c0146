"""The development backend: every text goes to the log, where a developer (or a test) reads it."""

from __future__ import annotations

import logging
import secrets

logger = logging.getLogger("jobbes.sms")


class LogGateway:
    def send(self, to: str, text: str, *, reference: str | None = None) -> str:
        message_id = f"log-{secrets.token_hex(6)}"
        logger.info("SMS to %s (%s): %s", to, message_id, text)
        return message_id
