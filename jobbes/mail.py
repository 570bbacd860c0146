"""Sending email over SMTP.

Production must name an SMTP server. On a developer's machine without one, messages are written to
the log instead, so that password-reset links can still be followed.
"""

from __future__ import annotations

import email.policy
import smtplib
import ssl
import unicodedata
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template

# RFC 5322 allows 998 characters a line. The default of 78 would fold a List-Unsubscribe URL,
# which has no spaces, into RFC 2047 encoded words that mail clients do not read as a URL.
LONG_LINES = email.policy.default.clone(max_line_length=998)


class MailError(Exception):
    """The SMTP server could not be reached or refused the message."""


def one_line(text: str) -> str:
    """Text fit for a header: a line break in a name (saved before forms refused them) would
    otherwise make the header invalid, or add a header of its own."""
    spaced = "".join(" " if unicodedata.category(ch) in {"Cc", "Zl", "Zp"} else ch for ch in text)
    return " ".join(spaced.split())


def compose(to: str, subject: str, template: str, **context: object) -> EmailMessage:
    """A plain-text message from `templates/mail/<template>.txt`."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = one_line(to)
    message["Subject"] = one_line(subject)
    message["Message-ID"] = make_msgid(domain="jobbes.no")
    message.set_content(render_template(f"mail/{template}.txt", **context))
    return message


def compose_alternative(
    to: str,
    subject: str,
    template: str,
    *,
    message_id: str,
    headers: dict[str, str] | None = None,
    **context: object,
) -> EmailMessage:
    """Plain text and HTML (`mail/<template>.txt` and `.html`), for mail a worker sends.

    `message_id` is fixed by the caller: a retry of the same delivery carries the same one, so a
    mail server or reader that sees it twice can tell it is one message."""
    message = EmailMessage(policy=LONG_LINES)
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(render_template(f"mail/{template}.txt", **context))
    message.add_alternative(render_template(f"mail/{template}.html", **context), subtype="html")
    return message


def transmit(message: EmailMessage) -> None:
    """Hand the message to the SMTP server, or raise MailError: for callers that retry."""
    config = current_app.config
    if not config["MAIL_SERVER"]:
        current_app.logger.warning("No MAIL_SERVER set; this email was not sent:\n%s", message)
        return
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    try:
        with smtp_class(
            config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
        ) as smtp:
            if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise MailError(f"{type(error).__name__}: {error}") from error


def send(message: EmailMessage) -> bool:
    """Hand the message to the SMTP server; False (and a logged error) if that failed."""
    try:
        transmit(message)
    except MailError:
        # A mail server that is down must not turn a page into an error; the log tells operations.
        current_app.logger.exception("Could not send email %r", message["Subject"])
        return False
    return True


def send_template(to: str, subject: str, template: str, **context: object) -> bool:
    return send(compose(to, subject, template, **context))
