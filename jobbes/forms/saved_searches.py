"""Saving the search one is looking at, changing a saved one, and saying in words what it finds."""

from __future__ import annotations

from urllib.parse import parse_qs

from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from jobbes.forms.base import Form
from jobbes.forms.search import SearchForm
from jobbes.i18n import gettext as _
from jobbes.i18n import lazy_gettext as _l
from jobbes.models import AlertFrequency

FREQUENCY_CHOICES = [
    SelectChoice(AlertFrequency.DAILY.value, _l("Daily")),
    SelectChoice(AlertFrequency.WEEKLY.value, _l("Weekly")),
    SelectChoice(AlertFrequency.NONE.value, _l("No alerts, just keep it")),
]
FREQUENCY_LABELS = {choice.value: choice.label for choice in FREQUENCY_CHOICES}


def _name_field() -> StringField:
    return StringField(
        _l("Name"),
        validators=[
            DataRequired(message=_l("Give the search a name.")),
            Length(max=100, message=_l("Keep it under %(max)d characters.")),
        ],
    )


def _frequency_field() -> RadioField:
    return RadioField(
        _l("Tell me about new listings"),
        choices=FREQUENCY_CHOICES,
        default=AlertFrequency.DAILY.value,
        validators=[InputRequired(message=_l("Choose one of these."))],
    )


class SaveSearchForm(Form):
    query = HiddenField(validators=[Length(max=1000)])
    name = _name_field()
    frequency = _frequency_field()


class EditSavedSearchForm(Form):
    class Meta:
        # One of these per saved search on a page, each with a prefix; the prefix would rename
        # its token too, so CSRFProtect's check of every POST (the plain `csrf_token`) does it.
        csrf = False

    name = _name_field()
    frequency = _frequency_field()


def query_args(query: str) -> MultiDict[str, str]:
    """A query string as Flask's `request.args` would hold it."""
    return MultiDict([(key, value) for key, values in parse_qs(query).items() for value in values])


def search_form_for(query: str) -> SearchForm:
    """The search form as `/listings` would fill it from this query string."""
    return SearchForm(query_args(query))


def query_pairs(form: SearchForm) -> list[tuple[str, str]]:
    """The validated search as (name, value) pairs, lists spread out."""
    pairs: list[tuple[str, str]] = []
    for key, value in form.link_args().items():
        pairs.extend((key, v) for v in ([value] if isinstance(value, str) else value))
    return pairs


def describe(form: SearchForm) -> str:
    """The search in a few words: what was typed, then each filter's chosen label."""
    parts: list[str] = []
    if form.q.data:
        parts.append(_("“%(words)s”", words=form.q.data))
    types = form.type.data or []
    parts.extend(str(c.label) for c in form.type.choices or [] if c.value in types)
    for select in (form.field, form.area, form.start):
        if select.data:
            parts.extend(str(c.label) for c in select.choices or [] if c.value == select.data)
    for box in (form.no_experience, form.paid, form.my_age):
        if box.data:
            parts.append(str(box.label.text))
    return " · ".join(parts) or _("All listings")
