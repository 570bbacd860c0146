"""What each side fills in after a trial, and the young person's answer to the follow-up."""

from __future__ import annotations

from typing import Any

from wtforms import IntegerField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from jobbes import evaluation_labels
from jobbes.forms.base import Form
from jobbes.forms.fields import date_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.services.evaluations import TEXT_MAX


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _choices(mapping: dict[Any, Any]) -> list[SelectChoice]:
    return [SelectChoice(str(key), label) for key, label in mapping.items()]


YES_NO = [SelectChoice("yes", _l("Yes, I agree")), SelectChoice("no", _l("No, I do not agree"))]


class EmployerPartForm(Form):
    attendance = RadioField(
        _l("Did they come?"),
        choices=_choices(evaluation_labels.ATTENDANCE),
        validators=[InputRequired(message=_l("Choose whether they came."))],
    )
    days_missed = IntegerField(
        _l("Days missed"),
        validators=[Optional(), NumberRange(min=1, max=92)],
        description=_l("Only if they missed some days."),
    )
    went_well = TextAreaField(
        _l("What went well"),
        validators=[Length(max=TEXT_MAX)],
        filters=[_strip],
        description=_l("The young person reads this, and may use it on their certificate."),
    )
    to_work_on = TextAreaField(
        _l("What to work on"), validators=[Length(max=TEXT_MAX)], filters=[_strip]
    )
    outcome = RadioField(
        _l("What happens now"),
        choices=_choices(evaluation_labels.OUTCOMES),
        validators=[InputRequired(message=_l("Choose what happens now."))],
        description=_l("An offer is sent to the young person, who accepts or declines it."),
    )
    offer_start = date_field(
        _l("The job starts"), [Optional()], description=_l("Only with an offer.")
    )
    offer_contract = RadioField(
        _l("Kind of contract"),
        choices=_choices(evaluation_labels.CONTRACTS),
        validators=[Optional()],
        description=_l("Only with an offer."),
    )


class YoungPartForm(Form):
    how_it_was = TextAreaField(
        _l("How was it?"),
        validators=[
            InputRequired(message=_l("Write a few words about how it was.")),
            Length(max=TEXT_MAX),
        ],
        filters=[_strip],
    )
    agrees = RadioField(
        _l("Do you agree with what the employer wrote?"),
        choices=YES_NO,
        validators=[Optional()],
        description=_l("Only what you agree with is written on your certificate."),
    )
    comment = TextAreaField(
        _l("Anything else you want to say"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        filters=[_strip],
    )


class AgreeForm(Form):
    agrees = RadioField(
        _l("Do you agree with what the employer wrote?"),
        choices=YES_NO,
        validators=[InputRequired(message=_l("Choose whether you agree."))],
        description=_l("Only what you agree with is written on your certificate."),
    )


class FollowUpForm(Form):
    answer = RadioField(
        _l("What are you doing now?"),
        choices=_choices(evaluation_labels.NOW_DOING),
        validators=[InputRequired(message=_l("Choose one."))],
    )
