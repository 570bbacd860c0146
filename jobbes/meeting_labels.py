"""What people read about times to meet: the kinds of meeting, their states, and the answers to
someone whose step crossed another's."""

from __future__ import annotations

from datetime import datetime

from jobbes.i18n import format_datetime, format_time
from jobbes.i18n import lazy_gettext as _l

# "… times for %(what)s": what is proposed, in the middle of a sentence.
KINDS = {
    "talk": _l("a talk"),
    "trial_day": _l("a first trial day"),
}

# The same as a heading or a choice.
KIND_NAMES = {
    "talk": _l("Talk"),
    "trial_day": _l("First trial day"),
}

# Where a proposal stands, as the employer's card says it.
FOR_EMPLOYER = {
    "proposed": _l("Waiting for the young person to pick a time"),
    "chosen": _l("Time agreed"),
    "another_time": _l("The young person asks for another time"),
}

# The young person's own answer, or what they are asked to do.
FOR_YOUNG_PERSON = {
    "proposed": _l("Pick the time that suits you"),
    "chosen": _l("You meet"),
    "another_time": _l("You asked for another time. The employer proposes new times."),
}

CHANGED_FOR_YOUNG_PERSON = {
    "replaced": _l(
        "The employer proposed new times a moment ago, so your choice was not saved. Here are the new times."
    ),
    "answered": _l("You answered this already. Here is how it stands."),
    "ended": _l("This interest has ended, so no time can be picked any more."),
}

CHANGED_FOR_EMPLOYER = {
    "replaced": _l(
        "A colleague proposed times a moment ago. Here is what they proposed; you can propose again."
    ),
    "answered": _l(
        "The young person answered a moment ago, so your new times were not sent. See their answer below."
    ),
    "ended": _l(
        "This interest moved on or ended a moment ago, so your times were not sent. Here is how it stands."
    ),
}


def span(start: datetime, end: datetime) -> str:
    """ "onsdag 9. desember 2026, 10:00–11:00" on the clock in Kristiansand."""
    return f"{format_datetime(start, 'weekday')}–{format_time(end)}"
