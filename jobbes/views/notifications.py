"""Notifications for every signed-in person: the inbox, opening one, and how to be told."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user

from jobbes.db import db
from jobbes.forms.notifications import channel_field, frequency_field, settings_form
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Channel, Frequency
from jobbes.models.base import utcnow
from jobbes.permissions import Permission
from jobbes.security import is_safe_redirect
from jobbes.services import notifications
from jobbes.views.access import guard
from jobbes.views.templating import unread_notifications

bp = Blueprint("notifications", __name__, url_prefix="/notifications")
guard(bp, Permission.NOTIFICATION_MANAGE)


def _page_number() -> int:
    return request.args.get("page", 1, type=int) or 1


@bp.get("")
def index() -> Any:
    page = notifications.inbox(db, current_user, _page_number())
    return render("notifications/index.html", page=page, unread=unread_notifications())


@bp.get("/<int:notification_id>/open")
def open_notification(notification_id: int) -> Any:
    """Following a notification marks it read; then on to what it is about."""
    notification = notifications.mark_read(db, current_user, notification_id, now=utcnow())
    if notification is None:
        abort(404)
    db.commit()
    link = notification.link if is_safe_redirect(notification.link) else url_for(".index")
    return redirect(link, 303)


@bp.post("/<int:notification_id>/read")
def mark_read(notification_id: int) -> Any:
    if notifications.mark_read(db, current_user, notification_id, now=utcnow()) is None:
        abort(404)
    db.commit()
    return redirect_client(url_for(".index", page=_page_number()))


@bp.post("/read")
def mark_all_read() -> Any:
    notifications.mark_all_read(db, current_user, now=utcnow())
    db.commit()
    flash(_("All notifications are marked as read."), "success")
    return redirect_client(url_for(".index"))


def _settings_page(form: Any, status: int = 200) -> Any:
    return render(
        "notifications/settings.html",
        status=status,
        form=form,
        categories=notifications.CATEGORIES_FOR_ROLE.get(current_user.role, ()),
        sms_allowed=notifications.sms_allowed(current_user),
        channel_field=channel_field,
        frequency_field=frequency_field,
    )


def _form(**kwargs: Any) -> Any:
    categories = notifications.CATEGORIES_FOR_ROLE.get(current_user.role, ())
    return settings_form(categories, sms=notifications.sms_allowed(current_user), **kwargs)


@bp.get("/settings")
def settings_page() -> Any:
    chosen = notifications.preferences_of(db, current_user)
    data = {}
    for category, preference in chosen.items():
        data[channel_field(category)] = preference.channel.value
        data[frequency_field(category)] = preference.frequency.value
    return _settings_page(_form(data=data))


@bp.post("/settings")
def save_settings() -> Any:
    form = _form()
    if not form.validate():
        return _settings_page(form, status=422)
    for category in notifications.CATEGORIES_FOR_ROLE.get(current_user.role, ()):
        notifications.set_preference(
            db,
            current_user,
            category,
            Channel(form[channel_field(category)].data),
            Frequency(form[frequency_field(category)].data),
        )
    db.commit()
    flash(_("Your choices are saved."), "success")
    return redirect_client(url_for(".settings_page"))
