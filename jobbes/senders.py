"""How a delivery leaves Jobbes, by channel. The SMS work adds its sender to CHANNEL_SENDERS.

A sender raises SendFailed when the attempt failed in a way worth retrying; the worker records
it, waits longer each time and gives up after a day.
"""

from __future__ import annotations

from collections.abc import Callable

from jobbes import mail, notification_mail
from jobbes.models import Channel, Delivery


class SendFailed(Exception):
    """This attempt did not get through; the message says why, for the admins."""


Sender = Callable[[Delivery], None]


def send_email(delivery: Delivery) -> None:
    try:
        mail.transmit(notification_mail.notification_message(delivery))
    except mail.MailError as error:
        raise SendFailed(str(error)) from error


CHANNEL_SENDERS: dict[Channel, Sender] = {Channel.EMAIL: send_email}
