"""What every Jobbes form shares."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, HiddenField, PasswordField, StringField, TextAreaField

from jobbes.forms.fields import SingleLine
from jobbes.i18n import wtforms_translations


def is_single_line(field_class: type[Any]) -> bool:
    """A text field a person types on one line: not a text area, not a password (never shown),
    not a hidden field (whose reader checks it, e.g. `next` through is_safe_redirect)."""
    return issubclass(field_class, StringField) and not issubclass(
        field_class, (TextAreaField, PasswordField, HiddenField)
    )


class Form(FlaskForm):
    class Meta:
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()

        def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
            # Every single-line field, in every form, refuses line breaks and control characters:
            # they end up in email headers, CSV cells and page titles.
            field = unbound_field.bind(form=form, **options)
            if is_single_line(unbound_field.field_class):
                field.validators = [*field.validators, SingleLine()]
            return field
