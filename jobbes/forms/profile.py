"""The steps of a young person's profile, and the account settings on their data page."""

from __future__ import annotations

from typing import Any

from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from jobbes import areas, labels
from jobbes.forms.base import Form
from jobbes.forms.fields import (
    CheckboxesField,
    current_password_field,
    date_field,
    email_field,
    first_name_field,
)
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.base import local_today
from jobbes.models.profiles import ABOUT_MAX_LENGTH, Profile
from jobbes.vocabulary import (
    MAX_SKILL_LENGTH,
    MAX_SKILLS,
    SKILL_SUGGESTIONS,
    TRAVEL_MINUTES,
    Language,
    LanguageLevel,
    OccupationalField,
    Opportunity,
    Weekpart,
)

NO_LANGUAGE = ""


def _choices(mapping: dict[Any, Any]) -> list[SelectChoice]:
    return [SelectChoice(str(getattr(key, "value", key)), label) for key, label in mapping.items()]


class WishesForm(Form):
    opportunities = CheckboxesField(
        _l("What are you looking for?"),
        choices=_choices(labels.OPPORTUNITIES),
        description=_l("Choose as many as you like."),
    )
    fields = CheckboxesField(
        _l("What would you like to work with?"),
        choices=_choices(labels.FIELDS),
        description=_l("Choose what sounds interesting, even if you have never tried it."),
    )

    def chosen_opportunities(self) -> list[Opportunity]:
        return [Opportunity(value) for value in self.opportunities.data or []]

    def chosen_fields(self) -> list[OccupationalField]:
        return [OccupationalField(value) for value in self.fields.data or []]


class WhereAndWhenForm(Form):
    home_area = SelectField(
        _l("Where do you live?"),
        choices=[SelectChoice("", _l("Choose a place"))]
        + [SelectChoice(a.code, a.name) for a in areas.AREAS],
        validators=[Optional()],
    )
    max_travel_minutes = RadioField(
        _l("How far can you travel to work?"),
        choices=[SelectChoice(str(minutes), labels.TRAVEL[minutes]) for minutes in TRAVEL_MINUTES],
        validators=[Optional()],
        description=_l("By bus, bike or car, one way."),
    )
    weekparts = CheckboxesField(
        _l("When can you work?"),
        choices=_choices(labels.WEEKPARTS),
    )
    available_from = date_field(
        _l("From which date can you start?"),
        [Optional()],
        description=_l("Leave it empty if you can start now."),
    )
    driving_licence = BooleanField(_l("I have a driving licence for cars"))
    # Shown to under 18s only (see services.profiles.asks_about_school).
    compulsory_school = RadioField(
        _l("Are you at lower secondary school (ungdomsskolen)?"),
        choices=[SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))],
        validators=[Optional()],
        description=_l(
            "The law has stricter limits on working hours while you are in compulsory school. "
            "We use your answer to check the hours of a job trial. Employers never see it."
        ),
    )

    def validate_home_area(self, field: Any) -> None:
        if field.data and field.data not in areas.BY_CODE:
            raise ValidationError(_l("Choose a place from the list."))

    def validate_available_from(self, field: Any) -> None:
        if field.data is not None and (field.data - local_today()).days > 2 * 365:
            raise ValidationError(_l("Choose a date within the next two years."))

    def travel(self) -> int | None:
        return int(self.max_travel_minutes.data) if self.max_travel_minutes.data else None

    def chosen_weekparts(self) -> list[Weekpart]:
        return [Weekpart(value) for value in self.weekparts.data or []]

    def compulsory_school_answer(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.compulsory_school.data or "")


_LEVELS = [SelectChoice(str(int(level)), label) for level, label in labels.LANGUAGE_LEVELS.items()]
_OTHER_LANGUAGES = [SelectChoice(NO_LANGUAGE, _l("Choose a language"))] + [
    SelectChoice(language.value, label)
    for language, label in labels.LANGUAGES.items()
    if language not in (Language.NORWEGIAN, Language.ENGLISH)
]


class SkillsForm(Form):
    skills = CheckboxesField(
        _l("What are you good at?"),
        choices=[SelectChoice(code, labels.SKILLS[code]) for code in SKILL_SUGGESTIONS],
        description=_l("Choose what fits you. School, hobbies and helping at home count too."),
    )
    own_skills = StringField(
        _l("Something else you are good at?"),
        validators=[Optional(), Length(max=300)],
        description=_l("Separate with commas, for example: football coach, Excel, baking."),
    )
    norwegian = RadioField(
        _l("How well do you speak Norwegian?"), choices=_LEVELS, validators=[Optional()]
    )
    english = RadioField(
        _l("How well do you speak English?"),
        choices=[SelectChoice(NO_LANGUAGE, _l("Not at all"))] + _LEVELS,
        validators=[Optional()],
        default=NO_LANGUAGE,
    )
    other_language_1 = SelectField(_l("Another language"), choices=_OTHER_LANGUAGES)
    other_level_1 = SelectField(
        _l("How well?"), choices=[SelectChoice(NO_LANGUAGE, _l("Choose")), *_LEVELS]
    )
    other_language_2 = SelectField(_l("One more language"), choices=_OTHER_LANGUAGES)
    other_level_2 = SelectField(
        _l("How well?"), choices=[SelectChoice(NO_LANGUAGE, _l("Choose")), *_LEVELS]
    )

    def all_skills(self) -> list[str]:
        own = [part.strip() for part in (self.own_skills.data or "").split(",")]
        return list(self.skills.data or []) + [part for part in own if part]

    def validate_own_skills(self, field: Any) -> None:
        if any(len(skill) > MAX_SKILL_LENGTH for skill in self.all_skills()):
            raise ValidationError(
                _l("Keep each skill under %(max)d characters.", max=MAX_SKILL_LENGTH)
            )
        if len(self.all_skills()) > MAX_SKILLS:
            raise ValidationError(_l("Choose at most %(max)d skills in all.", max=MAX_SKILLS))

    def validate_other_level_1(self, field: Any) -> None:
        self._language_needs_level(self.other_language_1, field)

    def validate_other_level_2(self, field: Any) -> None:
        self._language_needs_level(self.other_language_2, field)

    @staticmethod
    def _language_needs_level(language: Any, level: Any) -> None:
        if language.data and not level.data:
            raise ValidationError(_l("Choose how well you speak it."))

    def languages(self) -> dict[Language, LanguageLevel]:
        chosen: dict[Language, LanguageLevel] = {}
        if self.norwegian.data:
            chosen[Language.NORWEGIAN] = LanguageLevel(int(self.norwegian.data))
        if self.english.data:
            chosen[Language.ENGLISH] = LanguageLevel(int(self.english.data))
        for language, level in (
            (self.other_language_1, self.other_level_1),
            (self.other_language_2, self.other_level_2),
        ):
            if language.data and level.data:
                chosen[Language(language.data)] = LanguageLevel(int(level.data))
        return chosen


class AboutForm(Form):
    name = first_name_field(
        _l("First name or nickname"),
        _l("Write the name you want to be called."),
        _l("Employers see this name."),
    )
    about = TextAreaField(
        _l("Tell us a little about yourself"),
        validators=[
            Optional(),
            Length(
                max=ABOUT_MAX_LENGTH,
                message=_l("Keep it under %(max)d characters."),
            ),
        ],
        description=_l(
            "A few sentences in your own words: what you like doing, and what you want to try."
        ),
        render_kw={"rows": 5},
    )
    contact_name = StringField(
        _l("Name of someone who helps you"),
        validators=[Optional(), Length(max=100)],
        description=_l("For example a counsellor at school or at NAV."),
    )
    contact_email = EmailField(
        _l("Their email"),
        validators=[
            Optional(),
            Length(max=254),
            Email(message=_l("Write a whole email address, like navn@example.no.")),
        ],
        render_kw={"autocomplete": "off"},
    )
    share_contact = BooleanField(_l("Employers may see and contact this person"))


class ChangeEmailForm(Form):
    email = email_field(_l("New email address"))
    password = current_password_field(_l("Your password"))


class DeleteAccountForm(Form):
    confirm = BooleanField(
        _l("I understand that my account and everything I have written will be deleted for good"),
        validators=[InputRequired(message=_l("Tick the box to confirm."))],
    )
    password = current_password_field(_l("Your password"))


STEP_FORMS = {
    "wishes": WishesForm,
    "where-and-when": WhereAndWhenForm,
    "skills": SkillsForm,
    "about": AboutForm,
}


_YES_NO: dict[bool | None, str] = {True: "yes", False: "no"}


def initial_data(step: str, profile: Profile) -> dict[str, Any]:
    """What a step's form shows before the young person changes anything."""
    if step == "wishes":
        return {
            "opportunities": [o.value for o in profile.opportunities],
            "fields": [f.value for f in profile.fields],
        }
    if step == "where-and-when":
        return {
            "home_area": profile.home_area or "",
            "max_travel_minutes": str(profile.max_travel_minutes or ""),
            "weekparts": [w for w, on in profile.weekparts.items() if on],
            "available_from": profile.available_from,
            "driving_licence": profile.driving_licence,
            "compulsory_school": _YES_NO.get(profile.in_compulsory_school, ""),
        }
    if step == "skills":
        languages = dict(profile.languages)
        others = [
            (lang.value, str(int(level)))
            for lang, level in languages.items()
            if lang not in (Language.NORWEGIAN, Language.ENGLISH)
        ] + [(NO_LANGUAGE, NO_LANGUAGE)] * 2
        norwegian = languages.get(Language.NORWEGIAN)
        english = languages.get(Language.ENGLISH)
        return {
            "skills": [s for s in profile.skills if s in SKILL_SUGGESTIONS],
            "own_skills": ", ".join(s for s in profile.skills if s not in SKILL_SUGGESTIONS),
            "norwegian": str(int(norwegian)) if norwegian else None,
            "english": str(int(english)) if english else NO_LANGUAGE,
            "other_language_1": others[0][0],
            "other_level_1": others[0][1],
            "other_language_2": others[1][0],
            "other_level_2": others[1][1],
        }
    return {
        "name": profile.user.name,
        "about": profile.about or "",
        "contact_name": profile.contact_name or "",
        "contact_email": profile.contact_email or "",
        "share_contact": profile.share_contact,
    }
