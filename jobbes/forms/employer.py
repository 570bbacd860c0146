"""What an employer fills in: listings, the organisation's details, colleagues, pipeline steps
and invitations."""

from __future__ import annotations

import enum
from typing import Any

from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, InputRequired, Length, NumberRange, Optional, ValidationError

from jobbes import areas, labels
from jobbes.forms.base import Form
from jobbes.forms.fields import StateField, date_field, email_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.base import local_today
from jobbes.models.interests import DeclineMessage, InterestStatus
from jobbes.models.listings import CONTENT_FIELDS, ListingVersion
from jobbes.models.organisations import Organisation, OrganisationDetails
from jobbes.vocabulary import (
    MINIMUM_AGES,
    LanguageNeed,
    ListingType,
    OccupationalField,
    PoliceCertificateBasis,
    Sector,
    TrialPay,
)

DESCRIPTION_MAX = 2000
TEXT_MAX = 1500


def _choices(mapping: dict[Any, Any], *, empty: Any = None) -> list[SelectChoice]:
    choices = [SelectChoice("", empty)] if empty is not None else []
    return choices + [SelectChoice(str(key), label) for key, label in mapping.items()]


_AREA_CHOICES = [SelectChoice("", _l("Choose a place"))] + [
    SelectChoice(a.code, a.name) for a in areas.AREAS
]


class ListingForm(Form):
    listing_type = RadioField(
        _l("What kind of listing is this?"),
        choices=_choices(labels.LISTING_TYPES),
        validators=[InputRequired(message=_l("Choose what kind of listing this is."))],
    )
    title = StringField(
        _l("Title"),
        validators=[
            InputRequired(message=_l("Write a title.")),
            Length(max=120, message=_l("Keep the title under %(max)d characters.")),
        ],
        description=_l("Say what the work is, for example “Kitchen helper at a café”."),
    )
    description = TextAreaField(
        _l("What will the young person do?"),
        validators=[
            InputRequired(message=_l("Describe what the young person will do.")),
            Length(max=DESCRIPTION_MAX, message=_l("Keep it under %(max)d characters.")),
        ],
        description=_l("Plain words and short sentences: many readers are new to Norwegian."),
        render_kw={"rows": 6},
    )
    field = SelectField(
        _l("Occupational field"),
        choices=_choices(labels.FIELDS, empty=_l("Choose a field")),
        validators=[InputRequired(message=_l("Choose an occupational field."))],
    )
    learning = TextAreaField(
        _l("What will they learn, and what support do you give?"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        render_kw={"rows": 4},
    )
    support_contact_person = BooleanField(_l("A named contact person or buddy"))
    support_adapted_tasks = BooleanField(_l("Tasks adapted to the person"))
    support_follow_up = BooleanField(_l("Regular follow-up talks"))
    contact_person_name = StringField(
        _l("Name of the contact person"), validators=[Optional(), Length(max=100)]
    )
    no_experience_needed = BooleanField(_l("No experience needed"))
    requirements = TextAreaField(
        _l("Requirements"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("Only what is really needed. Leave empty if there are none."),
        render_kw={"rows": 3},
    )
    area = SelectField(
        _l("Where is the workplace?"),
        choices=_AREA_CHOICES,
        validators=[InputRequired(message=_l("Choose where the workplace is."))],
    )
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    start_date = date_field(_l("Start date"), [Optional()])
    end_date = date_field(_l("End date"), [Optional()])
    duration = StringField(
        _l("Or how long"),
        validators=[Optional(), Length(max=100)],
        description=_l("For example “2 weeks” or “the summer holidays”."),
    )
    hours_per_week = IntegerField(
        _l("Hours per week"),
        validators=[
            Optional(),
            NumberRange(min=1, max=40, message=_l("Between 1 and 40 hours.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    schedule = StringField(
        _l("When in the day and week"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example “weekdays 9–15”."),
    )
    trial_pay = RadioField(
        _l("Is the job trial paid?"),
        choices=_choices(labels.TRIAL_PAY),
        validators=[Optional()],
    )
    pay = StringField(
        _l("Pay"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example “kr 180 an hour” or “by collective agreement”."),
    )
    places = IntegerField(
        _l("How many places?"),
        default=1,
        validators=[
            InputRequired(message=_l("Write how many places there are.")),
            NumberRange(min=1, max=50, message=_l("Between 1 and 50 places.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    minimum_age = RadioField(
        _l("Minimum age"),
        choices=[SelectChoice(str(age), str(age)) for age in MINIMUM_AGES],
        default="16",
        validators=[InputRequired(message=_l("Choose the minimum age."))],
        description=_l(
            "Under 18s may work limited hours and not with dangerous tasks "
            "(Working Environment Act, chapter 11)."
        ),
    )
    police_certificate = BooleanField(_l("A police certificate is required"))
    police_certificate_basis = SelectField(
        _l("Why is a police certificate required?"),
        choices=_choices(labels.POLICE_BASIS, empty=_l("Choose the reason")),
        validators=[Optional()],
    )
    language_need = RadioField(
        _l("Language"),
        choices=_choices(labels.LANGUAGE_NEEDS),
        default=LanguageNeed.BASIC_NORWEGIAN.value,
        validators=[InputRequired(message=_l("Choose what language is needed."))],
    )
    deadline = date_field(
        _l("Application deadline"),
        [InputRequired(message=_l("Write the application deadline."))],
    )

    def validate_title(self, field: Any) -> None:
        if field.data and not field.data.strip():
            raise ValidationError(_l("Write a title."))

    def validate_end_date(self, field: Any) -> None:
        if field.data and self.start_date.data and field.data < self.start_date.data:
            raise ValidationError(_l("The end date must be after the start date."))

    def validate_deadline(self, field: Any) -> None:
        if field.data and field.data < local_today():
            raise ValidationError(_l("The deadline cannot be in the past."))
        if field.data and self.start_date.data and field.data > self.start_date.data:
            raise ValidationError(
                _l(
                    "The application deadline must be before the start (or the same day): "
                    "young people need an answer before they begin."
                )
            )

    def chosen_type(self) -> ListingType | None:
        try:
            return ListingType(self.listing_type.data)
        except ValueError:
            return None

    def validate(self, extra_validators: Any = None) -> bool:
        """The field checks, then what one field needs because of another."""
        valid: bool = super().validate(extra_validators)
        kind = self.chosen_type()
        needed = [
            (
                self.trial_pay,
                kind is ListingType.JOB_TRIAL and not self.trial_pay.data,
                _l("Say whether the job trial is paid, unpaid or funded by NAV."),
            ),
            (
                self.pay,
                kind is not None and kind.pay_required and not (self.pay.data or "").strip(),
                _l("Write what the job pays. Jobs and summer jobs must say."),
            ),
            (
                self.police_certificate_basis,
                self.police_certificate.data and not self.police_certificate_basis.data,
                _l("Choose why a police certificate is required."),
            ),
        ]
        for field, missing, message in needed:
            if missing and not field.errors:
                field.errors.append(message)
                valid = False
        return valid

    def content(self) -> dict[str, Any]:
        """The form's values as listing content, each in the type the model stores."""
        kind = ListingType(self.listing_type.data)
        return {
            "listing_type": kind,
            "title": self.title.data.strip(),
            "description": self.description.data.strip(),
            "learning": _text(self.learning.data),
            "support_contact_person": self.support_contact_person.data,
            "support_adapted_tasks": self.support_adapted_tasks.data,
            "support_follow_up": self.support_follow_up.data,
            "contact_person_name": _text(self.contact_person_name.data),
            "field": OccupationalField(self.field.data),
            "no_experience_needed": self.no_experience_needed.data,
            "requirements": _text(self.requirements.data),
            "area": self.area.data,
            "address": _text(self.address.data),
            "start_date": self.start_date.data,
            "end_date": self.end_date.data,
            "duration": _text(self.duration.data),
            "hours_per_week": self.hours_per_week.data,
            "schedule": _text(self.schedule.data),
            "trial_pay": TrialPay(self.trial_pay.data)
            if kind is ListingType.JOB_TRIAL and self.trial_pay.data
            else None,
            "pay": _text(self.pay.data),
            "places": self.places.data,
            "minimum_age": int(self.minimum_age.data),
            "police_certificate": self.police_certificate.data,
            "police_certificate_basis": PoliceCertificateBasis(self.police_certificate_basis.data)
            if self.police_certificate.data and self.police_certificate_basis.data
            else None,
            "language_need": LanguageNeed(self.language_need.data),
            "deadline": self.deadline.data,
        }


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def listing_form_data(version: ListingVersion) -> dict[str, Any]:
    """A version's values as the form shows them."""
    data = {name: getattr(version, name) for name in CONTENT_FIELDS}
    for name, value in data.items():
        if isinstance(value, enum.Enum):
            data[name] = value.value
    data["minimum_age"] = str(version.minimum_age)
    return data


class OrganisationForm(Form):
    name = StringField(
        _l("Name of the organisation"),
        validators=[InputRequired(message=_l("Write the name.")), Length(max=200)],
    )
    sector = RadioField(_l("Sector"), choices=_choices(labels.SECTORS), validators=[Optional()])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])
    area = SelectField(_l("Area"), choices=_AREA_CHOICES, validators=[Optional()])
    description = TextAreaField(
        _l("About the organisation"),
        validators=[Optional(), Length(max=TEXT_MAX)],
        description=_l("A few sentences young people read on every listing."),
        render_kw={"rows": 4},
    )
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=200),
            URL(require_tld=True, message=_l("Write the whole address, like https://example.no.")),
        ],
    )

    @classmethod
    def for_organisation(cls, organisation: Organisation | OrganisationDetails) -> OrganisationForm:
        """The form filled from the organisation's details, or from a change that waits."""
        return cls(
            data={
                "name": organisation.name,
                "sector": organisation.sector.value if organisation.sector else None,
                "address": organisation.address,
                "area": organisation.area or "",
                "description": organisation.description,
                "website": organisation.website,
            }
        )

    def sector_value(self) -> Sector | None:
        return Sector(self.sector.data) if self.sector.data else None


class InviteColleagueForm(Form):
    email = email_field(_l("Your colleague's email"))


class PipelineStepForm(Form):
    """One step an employer takes with an interested young person."""

    step = HiddenField(validators=[InputRequired()])
    expected = StateField(InterestStatus)
    message = TextAreaField(
        _l("Message to the young person"),
        validators=[Optional(), Length(max=500)],
        description=_l("For a talk: when and where, and who to ask for."),
        render_kw={"rows": 2},
    )
    trial_start = date_field(_l("Trial starts"), [Optional()])
    trial_end = date_field(_l("Trial ends"), [Optional()])
    decline_message = RadioField(
        _l("Choose a kind message"),
        choices=_choices(labels.DECLINE_MESSAGES),
        validators=[Optional()],
    )

    def decline_choice(self) -> DeclineMessage | None:
        return DeclineMessage(self.decline_message.data) if self.decline_message.data else None


class InviteForm(Form):
    message = TextAreaField(
        _l("A few words to the young person"),
        validators=[Optional(), Length(max=500)],
        description=_l("Why you think they would fit. Young people answer personal invitations."),
        render_kw={"rows": 2},
    )
