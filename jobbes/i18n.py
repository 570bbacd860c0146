"""Which language a page speaks, and the words and dates in it.

The language is the visitor's choice, else their browser's, else Bokmål.

`gettext` and friends here do what Flask-Babel's do, faster. Flask-Babel looks up the domain,
the locale and the catalogue again on every call (about 20 µs, 40 µs through Jinja) and a page of
search results asks for a few hundred words: that was a third of the page's time. Here the
catalogue is looked up once per request and kept on `g`. Nothing in Jobbes switches language in
the middle of a request except inside `speaking()`, which sets the kept one aside.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import cache, lru_cache
from typing import Any

import flask_babel
from babel import Locale, dates, support
from flask import Flask, g, has_app_context, request
from flask_babel.speaklater import LazyString
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
from wtforms.i18n import messages_path

from jobbes.models.base import LOCAL_TIMEZONE

LANGUAGES = {"nb": "Norsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"
LANGUAGE_COOKIE = "jobbes_lang"
# Browsers ask for Norwegian in three ways; all of them get Bokmål.
_ALIASES = {"no": "nb", "nn": "nb", "nb": "nb", "en": "en"}


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    # In the browser's order of preference; "nn-NO" counts as Norwegian even if "en" comes later.
    for tag, _quality in request.accept_languages:
        primary = tag.split("-", 1)[0].lower()
        if primary in _ALIASES:
            return _ALIASES[primary]
    return DEFAULT_LANGUAGE


_LOCALES = {language: Locale.parse(language) for language in LANGUAGES}


def select_babel_locale() -> Locale:
    """select_locale() for Flask-Babel, as one of a few Locale objects made once: it would parse
    the language's name into a new one on every request."""
    return _LOCALES[select_locale()]


def _translations() -> support.NullTranslations:
    if not has_app_context():
        return support.NullTranslations()
    found: support.NullTranslations | None = g.get("_jobbes_translations")
    if found is None:
        found = g._jobbes_translations = flask_babel.get_translations()
    return found


def _locale() -> Locale:
    if not has_app_context():
        return Locale.parse(DEFAULT_LANGUAGE)
    found: Locale | None = g.get("_jobbes_locale")
    if found is None:
        found = g._jobbes_locale = flask_babel.get_locale() or Locale.parse(DEFAULT_LANGUAGE)
    return found


def gettext(string: str, **variables: Any) -> str:
    translated = _translations().ugettext(string)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, num: int, **variables: Any) -> str:
    variables.setdefault("num", num)
    return _translations().ungettext(singular, plural, num) % variables


def lazy_gettext(string: str, **variables: Any) -> LazyString:
    """Words translated when they are shown, in the language of whoever is reading: for labels
    and form fields defined once at import time."""
    return LazyString(gettext, string, **variables)


# The only ways a date is written: each is one of Babel's own formats for the page's language, so
# English reads "December 9, 2026" and Norwegian "9. desember 2026" without a pattern of ours.
# A style is a CLDR date length or, for dates without a year, a CLDR skeleton.
DATE_STYLES = {
    "full": "full",  # onsdag 9. desember 2026 / Wednesday, December 9, 2026
    "long": "long",  # 9. desember 2026 / December 9, 2026
    "medium": "medium",  # 9. des. 2026 / Dec 9, 2026
    "short": "short",  # 09.12.2026 / 12/9/26
    "day_month": "MMMMd",  # 9. desember / December 9
    "day_month_short": "MMMd",  # 9. des. / Dec 9
    "weekday": "MMMMEEEEd",  # onsdag 9. desember / Wednesday, December 9
}


def _date_in(day: date, style: str, locale: str) -> str:
    try:
        form = DATE_STYLES[style]
    except KeyError:
        known = ", ".join(DATE_STYLES)
        raise ValueError(f"unknown date style {style!r}; use one of {known}") from None
    if form in ("full", "long", "medium", "short"):
        return dates.format_date(day, form, locale=locale)
    return dates.format_skeleton(form, day, locale=locale)


@lru_cache(maxsize=4096)
def _formatted(day: date, style: str, locale: str) -> str:
    return _date_in(day, style, locale)


def format_date(value: date | datetime, style: str = "long") -> str:
    """A date in the page's language ("9. desember 2026"); a moment in time on the calendar in
    Kristiansand."""
    if isinstance(value, datetime):
        value = _local(value).date()
    return _formatted(value, style, str(_locale()))


def format_datetime(value: datetime, style: str = "long") -> str:
    """A moment (stored in UTC) as the clock in Kristiansand showed it: the date in `style`, the
    time of day in the language's short form, joined as the language joins them."""
    local = _local(value)
    locale = _locale()
    day = _formatted(local.date(), style, str(locale))
    clock = dates.format_time(local, "short", locale=locale)
    length = style if style in ("long", "medium", "short") else "medium"
    return str(locale.datetime_formats[length]).replace("{1}", day).replace("{0}", clock)


def format_time(value: datetime) -> str:
    """A moment (stored in UTC) as the time of day in Kristiansand, in the language's short form."""
    return str(dates.format_time(_local(value), "short", locale=_locale()))


def _local(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(LOCAL_TIMEZONE)


# What this module keeps on `g` for the page's language (see speaking()).
_KEPT_ON_G = ("_jobbes_translations", "_jobbes_locale", "_jobbes_language")


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Words and dates in `language` for a while: a text or an email to someone else, in theirs.
    The catalogue kept on `g` is set aside and put back afterwards."""
    kept = {key: g.pop(key, None) for key in _KEPT_ON_G}
    try:
        with flask_babel.force_locale(language if language in LANGUAGES else DEFAULT_LANGUAGE):
            yield
    finally:
        for key, value in kept.items():
            g.pop(key, None)
            if value is not None:
                setattr(g, key, value)


def current_language() -> str:
    # Asked for by many parts of a page (the keys of its kept parts hold it): worked out once.
    if not has_app_context():
        return DEFAULT_LANGUAGE
    found: str | None = g.get("_jobbes_language")
    if found is None:
        found = g._jobbes_language = str(_locale())
    return found


@cache
def _wtforms_catalogue(language: str) -> support.NullTranslations:
    return support.Translations.load(messages_path(), [language], domain="wtforms")


def wtforms_translations() -> support.NullTranslations:
    """WTForms' own messages ("Not a valid integer value.") in the page's language, read from
    disk once per language rather than once per request as Flask-WTF does."""
    return _wtforms_catalogue(current_language())


@pass_eval_context
def _template_gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
    # What Jinja's "newstyle" gettext does (translate, mark safe, then always format, escaping the
    # values), in one call: its `_()` passes through three, a few microseconds for each of the
    # few dozen words on a page.
    translated = _translations().ugettext(string)
    if eval_ctx.autoescape:
        # The catalogue's words are ours (some hold markup on purpose); the values are escaped.
        translated = Markup(translated)  # noqa: S704
    if variables or "%" in translated:
        return translated % variables
    return translated  # as formatting with nothing would leave it


@pass_eval_context
def _template_ngettext(
    eval_ctx: EvalContext, singular: str, plural: str, num: int, **variables: Any
) -> str:
    variables.setdefault("num", num)
    translated = ngettext(singular, plural, num)
    if eval_ctx.autoescape:
        translated = Markup(translated)  # noqa: S704 - as in _template_gettext
    return translated % variables


def init_app(app: Flask) -> None:
    """Templates use these for `_()`, `ngettext()` and the date filters (replacing the ones
    Flask-Babel installed). `dateformat` shows only the day, `datetimeformat` the day and the
    time."""
    # The i18n extension adds this method to the environment at run time; Jinja's types omit it.
    app.jinja_env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.globals.update(
        _=_template_gettext, gettext=_template_gettext, ngettext=_template_ngettext
    )
    app.jinja_env.filters.update(
        dateformat=format_date, datetimeformat=format_datetime, timeformat=format_time
    )
