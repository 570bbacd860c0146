"""Forms for registering, logging in and managing passwords."""

from __future__ import annotations

from typing import Any

from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from jobbes.forms.base import Form
from jobbes.forms.fields import (
    OrganisationNumber,
    current_password_field,
    date_field,
    email_field,
    first_name_field,
    new_password_field,
)
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.base import local_today
from jobbes.models.profiles import age_on
from jobbes.services.accounts import MINIMUM_AGE

OLDEST_PLAUSIBLE_AGE = 100


class LoginForm(Form):
    email = email_field(autocomplete="username")
    password = current_password_field()
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class YoungPersonRegistrationForm(Form):
    name = first_name_field(
        _l("First name"),
        _l("Write your first name."),
        _l("Or the name you want to be called. Employers see this name."),
    )
    email = email_field()
    birth_date = date_field(
        _l("Date of birth"),
        [InputRequired(message=_l("Write your date of birth."))],
        description=_l("Employers only see your age, never the date."),
        render_kw={"autocomplete": "bday"},
    )
    password = new_password_field()

    def validate_birth_date(self, field: Any) -> None:
        if field.data is None:  # not a date; the field has said so already
            return
        today = local_today()
        if field.data > today:
            raise ValidationError(_l("The date of birth cannot be in the future."))
        age = age_on(field.data, today)
        if age < MINIMUM_AGE:
            raise ValidationError(
                _l(
                    "You must be at least %(age)d years old to use Jobbes. "
                    "Talk to your school's counsellor about summer jobs and work experience.",
                    age=MINIMUM_AGE,
                )
            )
        if age > OLDEST_PLAUSIBLE_AGE:
            raise ValidationError(_l("Check the year you were born."))


class EmployerRegistrationForm(Form):
    name = StringField(
        _l("Your name"),
        validators=[
            InputRequired(message=_l("Write your name.")),
            Length(max=100, message=_l("The name can be at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "name"},
    )
    email = email_field(_l("Work email"))
    password = new_password_field()
    organisation_name = StringField(
        _l("Name of the organisation"),
        validators=[
            InputRequired(message=_l("Write the name of the organisation.")),
            Length(max=200, message=_l("The name can be at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "organization"},
    )
    org_number = StringField(
        _l("Organisation number"),
        validators=[
            InputRequired(message=_l("Write the organisation number.")),
            OrganisationNumber(),
        ],
        description=_l("9 digits, from Brønnøysundregistrene."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )


class PasswordResetRequestForm(Form):
    email = email_field(autocomplete="username")


class NewPasswordForm(Form):
    password = new_password_field(_l("New password"))


class ChangePasswordForm(Form):
    current_password = current_password_field(
        _l("Current password"), _l("Write your current password.")
    )
    password = new_password_field(_l("New password"))


class NameForm(Form):
    name = StringField(
        _l("Your name"),
        description=_l("Other staff see it beside what you decide."),
        validators=[
            InputRequired(message=_l("Write your name.")),
            Length(max=100, message=_l("The name can be at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "name"},
    )
    next = HiddenField()

    def validate_name(self, field: StringField) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Write your name."))


class AcceptInvitationForm(Form):
    name = StringField(
        _l("Your name"),
        validators=[
            InputRequired(message=_l("Write your name.")),
            Length(max=100, message=_l("The name can be at most %(max)d characters.")),
        ],
        render_kw={"autocomplete": "name"},
    )
    password = new_password_field()
