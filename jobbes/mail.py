"""Sending email over SMTP.

Production must name an SMTP server. On a developer's machine without one, messages are written to
the log instead, so that password-reset links can still be followed.
"""

from __future__ import annotations

import smtplib
import ssl
import unicodedata
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, render_template


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


def send(message: EmailMessage) -> bool:
    """Hand the message to the SMTP server; False (and a logged error) if that failed."""
    config = current_app.config
    if not config["MAIL_SERVER"]:
        current_app.logger.warning("No MAIL_SERVER set; this email was not sent:\n%s", message)
        return True
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
    except (smtplib.SMTPException, OSError):
        # A mail server that is down must not turn a page into an error; the log tells operations.
        current_app.logger.exception("Could not send email %r", message["Subject"])
        return False
    return True


def send_template(to: str, subject: str, template: str, **context: object) -> bool:
    return send(compose(to, subject, template, **context))
