"""How a person wants to be told: a channel and a rhythm for each category of their role."""

from __future__ import annotations

from typing import Any

from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from jobbes.forms.base import Form
from jobbes.i18n import lazy_gettext as _l
from jobbes.models import Category, Channel, Frequency

CHOOSE = _l("Choose one of these.")


def channel_field(category: Category) -> str:
    return f"{category.value}_channel"


def frequency_field(category: Category) -> str:
    return f"{category.value}_frequency"


def settings_form(categories: tuple[Category, ...], *, sms: bool, **kwargs: Any) -> Form:
    """A form with a channel and a frequency for each category; SMS only once it is allowed."""
    channels = [Channel.IN_APP, Channel.EMAIL] + ([Channel.SMS] if sms else [])

    class SettingsForm(Form):
        pass

    for category in categories:
        setattr(
            SettingsForm,
            channel_field(category),
            RadioField(
                choices=[SelectChoice(c.value, c.value) for c in channels],
                validators=[InputRequired(message=CHOOSE)],
            ),
        )
        setattr(
            SettingsForm,
            frequency_field(category),
            RadioField(
                choices=[SelectChoice(f.value, f.value) for f in Frequency],
                validators=[InputRequired(message=CHOOSE)],
            ),
        )
    return SettingsForm(**kwargs)
