"""What the parties of a trial agreement fill in: its terms, its days, signatures, a guardian."""

from __future__ import annotations

from typing import Any

import wtforms
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from jobbes import agreement_labels
from jobbes.forms.base import Form
from jobbes.forms.fields import CheckboxesField, date_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.agreements import SignatureRole
from jobbes.services.agreements import MAX_BREAK_MINUTES, MAX_DAYS, REASON_MAX, TEXT_MAX

PHONE = Regexp(
    r"^\+?[0-9 ]{5,20}$", message=_l("Write the phone number with digits, like 912 34 567.")
)
WEEKDAYS = (
    ("0", _l("Monday")),
    ("1", _l("Tuesday")),
    ("2", _l("Wednesday")),
    ("3", _l("Thursday")),
    ("4", _l("Friday")),
    ("5", _l("Saturday")),
    ("6", _l("Sunday")),
)
# Empty rows under the schedule, for adding days without JavaScript.
BLANK_ROWS = 3


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class VersionField(IntegerField):  # type: ignore[misc]  # WTForms is untyped (pyproject)
    """The version of the agreement the person read, sent back with what they did to it."""

    widget = wtforms.widgets.HiddenInput()


def version_field() -> VersionField:
    return VersionField(
        validators=[InputRequired(message=_l("This page is out of date. Open it again."))]
    )


def _time(label: Any) -> TimeField:
    return TimeField(
        label,
        validators=[Optional()],
        format=["%H:%M", "%H.%M", "%H:%M:%S"],
    )


def _choices(mapping: dict[Any, Any]) -> list[SelectChoice]:
    return [SelectChoice(str(key), label) for key, label in mapping.items()]


class TermsForm(Form):
    version = version_field()
    contact_name = StringField(
        _l("Contact person at the workplace"),
        validators=[Optional(), Length(max=100)],
        filters=[_strip],
        description=_l("The person the young person meets and asks on the first day."),
    )
    contact_role = StringField(
        _l("Their role"), validators=[Optional(), Length(max=100)], filters=[_strip]
    )
    contact_phone = StringField(
        _l("Their phone number"),
        validators=[Optional(), Length(max=32), PHONE],
        filters=[_strip],
        render_kw={"autocomplete": "off", "inputmode": "tel"},
    )
    place = StringField(
        _l("Where the trial is"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
        description=_l("The address where the young person meets."),
    )
    start_date = date_field(
        _l("First day"), [InputRequired(message=_l("Write the trial's first day."))]
    )
    end_date = date_field(
        _l("Last day"), [InputRequired(message=_l("Write the trial's last day."))]
    )
    tasks = TextAreaField(
        _l("What the young person will do"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        filters=[_strip],
    )
    goals = CheckboxesField(_l("Goals of the trial"), choices=_choices(agreement_labels.GOALS))
    goal_other = StringField(
        _l("Other goal"), validators=[Optional(), Length(max=200)], filters=[_strip]
    )
    training = TextAreaField(
        _l("Training the workplace gives"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        filters=[_strip],
    )
    safety_equipment = TextAreaField(
        _l("Safety equipment the workplace provides"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        filters=[_strip],
    )
    pay = RadioField(
        _l("Pay"),
        choices=_choices(agreement_labels.PAY),
        validators=[InputRequired(message=_l("Choose whether the trial is paid."))],
    )
    pay_amount = StringField(
        _l("How much"),
        validators=[Optional(), Length(max=100)],
        filters=[_strip],
        description=_l("For example 150 kr an hour."),
    )
    police_certificate_handling = RadioField(
        _l("Police certificate"),
        choices=_choices(agreement_labels.POLICE_CERTIFICATE),
        validators=[Optional()],
    )
    evaluation_date = date_field(_l("Evaluation"), [Optional()])
    programme_contact = SelectField(_l("The programme's contact"), choices=[])

    def validate_goal_other(self, field: Any) -> None:
        if "other" in (self.goals.data or []) and not field.data:
            raise ValidationError(_l("Write what the other goal is."))

    def validate_pay_amount(self, field: Any) -> None:
        if self.pay.data == "paid" and not field.data:
            raise ValidationError(_l("Write how much the pay is."))


class DayRow(wtforms.Form):  # type: ignore[misc]  # WTForms is untyped (pyproject)
    """One row of the schedule; a row without a date is left out."""

    day = date_field(_l("Date"), [Optional()])
    start = _time(_l("Starts"))
    end = _time(_l("Ends"))
    break_minutes = IntegerField(
        _l("Break (minutes)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_BREAK_MINUTES)],
    )

    def validate_start(self, field: Any) -> None:
        if self.day.data is not None and field.data is None:
            raise ValidationError(_l("Write when the day starts, like 09:00."))

    def validate_end(self, field: Any) -> None:
        if self.day.data is not None and field.data is None:
            raise ValidationError(_l("Write when the day ends, like 14:00."))


class ScheduleForm(Form):
    version = version_field()
    days = FieldList(FormField(DayRow), min_entries=1, max_entries=MAX_DAYS + BLANK_ROWS)


class PatternForm(Form):
    version = version_field()
    weekdays = CheckboxesField(
        _l("Which days of the week"),
        choices=[SelectChoice(value, label) for value, label in WEEKDAYS],
        validators=[InputRequired(message=_l("Choose at least one day of the week."))],
    )
    start = TimeField(
        _l("Starts"), validators=[InputRequired(message=_l("Write when the day starts."))]
    )
    end = TimeField(_l("Ends"), validators=[InputRequired(message=_l("Write when the day ends."))])
    break_minutes = IntegerField(
        _l("Break (minutes)"),
        validators=[Optional(), NumberRange(min=0, max=MAX_BREAK_MINUTES)],
        default=0,
    )


class SendForm(Form):
    version = version_field()


class SignForm(Form):
    version = version_field()
    agree = BooleanField(
        _l("I have read the agreement and I agree to it"),
        validators=[InputRequired(message=_l("Tick the box to show that you agree."))],
    )
    name = StringField(
        _l("Your full name"),
        validators=[
            InputRequired(message=_l("Write your name to sign.")),
            Length(max=100),
        ],
        filters=[_strip],
        render_kw={"autocomplete": "name"},
    )


class SignOnBehalfForm(Form):
    version = version_field()
    role = SelectField(
        _l("Sign for"),
        choices=[
            SelectChoice(role.value, agreement_labels.SIDES[role])
            for role in SignatureRole
            if role is not SignatureRole.PROGRAMME
        ],
        validators=[InputRequired(message=_l("Choose who you sign for."))],
    )
    name = StringField(
        _l("Their full name"),
        validators=[InputRequired(message=_l("Write their name.")), Length(max=100)],
        filters=[_strip],
    )
    reason = TextAreaField(
        _l("Why they cannot sign themselves"),
        validators=[
            InputRequired(message=_l("Write why you sign for them.")),
            Length(max=REASON_MAX),
        ],
        filters=[_strip],
    )


class GuardianForm(Form):
    name = StringField(
        _l("Your parent's or guardian's name"),
        validators=[InputRequired(message=_l("Write their name.")), Length(max=100)],
        filters=[_strip],
    )
    email = StringField(
        _l("Their email"),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Write a whole email address, like navn@example.no.")),
        ],
        filters=[_strip],
        render_kw={"autocomplete": "off", "inputmode": "email", "spellcheck": "false"},
    )
    phone = StringField(
        _l("Or their mobile number"),
        validators=[Optional(), Length(max=32)],
        filters=[_strip],
        render_kw={"autocomplete": "off", "inputmode": "tel"},
    )

    def validate_phone(self, field: Any) -> None:
        if not field.data and not self.email.data:
            raise ValidationError(_l("Write their email or their mobile number."))


class ResendForm(Form):
    """Send the guardian a new link (the old one stops working)."""


class CancelForm(Form):
    version = version_field()
    reason = TextAreaField(
        _l("Why"),
        validators=[
            InputRequired(message=_l("Write why, so the others understand.")),
            Length(max=REASON_MAX),
        ],
        filters=[_strip],
    )


class GuardianSignForm(Form):
    agree = BooleanField(
        _l("I have read the agreement and I agree to it"),
        validators=[InputRequired(message=_l("Tick the box to show that you agree."))],
    )
    name = StringField(
        _l("Your full name"),
        validators=[InputRequired(message=_l("Write your name to sign.")), Length(max=100)],
        filters=[_strip],
        render_kw={"autocomplete": "name"},
    )


class GuardianQuestionForm(Form):
    question = TextAreaField(
        _l("Your question"),
        validators=[
            InputRequired(message=_l("Write your question.")),
            Length(max=TEXT_MAX),
        ],
        filters=[_strip],
        description=_l("It goes to the programme's contact, who answers you."),
    )
