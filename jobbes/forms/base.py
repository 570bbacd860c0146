"""What every Jobbes form shares."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm

from jobbes.i18n import wtforms_translations


class Form(FlaskForm):  # type: ignore[misc]  # Flask-WTF ships no types: FlaskForm is Any
    class Meta:
        def get_translations(self, form: Any) -> Any:
            return wtforms_translations()
