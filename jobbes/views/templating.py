"""What every template can use: permission checks, asset URLs and the language switcher."""

from __future__ import annotations

import enum
import hashlib
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from flask import Flask, current_app, g, request, url_for
from flask_login import current_user
from jinja2 import StrictUndefined

from jobbes import areas, labels, notification_texts, orgnr, workdays
from jobbes.db import db
from jobbes.i18n import LANGUAGES, current_language, format_date, gettext
from jobbes.permissions import Permission, can
from jobbes.services import notifications
from jobbes.vocabulary import (
    Language,
    LanguageLevel,
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    PoliceCertificateBasis,
    Sector,
    TrialPay,
    Weekpart,
)


@cache
def _fingerprint(static_folder: str, filename: str) -> str:
    return hashlib.sha256((Path(static_folder) / filename).read_bytes()).hexdigest()[:12]


def asset(filename: str) -> str:
    """A static file's URL with its content hash, so browsers may cache it for a year."""
    # Built once per worker: building URLs is the dearest part of a page's head otherwise.
    urls: dict[tuple[str, str], str] = current_app.extensions.setdefault("jobbes.asset_urls", {})
    key = (request.script_root, filename)
    if (url := urls.get(key)) is None:
        fingerprint = _fingerprint(current_app.static_folder, filename)
        url = urls[key] = url_for("static", filename=filename, v=fingerprint)
    return url


def current_path() -> str:
    return request.full_path.rstrip("?") if request else "/"


def input_attributes(field: Any, **extra: Any) -> dict[str, Any]:
    """The accessibility attributes that tie an input to its hint and its error message.

    An `id` among the extras renders the same field more than once on a page (one per card).
    """
    field_id = extra.get("id", field.id)
    described_by = []
    if field.description:
        described_by.append(f"{field_id}-hint")
    if field.errors:
        described_by.append(f"{field_id}-error")
    attributes: dict[str, Any] = {"class": "ds-input"}
    if described_by:
        attributes["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attributes["aria-invalid"] = "true"
    # Server-side validation speaks for itself; the browser's `required` bubbles would not be ours.
    attributes["required"] = False
    attributes.update(extra)
    return attributes


class MacroLibrary:
    """A macro template reachable from every block, also when htmx renders one block alone.

    A `{% from ... import %}` at the top of a page runs only when the whole page renders, so a
    block rendered on its own would not see it; a global does not have that problem.
    """

    def __init__(self, app: Flask, template_name: str) -> None:
        self._app = app
        self._template_name = template_name

    def __getattr__(self, name: str) -> Any:
        return getattr(self._app.jinja_env.get_template(self._template_name).module, name)


def show_value(value: Any, field: str = "") -> str:
    """A stored value of `field` in words: for comparing two versions of something."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, enum.Enum):
        return str(labels.ALL_CODES.get(value, value.value))
    if field == "area":
        return areas.name_of(value)
    return str(value)


def listing_when(version: Any) -> str:
    """When a listing's work happens, as every card and listing page says it: a Python filter,
    as a macro call per card cost more than the rest of the card."""
    if version.start_date and version.end_date:
        start = format_date(version.start_date, "day_month")
        return f"{start} – {format_date(version.end_date, 'long')}"
    if version.start_date:
        starts = gettext("From %(date)s", date=format_date(version.start_date, "long"))
        return f"{starts}, {version.duration}" if version.duration else starts
    if version.duration:
        return str(version.duration)
    return gettext("By agreement")


def unread_notifications() -> int:
    """For the header on every page: one COUNT per request, and none for visitors."""
    if not current_user.is_authenticated:
        return 0
    if "_unread_notifications" not in g:
        g._unread_notifications = notifications.unread_count(db, current_user)
    count: int = g._unread_notifications
    return count


def user_can(permission: Permission, target: object | None = None) -> bool:
    return can(current_user, permission, target)


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        asset=asset,
        input_attributes=input_attributes,
        forms=MacroLibrary(app, "macros/forms.html"),
        profiles=MacroLibrary(app, "macros/profiles.html"),
        listings=MacroLibrary(app, "macros/listings.html"),
        conversations=MacroLibrary(app, "macros/interests.html"),
        labels=labels,
        travel_label=lambda minutes: labels.TRAVEL.get(minutes, ""),
        is_overdue=workdays.is_overdue,
        can=user_can,
        Permission=Permission,
        LANGUAGES=LANGUAGES,
        current_path=current_path,
        current_language=current_language,
        unread_notifications=unread_notifications,
        notification_texts=notification_texts,
    )
    app.jinja_env.filters.update(
        orgnr=orgnr.display,
        area_name=areas.name_of,
        listing_when=listing_when,
        opportunity_label=lambda v: labels.OPPORTUNITIES[Opportunity(v)],
        field_label=lambda v: labels.FIELDS[OccupationalField(v)],
        weekpart_label=lambda v: labels.WEEKPARTS[Weekpart(v)],
        language_label=lambda v: labels.LANGUAGES[Language(v)],
        language_level_label=lambda v: labels.LANGUAGE_LEVELS[LanguageLevel(int(v))],
        skill_label=labels.skill_label,
        listing_type_label=lambda v: labels.LISTING_TYPES[ListingType(v)],
        trial_pay_label=lambda v: labels.TRIAL_PAY[TrialPay(v)],
        police_basis_label=lambda v: labels.POLICE_BASIS[PoliceCertificateBasis(v)],
        language_need_label=lambda v: labels.LANGUAGE_NEEDS[LanguageNeed(v)],
        sector_label=lambda v: labels.SECTORS[Sector(v)],
        organisation_status_label=lambda v: labels.ORGANISATION_STATUS[str(v)],
        review_status_label=lambda v: labels.REVIEW_STATUS[str(v)],
        show_value=show_value,
        role_label=lambda v: labels.ROLES[str(v)],
        rejection_reason_label=lambda v: labels.REJECTION_REASON_BY_CODE.get(str(v), v),
        reject_keys=lambda mapping, *keys: {k: v for k, v in mapping.items() if k not in keys},
        reason_text=labels.reason_text,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    # A template reading a variable nobody passed is a bug; fail loudly so tests catch it.
    app.jinja_env.undefined = StrictUndefined
