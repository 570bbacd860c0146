"""What people read for each code of a trial's evaluation and follow-up."""

from __future__ import annotations

from jobbes.i18n import lazy_gettext as _l
from jobbes.models.evaluations import Attendance, ContractKind, NowDoing, Outcome

ATTENDANCE = {
    Attendance.COMPLETED: _l("Came every day"),
    Attendance.PARTLY: _l("Came, but missed some days"),
    Attendance.NO_SHOW: _l("Did not come"),
}

OUTCOMES = {
    Outcome.JOB: _l("An offer of a job"),
    Outcome.APPRENTICESHIP: _l("An offer of an apprenticeship"),
    Outcome.SUMMER_JOB: _l("An offer of a summer job"),
    Outcome.ANOTHER_TRIAL: _l("Another trial"),
    Outcome.NO_OFFER: _l("No offer this time"),
}

CONTRACTS = {
    ContractKind.PERMANENT: _l("Permanent"),
    ContractKind.TEMPORARY: _l("Temporary"),
    ContractKind.PART_TIME: _l("Part-time"),
    ContractKind.CASUAL: _l("Extra help when needed"),
    ContractKind.APPRENTICESHIP: _l("Apprenticeship contract"),
}

NOW_DOING = {
    NowDoing.WORK: _l("Working"),
    NowDoing.APPRENTICESHIP: _l("An apprenticeship"),
    NowDoing.SCHOOL: _l("School or studies"),
    NowDoing.LOOKING: _l("Looking for work"),
    NowDoing.OTHER: _l("Something else"),
}

# The error for each field a part was refused for (services/evaluations.DetailsMissing).
MISSING = {
    "days_missed": _l(
        "Write how many days were missed: at least 1, and no more than the trial had."
    ),
    "offer_start": _l("Write when the job starts, no earlier than the trial's first day."),
    "offer_contract": _l("Choose the kind of contract."),
    "how_it_was": _l("Write a few words about how it was."),
}
