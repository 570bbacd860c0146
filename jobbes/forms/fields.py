"""Fields and validators that several forms share."""

from __future__ import annotations

import enum
import unicodedata
from typing import Any

from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import Email, InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from jobbes import orgnr
from jobbes.i18n import lazy_gettext as _l
from jobbes.services.passwords import MAX_LENGTH, MIN_LENGTH

# Control characters (Cc: line breaks, tabs, NUL, escape) and Unicode's line and paragraph
# separators. Format characters (Cf) stay allowed: emoji and some scripts need zero-width joiners.
NOT_ON_ONE_LINE = {"Cc", "Zl", "Zp"}


def is_single_line(field_class: type[Any]) -> bool:
    """A text field a person types on one line: not a text area, not a password (never shown),
    not a hidden field (whose reader checks it, e.g. `next` through is_safe_redirect)."""
    return issubclass(field_class, StringField) and not issubclass(
        field_class, (TextAreaField, PasswordField, HiddenField)
    )


class SingleLine:
    """No line breaks or other invisible control characters in a field meant for one line."""

    def __call__(self, form: Any, field: Any) -> None:
        if isinstance(field.data, str) and any(
            unicodedata.category(character) in NOT_ON_ONE_LINE for character in field.data
        ):
            raise ValidationError(
                _l("This field cannot have line breaks or other invisible control characters.")
            )


def email_field(label: Any = None, **render_kw: Any) -> EmailField:
    return EmailField(
        label or _l("Email"),
        validators=[
            InputRequired(message=_l("Write your email address.")),
            Length(max=254, message=_l("The email address is too long.")),
            Email(message=_l("Write a whole email address, like navn@example.no.")),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        render_kw={"autocomplete": "email", "spellcheck": "false", **render_kw},
    )


def first_name_field(label: Any, required_message: Any, description: Any) -> StringField:
    """The name a young person goes by, which employers see."""
    return StringField(
        label,
        validators=[
            InputRequired(message=required_message),
            Length(max=100, message=_l("The name can be at most %(max)d characters.")),
        ],
        description=description,
        render_kw={"autocomplete": "given-name"},
    )


def current_password_field(label: Any = None, message: Any = None) -> PasswordField:
    """The password the person has now, asked for to prove it is them."""
    return PasswordField(
        label or _l("Password"),
        validators=[InputRequired(message=message or _l("Write your password."))],
        render_kw={"autocomplete": "current-password"},
    )


def new_password_field(label: Any = None) -> PasswordField:
    return PasswordField(
        label or _l("Choose a password"),
        validators=[
            InputRequired(message=_l("Choose a password.")),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=_l("The password must be between %(min)d and %(max)d characters."),
            ),
        ],
        description=_l("At least %(min)d characters.", min=MIN_LENGTH),
        render_kw={"autocomplete": "new-password", "minlength": MIN_LENGTH},
    )


class OrganisationNumber:
    """Nine digits with a valid MOD11 check digit; spaces between groups are fine."""

    def __call__(self, form: Any, field: Any) -> None:
        number = orgnr.normalise(field.data or "")
        if len(number) != 9 or not number.isdigit():
            raise ValidationError(_l("The organisation number has 9 digits."))
        if not orgnr.is_valid(number):
            raise ValidationError(
                _l(
                    "This is not a valid organisation number. "
                    "Check it in Brønnøysundregistrene (brreg.no)."
                )
            )
        field.data = number


def date_field(label: Any, validators: list[Any], **kwargs: Any) -> DateField:
    """A date from a date picker (2008-05-31), or typed the Norwegian way (31.05.2008)."""
    return DateField(
        label,
        validators,
        format=["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y", "%d/%m/%Y"],
        invalid_value_message=_l("Write the date like 31.05.2008."),
        **kwargs,
    )


class CheckboxesField(SelectMultipleField):  # type: ignore[misc]  # WTForms is untyped (pyproject)
    """Several choices as a group of checkboxes, which work on any phone without JavaScript."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form: Any) -> None:
        # An unknown value is a tampered form, not a typo; say so in plain words.
        known = {choice.value for choice in self.choices}
        if self.data and any(str(value) not in known for value in self.data):
            raise ValidationError(_l("Choose from the list."))


class StateField(HiddenField):  # type: ignore[misc]  # WTForms is untyped (pyproject)
    """The state the person saw an item in, sent back with their step: if it has moved on since
    (a colleague was quicker, or the page was open for an hour), the step loses."""

    data: Any

    def __init__(self, states: type[enum.Enum], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.states = states

    def process_formdata(self, valuelist: list[Any]) -> None:
        self.data = None
        if valuelist and valuelist[0]:
            try:
                self.data = self.states(valuelist[0])
            except ValueError:
                raise ValueError(_l("This page is out of date. Open it again.")) from None

    def _value(self) -> str:
        return str(self.data.value) if isinstance(self.data, enum.Enum) else ""
