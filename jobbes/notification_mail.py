"""The email that tells a person of a notification, or of a day's worth of them.

Written in the recipient's language, with the site's name and the notification's title as the
subject (titles take no parameters, so a subject never carries a name), a one-click unsubscribe
for the category (RFC 8058) and a link to the settings.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from email.message import EmailMessage

import flask_babel
from flask import current_app, g, url_for
from itsdangerous import BadSignature, URLSafeTimedSerializer

from jobbes import mail, notification_texts
from jobbes.i18n import DEFAULT_LANGUAGE, LANGUAGES, gettext
from jobbes.models import Category, Delivery, Notification, User

SITE_NAME = "Jobbes"
TOKEN_MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="jobbes.unsubscribe")


def unsubscribe_token(user: User, category: Category) -> str:
    return _serializer().dumps({"u": user.id, "c": category.value})


def read_unsubscribe_token(token: str) -> tuple[int, Category] | None:
    """Whose choice, for which category; None for a forged, damaged or very old token."""
    try:
        data = _serializer().loads(token, max_age=TOKEN_MAX_AGE)
        return int(data["u"]), Category(data["c"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None


def absolute(path: str) -> str:
    return str(current_app.config["SITE_URL"]) + path


@contextmanager
def written_for(user: User) -> Iterator[None]:
    """Render in the person's language, with URLs as the site's own (the worker has no request)."""
    language = user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE
    with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
        # jobbes.i18n keeps the catalogue on g for a request; this is a different reader.
        g.pop("_jobbes_translations", None)
        g.pop("_jobbes_locale", None)
        with flask_babel.force_locale(language):
            yield
        g.pop("_jobbes_translations", None)
        g.pop("_jobbes_locale", None)


def message_id(key: str) -> str:
    """The same for every attempt at one delivery (`key` is unique per notification and
    channel): a reader that gets a retry twice sees one message."""
    return f"<delivery.{key.replace(':', '.')}@jobbes.no>"


def _list_headers(user: User, category: Category) -> dict[str, str]:
    link = absolute(url_for("unsubscribe.page", token=unsubscribe_token(user, category)))
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Out-of-office replies and the like must not answer a message no person wrote.
        "Auto-Submitted": "auto-generated",
    }


def subject_for(notification: Notification) -> str:
    return f"{notification_texts.title(notification.kind)} – {SITE_NAME}"


def _item(notification: Notification) -> dict[str, str]:
    return {
        "title": notification_texts.title(notification.kind),
        "body": notification_texts.body(notification.kind, notification.params),
        "link": absolute(
            url_for("notifications.open_notification", notification_id=notification.id)
        ),
    }


def _common(user: User, category: Category) -> dict[str, object]:
    return {
        "site_name": SITE_NAME,
        "language": user.language if user.language in LANGUAGES else DEFAULT_LANGUAGE,
        "settings_link": absolute(url_for("notifications.settings_page")),
        "site_link": absolute(url_for("notifications.index")),
        "unsubscribe_link": absolute(
            url_for("unsubscribe.page", token=unsubscribe_token(user, category))
        ),
        "category": notification_texts.category_label(category),
    }


def notification_message(delivery: Delivery) -> EmailMessage:
    notification = delivery.notification
    user = notification.user
    with written_for(user):
        return mail.compose_alternative(
            user.email,
            subject_for(notification),
            "notification",
            message_id=message_id(delivery.key),
            headers=_list_headers(user, notification.category),
            item=_item(notification),
            **_common(user, notification.category),
        )


def summary_message(user: User, deliveries: Sequence[Delivery]) -> EmailMessage:
    """One email with a day's notifications. Unsubscribing from it turns off the category of
    the first; the settings link covers the rest."""
    notifications = [delivery.notification for delivery in deliveries]
    category = notifications[0].category
    with written_for(user):
        return mail.compose_alternative(
            user.email,
            f"{gettext('Your summary for today')} – {SITE_NAME}",
            "summary",
            message_id=message_id("summary." + ".".join(d.key for d in deliveries[:1])),
            headers=_list_headers(user, category),
            items=[_item(notification) for notification in notifications],
            **_common(user, category),
        )
