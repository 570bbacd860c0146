"""What every Jobbes form shares, including the checks no single form should have to remember."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, SelectField, SelectMultipleField

from jobbes.forms.fields import SingleLine, is_single_line
from jobbes.i18n import lazy_gettext as _l
from jobbes.i18n import wtforms_translations
from jobbes.routing import MAX_ID

UNKNOWN_CHOICE = _l("Choose from the list.")
TOO_LARGE = _l("That number is too large.")


class Form(FlaskForm):  # type: ignore[misc]  # Flask-WTF ships no types: FlaskForm is Any
    class Meta:
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Any:
            # Every single-line field, in every form, refuses line breaks and control characters:
            # they end up in email headers, CSV cells and page titles.
            field = unbound_field.bind(form=form, **options)
            if is_single_line(unbound_field.field_class):
                field.validators = [*field.validators, SingleLine()]
            return field

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        for field in self:
            message = _why_not_acceptable(field)
            if message is not None:
                field.errors = [*field.errors, message]
                valid = False
        return valid


def _why_not_acceptable(field: Field) -> Any:
    """What is wrong with a value WTForms lets through, or None.

    `Optional()` clears every earlier error of a field whose input is blank, also the "not a
    valid choice" of a select or radio that got " ": the view then builds an enum from " ".
    And an integer may be larger than the database's columns hold. Both are checked once here.
    """
    if isinstance(field, SelectField) and field.validate_choice and field.choices is not None:
        chosen = field.data if isinstance(field, SelectMultipleField) else [field.data]
        known = {_coerced(field, value) for value, *_ in field.iter_choices()}
        if any(value not in known for value in chosen or [] if value not in (None, "")):
            return UNKNOWN_CHOICE
    if isinstance(field, IntegerField) and field.data is not None and abs(field.data) > MAX_ID:
        return TOO_LARGE
    return None


def _coerced(field: SelectField, value: Any) -> Any:
    try:
        return field.coerce(value)
    except (TypeError, ValueError):
        return value
