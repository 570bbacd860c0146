"""Times to meet: what the employer proposes, and how the young person answers."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from jobbes.forms.base import Form
from jobbes.forms.fields import StateField, date_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.meeting_labels import KIND_NAMES
from jobbes.models.interests import InterestStatus
from jobbes.models.meetings import MeetingStatus
from jobbes.services.meetings import (
    CONTACT_NAME_MAX,
    CONTACT_PHONE_MAX,
    MAX_TIMES,
    NOTE_MAX,
    PLACE_MAX,
)

POSITIONS = range(1, MAX_TIMES + 1)


def _time_field(label: Any) -> TimeField:
    return TimeField(
        label,
        [Optional()],
        format=["%H:%M", "%H.%M", "%H"],
        render_kw={"step": 300},
    )


class _Rounds:
    """The proposal the person saw: its round (0 for none) and its state."""

    seen_round = IntegerField(
        validators=[Optional(), NumberRange(min=0, max=10_000)], widget=HiddenField.widget
    )
    seen_status = StateField(MeetingStatus)


class ProposeTimesForm(_Rounds, Form):
    """One to three times, a place and who to ask for."""

    meeting_kind = RadioField(
        _l("What is it?"),
        choices=[SelectChoice(code, label) for code, label in KIND_NAMES.items()],
        default="talk",
        validators=[InputRequired(message=_l("Choose a talk or a first trial day."))],
    )
    expected = StateField(InterestStatus)
    day_1 = date_field(_l("Day"), [Optional()])
    start_1 = _time_field(_l("From"))
    end_1 = _time_field(_l("To"))
    day_2 = date_field(_l("Day"), [Optional()])
    start_2 = _time_field(_l("From"))
    end_2 = _time_field(_l("To"))
    day_3 = date_field(_l("Day"), [Optional()])
    start_3 = _time_field(_l("From"))
    end_3 = _time_field(_l("To"))
    place = StringField(
        _l("Place"),
        validators=[
            InputRequired(message=_l("Write where you meet.")),
            Length(max=PLACE_MAX),
        ],
        description=_l("The address, and the door or floor if it is hard to find."),
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
    )
    contact_name = StringField(
        _l("Who to ask for"),
        validators=[
            InputRequired(message=_l("Write the name of the person to ask for.")),
            Length(max=CONTACT_NAME_MAX),
        ],
        filters=[lambda value: value.strip() if isinstance(value, str) else value],
        render_kw={"autocomplete": "off"},
    )
    contact_phone = StringField(
        _l("Their phone number"),
        validators=[
            Optional(),
            Length(max=CONTACT_PHONE_MAX),
            Regexp(r"^\+?[0-9 ]{8,}$", message=_l("Write a phone number, like 912 34 567.")),
        ],
        render_kw={"autocomplete": "off", "inputmode": "tel"},
    )

    def rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [(n, self[f"day_{n}"], self[f"start_{n}"], self[f"end_{n}"]) for n in POSITIONS]

    def times(self) -> list[tuple[int, date, time, time]] | None:
        """The rows filled in, with their number; None (and the errors on the fields) if a row
        is half filled in."""
        filled: list[tuple[int, date, time, time]] = []
        complete = True
        for number, day, start, end in self.rows():
            parts = (day, start, end)
            if not any(part.data for part in parts) and not any(part.errors for part in parts):
                continue
            for part, message in zip(
                parts,
                (
                    _l("Write the day."),
                    _l("Write when it starts, like 10:00."),
                    _l("Write when it ends, like 11:00."),
                ),
                strict=True,
            ):
                if part.data is None and not part.errors:
                    part.errors = [*part.errors, message]
                    complete = False
            if any(part.errors for part in parts):
                complete = False
                continue
            filled.append((number, day.data, start.data, end.data))
        if not complete:
            return None
        if not filled:
            self.day_1.errors = [*self.day_1.errors, _l("Propose at least one time.")]
            return None
        return filled


class ChooseTimeForm(_Rounds, Form):
    position = RadioField(
        _l("Which time suits you?"),
        choices=[SelectChoice(str(n), str(n)) for n in POSITIONS],
        validators=[InputRequired(message=_l("Choose one of the times."))],
        coerce=int,
    )


class AnotherTimeForm(_Rounds, Form):
    note = TextAreaField(
        _l("When suits you better?"),
        validators=[Optional(), Length(max=NOTE_MAX)],
        description=_l("For example: “Tuesdays and Thursdays after 14”."),
        render_kw={"rows": 2, "maxlength": NOTE_MAX},
    )
