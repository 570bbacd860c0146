"""What people read for each code of a trial agreement: states, goals, sides, problems."""

from __future__ import annotations

from typing import Any

from jobbes.i18n import gettext as _
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.agreements import (
    AgreementGoal,
    AgreementStatus,
    PoliceCertificateHandling,
    SignatureRole,
)
from jobbes.services.agreements import LinkProblem, Problem, ScheduleProblem
from jobbes.vocabulary import TrialPay

STATUSES = {
    AgreementStatus.DRAFT: _l("Draft"),
    AgreementStatus.AWAITING_SIGNATURES: _l("Waiting for signatures"),
    AgreementStatus.SIGNED: _l("Signed"),
    AgreementStatus.RUNNING: _l("Under way"),
    AgreementStatus.COMPLETED: _l("Completed"),
    AgreementStatus.CANCELLED: _l("Cancelled"),
    AgreementStatus.ENDED_EARLY: _l("Ended early"),
}

# What each state means for the people reading the agreement.
STATUS_HINTS = {
    AgreementStatus.DRAFT: _l(
        "The employer and the programme's contact fill it in. Then they send it to be signed."
    ),
    AgreementStatus.AWAITING_SIGNATURES: _l(
        "Everyone reads it and signs. If anything is changed, everyone signs again."
    ),
    AgreementStatus.SIGNED: _l("Everyone has signed. The trial starts on its first day."),
    AgreementStatus.RUNNING: _l("The trial is under way."),
    AgreementStatus.COMPLETED: _l("The trial is over."),
    AgreementStatus.CANCELLED: _l("The trial was cancelled before it started."),
    AgreementStatus.ENDED_EARLY: _l("The trial was ended before its last day."),
}

GOALS = {
    AgreementGoal.JOB_HERE: _l("Get a job here"),
    AgreementGoal.WORK_EXPERIENCE: _l("Work experience"),
    AgreementGoal.TRY_TRADE: _l("Try out a trade"),
    AgreementGoal.PRACTISE_NORWEGIAN: _l("Practise Norwegian"),
    AgreementGoal.TRADE_CERTIFICATE: _l("Towards a trade certificate"),
    AgreementGoal.OTHER: _l("Other"),
}

PAY = {
    TrialPay.PAID: _l("Paid"),
    TrialPay.UNPAID: _l("Unpaid"),
    TrialPay.NAV_FUNDED: _l("A NAV-funded measure"),
}

POLICE_CERTIFICATE = {
    PoliceCertificateHandling.SHOWN_BEFORE_START: _l(
        "The young person shows a police certificate before the first day"
    ),
    PoliceCertificateHandling.ALREADY_SHOWN: _l("The police certificate has been shown"),
    PoliceCertificateHandling.NOT_NEEDED_FOR_TASKS: _l(
        "Not needed: the tasks in this trial do not involve the people it protects"
    ),
}

SIDES = {
    SignatureRole.YOUNG_PERSON: _l("The young person"),
    SignatureRole.EMPLOYER: _l("The employer"),
    SignatureRole.PROGRAMME: _l("The programme"),
    SignatureRole.GUARDIAN: _l("Parent or guardian"),
}

# What must be filled in before sending, by the service's field names.
MISSING = {
    "programme_contact": _l("the programme's contact"),
    "contact_name": _l("the contact person's name"),
    "contact_phone": _l("the contact person's phone number"),
    "tasks": _l("the tasks"),
    "goals": _l("at least one goal"),
    "days": _l("the days and hours"),
    "pay_amount": _l("how much the pay is"),
    "police_certificate_handling": _l("how the police certificate is handled"),
}

# What changed, by field name, for the agreement's history.
FIELDS = {
    "contact_name": _l("Contact person"),
    "contact_role": _l("Contact person's role"),
    "contact_phone": _l("Contact person's phone"),
    "place": _l("Place"),
    "start_date": _l("First day"),
    "end_date": _l("Last day"),
    "tasks": _l("Tasks"),
    "goals": _l("Goals"),
    "goal_other": _l("Other goal"),
    "training": _l("Training"),
    "safety_equipment": _l("Safety equipment"),
    "pay": _l("Pay"),
    "pay_amount": _l("Amount"),
    "police_certificate_handling": _l("Police certificate"),
    "evaluation_date": _l("Evaluation"),
    "programme_contact": _l("The programme's contact"),
}

HISTORY = {
    "agreement:drafted": _l("Drafted from the agreed trial"),
    "agreement:edited": _l("Changed"),
    "agreement:schedule_changed": _l("Days and hours changed"),
    "agreement:sent_for_signature": _l("Sent to be signed"),
    "agreement:signed_by": _l("Signed"),
    "agreement:signed_on_behalf": _l("Signed on someone's behalf by the programme's contact"),
    "agreement:signed": _l("Signed by everyone"),
    "agreement:guardian_named": _l("The young person named a parent or guardian"),
    "agreement:guardian_link_sent": _l("A signing link was sent to the parent or guardian"),
    "agreement:guardian_question": _l("The parent or guardian asked a question"),
    "agreement:started": _l("The trial started"),
    "agreement:completed": _l("The trial was completed"),
    "agreement:cancelled": _l("Cancelled"),
    "agreement:ended_early": _l("Ended early"),
    "agreement:young_person_left": _l("Ended: the young person left Jobbes"),
    "agreement:interest_ended": _l("Ended: the interest was withdrawn or declined"),
}

LINK_PROBLEMS = {
    LinkProblem.UNKNOWN: _l(
        "This link does not work. Check that you copied all of it, or ask the young person to "
        "send a new one."
    ),
    LinkProblem.USED: _l(
        "This link has been used already: the agreement is signed with it. Each link works once."
    ),
    LinkProblem.EXPIRED: _l(
        "This link has expired, or a newer one was sent. Ask the young person or the programme "
        "to send you a new link."
    ),
    LinkProblem.OUTDATED: _l(
        "The agreement has changed since this link was sent, or is no longer waiting for "
        "signatures. You get a new link when it is ready to sign again."
    ),
}


def problem_text(problem: ScheduleProblem, *, day_text: Any = None) -> str:
    """One problem with the dates or the schedule, in words; `day_text` formats a date."""
    day = day_text(problem.day) if day_text is not None and problem.day is not None else ""
    match problem.problem:
        case Problem.END_BEFORE_START:
            return _(
                "%(day)s: the day ends before it starts. A shift past midnight is written as "
                "two days, one ending at 23:59 and one starting at 00:00.",
                day=day,
            )
        case Problem.SAME_DAY_TWICE:
            return _(
                "%(day)s is in the schedule twice. Write one start and one end a day.", day=day
            )
        case Problem.OUTSIDE_DATES:
            return _("%(day)s is outside the trial's first and last day.", day=day)
        case Problem.BREAK_TOO_LONG:
            return _("%(day)s: the break is longer than the working day.", day=day)
        case Problem.WEEK_TOO_LONG:
            return _(
                "The week of %(day)s has %(hours)s hours; the listing offers at most %(limit)s "
                "hours a week.",
                day=day,
                hours=f"{problem.hours:g}",
                limit=str(problem.limit),
            )
        case Problem.TOO_MANY_DAYS:
            return _("A trial has at most %(limit)s days.", limit=str(problem.limit))
        case Problem.DATES_REVERSED:
            return _("The last day is before the first day.")
        case Problem.EVALUATION_BEFORE_START:
            return _("The evaluation is before the trial starts.")
