"""The SMS channel as the delivery worker calls it: one round over every text that is due.

For the worker's registry of channel senders (issue 12's delivery): it builds the gateway and
the words from the app's configuration and hands the decisions to `services.sms`. Call it inside
an app context (the texts are translated) and commit afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from jobbes.services.sms import SmsOutcome, send_due_sms
from jobbes.sms import SmsGateway, gateway_from_config
from jobbes.sms.texts import composer


def deliver_due_texts(
    session: Session,
    now: datetime,
    config: Mapping[str, Any],
    *,
    gateway: SmsGateway | None = None,
) -> list[SmsOutcome]:
    """Send, hold, fold or give up every SMS delivery due at `now`."""
    return send_due_sms(
        session,
        gateway or gateway_from_config(config),
        now,
        compose=composer(str(config.get("SMS_LINK_HOST", "jobbes.no"))),
    )
