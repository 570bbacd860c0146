"""The listing search, read from the query string, and the "I'm interested" message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from werkzeug.datastructures import MultiDict
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
QUERY_MAX_LENGTH = 100
MAX_PAGE = 10_000
TYPE_CHOICES = [SelectChoice(t.value, label) for t, label in labels.LISTING_TYPES.items()]
FIELD_CHOICES = [SelectChoice("", _l("All fields"))] + [
    SelectChoice(f.value, label) for f, label in labels.FIELDS.items()
]
AREA_CHOICES = [SelectChoice("", _l("All of Kristiansand and around"))] + [
    SelectChoice(a.code, a.name) for a in areas.AREAS
]
START_SELECT_CHOICES = [SelectChoice("", _l("Any time"))] + [
    SelectChoice(code, label) for code, label in START_CHOICES.items()
]
SORT_SELECT_CHOICES = [SelectChoice(code, label) for code, label in SORT_CHOICES.items()] + [
    SelectChoice("relevance", _l("Best text match"))
]
_KNOWN_TYPES = frozenset(choice.value for choice in TYPE_CHOICES)
_KNOWN_CHOICES = {
    name: frozenset(choice.value for choice in choices)
    for name, choices in (
        ("field", FIELD_CHOICES),
        ("area", AREA_CHOICES),
        ("start", START_SELECT_CHOICES),
        ("sort", SORT_SELECT_CHOICES),
    )
}


@dataclass(frozen=True)
class SearchValues:
    """A search's values as SearchForm holds them once validated (None where nothing was sent):
    what the page shows, keys its rendered parts by, and links to."""

    q: str | None = None
    type: tuple[str, ...] = ()
    field: str | None = None
    area: str | None = None
    start: str | None = None
    sort: str | None = None
    no_experience: bool = False
    paid: bool = False
    my_age: bool = False
    page: int | None = None

    def criteria(self, *, age: int | None) -> Criteria:
        return Criteria.from_args(self.link_args(), age=age, page=self.page or 1)

    def link_args(self) -> dict[str, str | list[str]]:
        """The search as query-string arguments, for links to its other pages."""
        args: dict[str, str | list[str]] = {}
        if self.q:
            args["q"] = self.q
        if self.type:
            args["type"] = list(self.type)
        for name in ("field", "area", "start", "sort"):
            if value := getattr(self, name):
                args[name] = value
        for name in ("no_experience", "paid", "my_age"):
            if getattr(self, name):
                args[name] = "y"
        return args

    def is_filtered(self) -> bool:
        """Whether any of the filters (the folded part of the form, not the words) is in use."""
        return self.filters_in_use() > 0

    def filters_in_use(self) -> int:
        """How many filters are chosen: each kind ticked counts, as does each other filter."""
        single = [self.field, self.area, self.start, self.no_experience, self.paid, self.my_age]
        return len(self.type) + sum(1 for value in single if value)


def read_search(args: MultiDict[str, str]) -> SearchValues | None:
    """The search in `args` if SearchForm would accept every value as it is, read without
    building and validating the form (a good part of a search's time); None for anything else, which
    the form then judges, with its messages. Only what is surely valid passes here: a value this
    is unsure of (a hidden character, a page number written oddly) is left to the form."""
    q = args.get("q")
    if q is not None and (len(q) > QUERY_MAX_LENGTH or not q.isprintable()):
        return None  # too long, or perhaps a line break: SingleLine and Length have their say
    types = args.getlist("type")
    if any(value not in _KNOWN_TYPES for value in types):
        return None
    for name, known in _KNOWN_CHOICES.items():
        value = args.get(name)
        if value is not None and value not in known:
            return None
    page = args.get("page")
    if page is not None and not (page.isascii() and page.isdigit() and 1 <= int(page) <= MAX_PAGE):
        return None
    return SearchValues(
        q=q,
        type=tuple(types),
        field=args.get("field"),
        area=args.get("area"),
        start=args.get("start"),
        sort=args.get("sort"),
        no_experience=_ticked(args, "no_experience"),
        paid=_ticked(args, "paid"),
        my_age=_ticked(args, "my_age"),
        page=int(page) if page is not None else None,
    )


def _ticked(args: MultiDict[str, str], name: str) -> bool:
    """As BooleanField reads a checkbox: ticked unless absent, empty or "false"."""
    return args.get(name) not in (None, *BooleanField.false_values)


class SearchForm(Form):
    class Meta:
        csrf = False  # a GET form: the address is shareable and the back button works

    q = SearchField(
        _l("Search"),
        validators=[Optional(), Length(max=QUERY_MAX_LENGTH)],
        description=_l("For example kitchen, shop, Lund"),
    )
    type = CheckboxesField(_l("Kind"), choices=TYPE_CHOICES)
    field = SelectField(_l("Occupational field"), choices=FIELD_CHOICES, validators=[Optional()])
    area = SelectField(_l("Where"), choices=AREA_CHOICES, validators=[Optional()])
    start = SelectField(_l("Start"), choices=START_SELECT_CHOICES, validators=[Optional()])
    no_experience = BooleanField(_l("No experience needed"))
    paid = BooleanField(_l("Paid"))
    my_age = BooleanField(_l("Open to my age"))
    sort = SelectField(_l("Order"), choices=SORT_SELECT_CHOICES, validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1, max=MAX_PAGE)])

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

    def values(self) -> SearchValues:
        return SearchValues(
            q=self.q.data,
            type=tuple(self.type.data or ()),
            field=self.field.data,
            area=self.area.data,
            start=self.start.data,
            sort=self.sort.data,
            no_experience=self.no_experience.data,
            paid=self.paid.data,
            my_age=self.my_age.data,
            page=self.page.data,
        )

    def criteria(self, *, age: int | None) -> Criteria:
        return self.values().criteria(age=age)

    def link_args(self) -> dict[str, str | list[str]]:
        """The search as query-string arguments, for links to its other pages."""
        return self.values().link_args()


class SearchFormOnDemand:
    """The SearchForm of a search `read_search` accepted, built only if the page needs one of its
    fields: the form's parts are rendered once per value and language (`once`), so mostly not."""

    def __init__(self, args: MultiDict[str, str]) -> None:
        self._args = args
        self._form: SearchForm | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # not the form's: and no recursion before __init__ has run
            raise AttributeError(name)
        if self._form is None:
            self._form = SearchForm(self._args)
        return getattr(self._form, name)


class InterestForm(Form):
    # Where an interest stood when the young person answered or withdrew.
    expected = StateField(InterestStatus)
    message = TextAreaField(
        _l("A short message to the employer"),
        validators=[Optional(), Length(max=500, message=_l("Keep it under %(max)d characters."))],
        description=_l("Why this? When can you start? A sentence or two is plenty."),
        render_kw={"rows": 3},
    )
