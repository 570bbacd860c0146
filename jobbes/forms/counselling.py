"""Forms between young people and counsellors, and the admins' form that creates counsellors."""

from __future__ import annotations

from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from jobbes.forms.base import Form
from jobbes.forms.fields import email_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.profiles import ABOUT_MAX_LENGTH
from jobbes.services.counselling import NOTE_MAX, ORGANISATION_NAME_MAX, SUGGESTION_NOTE_MAX


class AddCounsellorForm(Form):
    """A young person adds a counsellor by the code the counsellor gave them, or their email."""

    code_or_email = StringField(
        _l("Your counsellor's code or email address"),
        validators=[
            DataRequired(message=_l("Write the code or the email address.")),
            Length(max=254, message=_l("That is too long for a code or an email address.")),
        ],
        description=_l("Your counsellor can give you a code of six letters and numbers."),
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"},
    )


class AskToFollowForm(Form):
    """A counsellor asks a young person, by their email address, to let them follow them."""

    email = email_field(_l("The young person's email address"))


class CreateCounsellorForm(Form):
    email = email_field(_l("The counsellor's work email"))
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=100, message=_l("Keep it under %(max)d characters."))],
        description=_l("Leave it empty to let the counsellor write it when they join."),
    )
    organisation = StringField(
        _l("Counselling organisation"),
        validators=[
            DataRequired(message=_l("Write where the counsellor works.")),
            Length(max=ORGANISATION_NAME_MAX, message=_l("Keep it under %(max)d characters.")),
        ],
        description=_l(
            "For example Varodd GameOn, NAV Kristiansand, Oppfølgingstjenesten or a school."
        ),
    )


class NoteForm(Form):
    text = TextAreaField(
        _l("New note"),
        validators=[
            DataRequired(message=_l("Write the note first.")),
            Length(max=NOTE_MAX, message=_l("Keep it under %(max)d characters.")),
        ],
        description=_l(
            "Only counsellors at your organisation who follow this young person read notes. "
            "The young person gets them if they download their data."
        ),
        render_kw={"rows": 3},
    )


class SuggestForm(Form):
    """Suggest one of the listings that fit the young person, with a few words."""

    listing = RadioField(
        _l("Listing"),
        choices=[],
        validators=[InputRequired(message=_l("Choose a listing."))],
    )
    note = TextAreaField(
        _l("A few words to the young person"),
        validators=[
            Optional(),
            Length(max=SUGGESTION_NOTE_MAX, message=_l("Keep it under %(max)d characters.")),
        ],
        render_kw={"rows": 2},
    )


class AboutTogetherForm(Form):
    """A counsellor and a young person write "a few words about you" together."""

    about = TextAreaField(
        _l("A few words about them, written together"),
        validators=[
            Optional(),
            Length(max=ABOUT_MAX_LENGTH, message=_l("Keep it under %(max)d characters.")),
        ],
        description=_l(
            "Write it with the young person. It is marked as edited with you, and a moderator "
            "reviews it before employers see it, as with their own words."
        ),
        render_kw={"rows": 4},
    )
