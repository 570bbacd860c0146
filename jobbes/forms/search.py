"""The listing search, read from the query string, and the "I'm interested" message."""

from __future__ import annotations

from wtforms import (
    BooleanField,
    IntegerField,
    SearchField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from jobbes import areas, labels
from jobbes.forms.base import Form
from jobbes.forms.fields import CheckboxesField, StateField
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.interests import InterestStatus
from jobbes.services.search import Criteria

START_CHOICES = {
    "now": _l("Now or within two weeks"),
    "within_month": _l("Within a month"),
    "summer": _l("In the summer"),
    "later": _l("Later"),
}
SORT_CHOICES = {
    "": _l("Recommended first"),
    "newest": _l("Newest"),
    "deadline": _l("Deadline soonest"),
}


class SearchForm(Form):
    class Meta:
        csrf = False  # a GET form: the address is shareable and the back button works

    q = SearchField(
        _l("Search"),
        validators=[Optional(), Length(max=100)],
        description=_l("For example kitchen, shop, Lund"),
    )
    type = CheckboxesField(
        _l("Kind"),
        choices=[SelectChoice(t.value, label) for t, label in labels.LISTING_TYPES.items()],
    )
    field = SelectField(
        _l("Occupational field"),
        choices=[SelectChoice("", _l("All fields"))]
        + [SelectChoice(f.value, label) for f, label in labels.FIELDS.items()],
        validators=[Optional()],
    )
    area = SelectField(
        _l("Where"),
        choices=[SelectChoice("", _l("All of Kristiansand and around"))]
        + [SelectChoice(a.code, a.name) for a in areas.AREAS],
        validators=[Optional()],
    )
    start = SelectField(
        _l("Start"),
        choices=[SelectChoice("", _l("Any time"))]
        + [SelectChoice(code, label) for code, label in START_CHOICES.items()],
        validators=[Optional()],
    )
    no_experience = BooleanField(_l("No experience needed"))
    paid = BooleanField(_l("Paid"))
    my_age = BooleanField(_l("Open to my age"))
    sort = SelectField(
        _l("Order"),
        choices=[SelectChoice(code, label) for code, label in SORT_CHOICES.items()]
        + [SelectChoice("relevance", _l("Best text match"))],
        validators=[Optional()],
    )
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=10_000)])

    def drop_refused(self) -> bool:
        """After a failed validation, forget the values that were refused (keeping their messages)
        so the rest of the search still runs; whether a refused value is one the person can see
        and fix in the form (a wrong page number alone is simply the first page)."""
        visible = False
        for field in self:
            if not field.errors:
                continue
            if field is self.page:
                field.errors = []  # no field shows it, and the first page is a fine answer
                field.data = None
            elif isinstance(field, SelectMultipleField):
                known = {value for value, *_ in field.iter_choices()}
                field.data = [value for value in field.data or [] if value in known]
                visible = True
            else:
                field.data = None
                visible = True
        return visible

    def criteria(self, *, age: int | None) -> Criteria:
        return Criteria.from_args(self.link_args(), age=age, page=self.page.data or 1)

    def link_args(self) -> dict[str, str | list[str]]:
        """The search as query-string arguments, for links to its other pages."""
        args: dict[str, str | list[str]] = {}
        for name in ("q", "type", "field", "area", "start", "sort"):
            if value := getattr(self, name).data:
                args[name] = value
        for name in ("no_experience", "paid", "my_age"):
            if getattr(self, name).data:
                args[name] = "y"
        return args

    def is_filtered(self) -> bool:
        """Whether any of the filters (the folded part of the form, not the words) is in use."""
        return self.filters_in_use() > 0

    def filters_in_use(self) -> int:
        """How many filters are chosen: each kind ticked counts, as does each other filter."""
        single = [
            self.field.data,
            self.area.data,
            self.start.data,
            self.no_experience.data,
            self.paid.data,
            self.my_age.data,
        ]
        return len(self.type.data or []) + sum(1 for value in single if value)


class InterestForm(Form):
    # Where an interest stood when the young person answered or withdrew.
    expected = StateField(InterestStatus)
    message = TextAreaField(
        _l("A short message to the employer"),
        validators=[Optional(), Length(max=500, message=_l("Keep it under %(max)d characters."))],
        description=_l("Why this? When can you start? A sentence or two is plenty."),
        render_kw={"rows": 3},
    )
