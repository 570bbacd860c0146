"""A mobile number for text messages, and the six-digit code that confirms it."""

from __future__ import annotations

from wtforms import StringField
from wtforms.validators import InputRequired, Length, Regexp

from jobbes.forms.base import Form
from jobbes.i18n import lazy_gettext as _l


class PhoneForm(Form):
    number = StringField(
        _l("Mobile number"),
        description=_l("A Norwegian mobile number, for example 412 34 567."),
        validators=[
            InputRequired(message=_l("Write your mobile number.")),
            Length(max=30, message=_l("That is too long to be a phone number.")),
        ],
    )


class CodeForm(Form):
    code = StringField(
        _l("Code from the text message"),
        description=_l("Six digits. The code works for 10 minutes."),
        validators=[
            InputRequired(message=_l("Write the code from the text message.")),
            Regexp(r"^\s*\d{6}\s*$", message=_l("The code is six digits.")),
        ],
    )
