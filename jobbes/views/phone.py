"""A mobile number for text messages (add, confirm with a code, remove), and the short links
(`/v/<code>`) the texts carry, which open only for their owner once signed in."""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, url_for
from flask_login import current_user

from jobbes.db import db
from jobbes.extensions import limiter
from jobbes.forms.phone import CodeForm, PhoneForm
from jobbes.htmx import render
from jobbes.i18n import format_datetime, speaking
from jobbes.i18n import gettext as _
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.base import utcnow
from jobbes.permissions import Permission
from jobbes.security import is_safe_redirect
from jobbes.services import phones, sms
from jobbes.sms import SmsError, SmsGateway, gateway_from_config
from jobbes.views.access import guard

logger = logging.getLogger(__name__)

bp = Blueprint("phone", __name__, url_prefix="/notifications/phone")
guard(bp, Permission.NOTIFICATION_MANAGE)
links = Blueprint("links", __name__)
guard(links, Permission.NOTIFICATION_MANAGE)

# On top of the per-number lock in the service: one address cannot hammer the forms either.
LINK_CODE = re.compile(r"[A-Za-z0-9]{1,16}")
PHONE_LIMIT = "10 per minute;40 per hour"


def gateway() -> SmsGateway:
    found: SmsGateway | None = current_app.extensions.get("jobbes_sms")
    if found is None:
        found = current_app.extensions["jobbes_sms"] = gateway_from_config(current_app.config)
    return found


def _page(phone_form: Any = None, code_form: Any = None, status: int = 200) -> Any:
    phone = phones.phone_of(current_user)
    now = utcnow()
    return render(
        "notifications/phone.html",
        status=status,
        phone=phone,
        number=phones.for_display(phone.number) if phone and phone.number else None,
        waiting=phone is not None and phone.code_hash is not None and not phone.confirmed,
        locked_until=phone.locked_until if phone and phones.is_locked(phone, now) else None,
        phone_form=phone_form or PhoneForm(),
        code_form=code_form or CodeForm(),
    )


NUMBER_PROBLEMS = {
    phones.NumberProblem.INVALID: _l(
        "That is not a phone number we recognise. "
        "Write the 8 digits of your Norwegian mobile number, for example 412 34 567."
    ),
    phones.NumberProblem.FOREIGN: _l(
        "Jobbes can only send text messages to Norwegian mobile numbers (+47). "
        "Choose email instead, or add a Norwegian number."
    ),
    phones.NumberProblem.NOT_MOBILE: _l(
        "That looks like a landline number. Text messages need a mobile number."
    ),
}


def _locked_message(until: Any) -> str:
    return _(
        "Too many tries. For your safety, no new code can be sent or tried until %(time)s.",
        time=format_datetime(until, "HH:mm"),
    )


@bp.get("")
def page() -> Any:
    return _page()


@bp.post("")
@limiter.limit(PHONE_LIMIT)
def add_number() -> Any:
    form = PhoneForm()
    if not form.validate():
        return _page(phone_form=form, status=422)
    try:
        to_send = phones.request_code(db, current_user, form.number.data, now=utcnow())
    except phones.InvalidNumber as error:
        form.number.errors = [str(NUMBER_PROBLEMS[error.problem])]
        return _page(phone_form=form, status=422)
    except phones.Locked as error:
        db.commit()
        if not phones.is_locked(current_user.phone, utcnow()):
            # Too many codes to that number from several accounts: this page shows no lock.
            flash(_locked_message(error.until), "error")
        return redirect(url_for(".page"), 303)
    number = to_send.phone.number
    db.commit()
    assert number is not None
    with speaking(current_user.language):
        text = _("Your Jobbes code is %(code)s. It works for 10 minutes.", code=to_send.code)
    try:
        gateway().send(number, text)
    except SmsError as error:
        logger.warning("confirmation code to user %s not sent: %s", current_user.id, error)
        flash(
            _("We could not send the text message just now. Try again in a few minutes."), "error"
        )
        return redirect(url_for(".page"), 303)
    flash(_("We sent a code to %(number)s.", number=phones.for_display(number)), "success")
    return redirect(url_for(".page"), 303)


@bp.get("/confirm")
def confirm_address() -> Any:
    """A refused code is shown at this address; opened again, it is the phone page."""
    return redirect(url_for(".page"), 303)


@bp.post("/confirm")
@limiter.limit(PHONE_LIMIT)
def confirm() -> Any:
    form = CodeForm()
    if not form.validate():
        return _page(code_form=form, status=422)
    try:
        phones.confirm(db, current_user, form.code.data, now=utcnow())
    except phones.WrongCode as error:
        db.commit()
        form.code.errors = [
            _(
                "That code is not right. You can try %(left)s more times.",
                left=str(error.attempts_left),
            )
        ]
        return _page(code_form=form, status=422)
    except phones.CodeExpired:
        flash(_("The code has run out. Ask for a new one."), "error")
        return redirect(url_for(".page"), 303)
    except phones.Locked:
        db.commit()  # the page itself says until when
        return redirect(url_for(".page"), 303)
    db.commit()
    flash(_("Your mobile number is confirmed. Now you can choose text messages below."), "success")
    return redirect(url_for("notifications.settings_page"), 303)


@bp.post("/remove")
def remove() -> Any:
    phones.remove(db, current_user)
    db.commit()
    flash(_("Your mobile number is removed. We will not send you text messages."), "success")
    return redirect(url_for(".page"), 303)


@links.get("/v/<code>")
def open_link(code: str) -> Any:
    """The link in a text. Someone else's code is a plain 404: it says nothing about it."""
    if not LINK_CODE.fullmatch(code):
        abort(404)  # not one we made; never handed to the database (a NUL byte, a novel)
    opened = sms.open_link(db, current_user, code, now=utcnow())
    if opened is None:
        abort(404)
    db.commit()
    target = opened.link
    if target is None or not is_safe_redirect(target):
        target = url_for("notifications.index")
    return redirect(target, 303)
