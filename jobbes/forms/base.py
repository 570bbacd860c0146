"""What every Jobbes form shares."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm

from jobbes.forms.fields import SingleLine, is_single_line
from jobbes.i18n import wtforms_translations


class Form(FlaskForm):
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
