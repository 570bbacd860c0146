"""The words of each notification, rendered when shown, in the reader's language.

A title takes no parameters, so it can never carry a name or anything else personal: it becomes
the subject of an email. The body is built from the notification's params; a missing param
reads as an empty string rather than failing, because old notifications outlive code changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel.speaklater import LazyString

from jobbes import labels, meeting_labels
from jobbes.i18n import format_date, gettext
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.accounts import Role
from jobbes.models.notifications import Category, NotificationKind

K = NotificationKind
Params = Mapping[str, Any]


@dataclass(frozen=True)
class Text:
    title: LazyString
    body: Callable[[Params], str]


def _(msgid: str, **variables: str) -> str:
    """gettext that reads a missing param as empty, also when there are no params at all."""
    return gettext(msgid) % defaultdict(str, variables)


def _p(params: Params) -> defaultdict[str, str]:
    return defaultdict(str, {key: str(value) for key, value in params.items() if value is not None})


def _day(params: Params, key: str) -> str:
    value = params.get(key)
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def _with_message(text: str, params: Params) -> str:
    message = params.get("message")
    return f"{text}\n\n{message}" if message else text


def _invited(params: Params) -> str:
    text = _(
        "%(organisation)s invites you to a talk or a trial day about “%(listing)s”.", **_p(params)
    )
    return _with_message(text, params)


def _trial(params: Params) -> str:
    start, end = _day(params, "start"), _day(params, "end")
    if end:
        text = _(
            "Your job trial at %(organisation)s for “%(listing)s” is agreed: %(start)s to %(end)s.",
            start=start,
            end=end,
            **_p({k: v for k, v in params.items() if k not in ("start", "end")}),
        )
    else:
        text = _(
            "Your job trial at %(organisation)s for “%(listing)s” is agreed, starting %(start)s.",
            start=start,
            **_p({k: v for k, v in params.items() if k != "start"}),
        )
    return _with_message(text, params)


def _declined(params: Params) -> str:
    kind = labels.DECLINE_MESSAGES.get(str(params.get("decline_message", "")))
    text = _("%(organisation)s answered about “%(listing)s”.", **_p(params))
    if kind is not None:
        text = f"{text}\n\n{kind}"
    return _with_message(text, params)


def _rejected(params: Params) -> str:
    label = {str(code): text for code, text in labels.REJECTION_REASONS.items()}.get(
        str(params.get("reason", ""))
    )
    text = _("“%(listing)s” was not approved.", **_p(params))
    if label is not None:
        because = _("Reason: %(reason)s", reason=str(label))
        text = f"{text} {because}"
    return _with_message(text, params)


def _moment(params: Params, start: str, end: str) -> str:
    try:
        return meeting_labels.span(
            datetime.fromisoformat(str(params[start])), datetime.fromisoformat(str(params[end]))
        )
    except (KeyError, ValueError):
        return ""


def _meeting_kind(params: Params) -> str:
    return str(meeting_labels.KINDS.get(str(params.get("kind", "")), ""))


def _times_proposed(params: Params) -> str:
    text = _(
        "%(organisation)s proposes times for %(what)s about “%(listing)s”. Pick the one that suits you, or ask for another:",
        what=_meeting_kind(params),
        **_p({k: v for k, v in params.items() if k not in ("times", "kind")}),
    )
    lines = []
    for pair in params.get("times") or []:
        moment = _moment({"s": pair[0], "e": pair[1]}, "s", "e") if len(pair) == 2 else ""
        if moment:
            lines.append(f"• {moment}")
    place = _("Place: %(place)s", place=str(params.get("place", "")))
    return "\n".join([text, "", *lines, "", place])


def _time_chosen(params: Params) -> str:
    return _(
        "The young person picked a time for %(what)s about “%(listing)s”: %(when)s. Add it to your calendar from Jobbes.",
        what=_meeting_kind(params),
        when=_moment(params, "start", "end"),
        **_p({k: v for k, v in params.items() if k in ("listing",)}),
    )


def _another_time(params: Params) -> str:
    return _(
        "The young person asks for another time for %(what)s about “%(listing)s”. See their note and propose new times in Jobbes.",
        what=_meeting_kind(params),
        **_p({k: v for k, v in params.items() if k in ("listing",)}),
    )


def _reminder(params: Params) -> str:
    values = {
        "what": _meeting_kind(params),
        "when": _moment(params, "start", "end"),
        **_p({k: v for k, v in params.items() if k in ("listing", "organisation", "place")}),
    }
    if params.get("organisation"):
        return _(
            "Tomorrow: %(what)s about “%(listing)s” at %(organisation)s, %(when)s. Place: %(place)s.",
            **values,
        )
    return _("Tomorrow: %(what)s about “%(listing)s”, %(when)s. Place: %(place)s.", **values)


def _closed_unanswered(params: Params) -> str:
    text = _(
        "The employer did not answer in time – it is not about you. Your interest in “%(listing)s” at %(organisation)s is closed, and you may say you are interested again later.",
        **_p(params),
    )
    suggestions = [str(title) for title in params.get("suggestions") or ()]
    if suggestions:
        lines = "\n".join(f"– {title}" for title in suggestions)
        text = f"{text}\n\n{_('These listings may suit you:')}\n{lines}"
    return text


def _but_day(params: Params) -> defaultdict[str, str]:
    return _p({k: v for k, v in params.items() if k != "day"})


TEXTS: dict[NotificationKind, Text] = {
    K.INTEREST_READ: Text(
        _l("Your interest was read"),
        lambda p: _("%(organisation)s has read your interest in “%(listing)s”.", **_p(p)),
    ),
    K.INTEREST_INVITED: Text(_l("You are invited to a talk or a trial day"), _invited),
    K.INTEREST_TRIAL_AGREED: Text(_l("Your job trial is agreed"), _trial),
    K.INTEREST_OFFERED: Text(
        _l("You have been offered the place"),
        lambda p: _with_message(
            _("%(organisation)s offers you “%(listing)s”. Answer them in Jobbes.", **_p(p)), p
        ),
    ),
    K.INTEREST_HIRED: Text(
        _l("You got the place"),
        lambda p: _with_message(
            _("Congratulations! %(organisation)s has taken you on for “%(listing)s”.", **_p(p)), p
        ),
    ),
    K.INTEREST_DECLINED: Text(_l("An answer to your interest"), _declined),
    K.INTEREST_INVITED_BY_EMPLOYER: Text(
        _l("An employer invites you to apply"),
        lambda p: _with_message(
            _("%(organisation)s would like you to apply for “%(listing)s”.", **_p(p)), p
        ),
    ),
    K.LISTING_CLOSED: Text(
        _l("A listing you are interested in has closed"),
        lambda p: _("“%(listing)s” at %(organisation)s is no longer open.", **_p(p)),
    ),
    K.LISTING_CHANGED: Text(
        _l("A listing you are interested in has changed"),
        lambda p: _(
            "%(organisation)s has changed “%(listing)s”. Have a look at what is new.", **_p(p)
        ),
    ),
    K.PROFILE_APPROVED: Text(
        _l("Your profile is approved"),
        lambda p: _("Employers can now find your profile if you have chosen to be found."),
    ),
    K.PROFILE_CHANGES_REQUESTED: Text(
        _l("Your profile needs a few changes"),
        lambda p: _with_message(_("A moderator asks you to change something in your profile."), p),
    ),
    K.SAVED_SEARCH_NEW_LISTINGS: Text(
        _l("New listings for your saved search"),
        lambda p: _("New listings match your search “%(search)s”: %(count)s.", **_p(p)),
    ),
    K.SAVED_SEARCH_EXPIRING: Text(
        _l("Your saved search stops soon"),
        lambda p: _(
            "Your search “%(search)s” stops sending new listings on %(day)s unless you renew it.",
            day=_day(p, "day"),
            **_p({k: v for k, v in p.items() if k != "day"}),
        ),
    ),
    K.MESSAGE_TO_YOUNG_PERSON: Text(
        _l("You have a new message"),
        lambda p: _("%(organisation)s wrote to you about “%(listing)s”.", **_p(p)),
    ),
    K.MESSAGE_TO_EMPLOYER: Text(
        _l("A young person wrote to you"),
        lambda p: _("A young person wrote to you about “%(listing)s”.", **_p(p)),
    ),
    K.INTEREST_NEW: Text(
        _l("Someone is interested in your listing"),
        lambda p: _("A young person is interested in “%(listing)s”.", **_p(p)),
    ),
    K.INTEREST_ACCEPTED: Text(
        _l("An invitation was accepted"),
        lambda p: _("A young person you invited to apply for “%(listing)s” said yes.", **_p(p)),
    ),
    K.INTEREST_INVITATION_DECLINED: Text(
        _l("An invitation was declined"),
        lambda p: _(
            "A young person you invited to apply for “%(listing)s” said no thanks.", **_p(p)
        ),
    ),
    K.INTEREST_WITHDRAWN: Text(
        _l("An interest was withdrawn"),
        lambda p: _("A young person withdrew their interest in “%(listing)s”.", **_p(p)),
    ),
    K.INTEREST_OFFER_ACCEPTED: Text(
        _l("An offer was accepted"),
        lambda p: _("A young person said yes to your offer for “%(listing)s”.", **_p(p)),
    ),
    K.INTEREST_OFFER_DECLINED: Text(
        _l("An offer was declined"),
        lambda p: _("A young person said no thanks to your offer for “%(listing)s”.", **_p(p)),
    ),
    K.LISTING_APPROVED: Text(
        _l("Your listing is published"),
        lambda p: _("“%(listing)s” was approved and young people can find it now.", **_p(p)),
    ),
    K.LISTING_CHANGES_REQUESTED: Text(
        _l("Your listing needs changes"),
        lambda p: _with_message(
            _("A moderator sent “%(listing)s” back with a comment:", **_p(p)), p
        ),
    ),
    K.LISTING_REJECTED: Text(_l("Your listing was not approved"), _rejected),
    K.ORGANISATION_VERIFIED: Text(
        _l("Your organisation is verified"),
        lambda p: _("%(organisation)s is verified. Your listings can now be published.", **_p(p)),
    ),
    K.ORGANISATION_COLLEAGUE_JOINED: Text(
        _l("A colleague joined"),
        lambda p: _("%(name)s has joined %(organisation)s in Jobbes.", **_p(p)),
    ),
    K.LISTING_DEADLINE_NO_INTEREST: Text(
        _l("A listing's deadline is near, with no interest yet"),
        lambda p: _(
            "The deadline for “%(listing)s” is %(day)s and nobody has said they are interested yet.",
            day=_day(p, "day"),
            **_p({k: v for k, v in p.items() if k != "day"}),
        ),
    ),
    K.MEETING_PROPOSED: Text(_l("Times proposed to meet"), _times_proposed),
    K.MEETING_CHOSEN: Text(_l("A time to meet was picked"), _time_chosen),
    K.MEETING_ANOTHER_TIME: Text(_l("Another time to meet is asked for"), _another_time),
    K.MEETING_REMINDER: Text(_l("Reminder: you meet tomorrow"), _reminder),
    K.INTEREST_CLOSED_UNANSWERED: Text(
        _l("The employer did not answer in time"), _closed_unanswered
    ),
    K.INVITATION_REMINDER: Text(
        _l("An invitation is waiting for your answer"),
        lambda p: _(
            "%(organisation)s invited you to apply for “%(listing)s” a week ago. Answer yes or no thanks by %(day)s.",
            day=_day(p, "day"),
            **_but_day(p),
        ),
    ),
    K.INTEREST_ANSWER_REMINDER: Text(
        _l("A young person is waiting for your answer"),
        lambda p: _(
            "A young person has waited 3 working days for an answer about “%(listing)s”. Invite them to a talk or decline kindly; without an answer it closes by itself on %(day)s.",
            day=_day(p, "day"),
            **_but_day(p),
        ),
    ),
    K.INTEREST_ANSWER_SECOND_REMINDER: Text(
        _l("Second reminder: a young person is still waiting"),
        lambda p: _(
            "A young person has waited 7 working days for an answer about “%(listing)s”. The programme's staff can now see that it is unanswered. Without an answer it closes by itself on %(day)s.",
            day=_day(p, "day"),
            **_but_day(p),
        ),
    ),
    K.INTEREST_CLOSED_WITHOUT_ANSWER: Text(
        _l("An interest closed without an answer"),
        lambda p: _(
            "A young person's interest in “%(listing)s” closed by itself after 14 working days without an answer. They were told kindly.",
            **_p(p),
        ),
    ),
    K.INVITATION_EXPIRED: Text(
        _l("An invitation expired"),
        lambda p: _(
            "A young person you invited to apply for “%(listing)s” did not answer within 14 days, so the invitation has expired.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_TO_SIGN: Text(
        _l("A trial agreement is ready to sign"),
        lambda p: _(
            "The agreement for the job trial “%(listing)s” at %(organisation)s is ready. Read it "
            "and sign it in Jobbes.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_CHANGED: Text(
        _l("A trial agreement was changed"),
        lambda p: _(
            "The agreement for the job trial “%(listing)s” at %(organisation)s was changed. Any "
            "signatures were cleared: read the new version before it is signed again.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_SIGNED: Text(
        _l("The trial agreement is signed"),
        lambda p: _(
            "Everyone has signed the agreement for the job trial “%(listing)s” at "
            "%(organisation)s, starting %(start)s. You find it, and a PDF of it, in Jobbes.",
            start=_day(p, "start"),
            **_p({k: v for k, v in p.items() if k != "start"}),
        ),
    ),
    K.AGREEMENT_CANCELLED: Text(
        _l("A trial agreement was cancelled"),
        lambda p: _(
            "The job trial “%(listing)s” at %(organisation)s was cancelled. The reason is in "
            "Jobbes.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_ENDED_EARLY: Text(
        _l("A job trial was ended early"),
        lambda p: _(
            "The job trial “%(listing)s” at %(organisation)s was ended early. The reason is in "
            "Jobbes.",
            **_p(p),
        ),
    ),
    K.EVALUATION_ASKED: Text(
        _l("Your evaluation of a job trial"),
        lambda p: _(
            "The job trial “%(listing)s” at %(organisation)s is over. Fill in your part of the "
            "evaluation in Jobbes: it takes a few minutes.",
            **_p(p),
        ),
    ),
    K.EVALUATION_REMINDER: Text(
        _l("The trial's evaluation is still missing"),
        lambda p: _(
            "Your part of the evaluation of the job trial “%(listing)s” at %(organisation)s is "
            "still missing. Fill it in in Jobbes.",
            **_p(p),
        ),
    ),
    K.EVALUATION_EMPLOYER_WROTE: Text(
        _l("The workplace has evaluated your trial"),
        lambda p: _(
            "%(organisation)s has written its part of the evaluation of the job trial "
            "“%(listing)s”. Read it in Jobbes, and say whether you agree with it.",
            **_p(p),
        ),
    ),
    K.FOLLOW_UP_QUESTION: Text(
        _l("A question about what you do now"),
        lambda p: _(
            "A while ago you had a job trial at %(organisation)s. What are you doing now? "
            "Answer with one tap on your page in Jobbes.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_NEEDS_CONTACT: Text(
        _l("A trial agreement needs a programme contact"),
        lambda p: _(
            "A job trial was agreed for “%(listing)s” at %(organisation)s. Choose the programme's "
            "contact on its agreement.",
            **_p(p),
        ),
    ),
    K.AGREEMENT_GUARDIAN_QUESTION: Text(
        _l("A guardian asks about a trial agreement"),
        lambda p: _(
            "A guardian has a question about the agreement for “%(listing)s” at "
            "%(organisation)s. Read it on the agreement in Jobbes.",
            **_p(p),
        ),
    ),
    K.MODERATION_DAILY_SUMMARY: Text(
        _l("Today's moderation summary"),
        lambda p: _("Waiting past their target: %(overdue)s. New reports: %(reports)s.", **_p(p)),
    ),
    K.REPORT_URGENT: Text(
        _l("An urgent report"),
        lambda p: _("Someone reported something that needs a look straight away."),
    ),
    K.COUNSELLOR_REQUEST: Text(
        _l("A counsellor asks to follow you"),
        lambda p: _(
            "%(name)s at %(organisation)s asks to follow how you are doing in Jobbes. You decide: answer on your page.",
            **_p(p),
        ),
    ),
    K.COUNSELLOR_SUGGESTION: Text(
        _l("Your counsellor suggests a listing"),
        lambda p: _with_message(
            _("%(name)s suggests “%(listing)s” at %(organisation)s.", **_p(p)), p
        ),
    ),
    K.COUNSELLOR_CONSENT_ENDING: Text(
        _l("A counsellor stops following you soon"),
        lambda p: _(
            "%(name)s at %(organisation)s stops following you on %(day)s, twelve months after you said yes. If you want them to go on, renew it on your page.",
            day=_day(p, "day"),
            **_p({k: v for k, v in p.items() if k != "day"}),
        ),
    ),
    K.COUNSELLOR_ADDED: Text(
        _l("A young person added you as their counsellor"),
        lambda p: _("A young person added you as their counsellor. See them in your caseload."),
    ),
    K.COUNSELLOR_ACCEPTED: Text(
        _l("A young person said yes to your request"),
        lambda p: _("A young person lets you follow them now. See them in your caseload."),
    ),
}


def title(kind: NotificationKind) -> str:
    return str(TEXTS[kind].title)


def body(kind: NotificationKind, params: Params) -> str:
    return TEXTS[kind].body(params)


CATEGORY_LABELS = {
    Category.MY_INTERESTS: _l("Interests"),
    Category.INVITATIONS: _l("Invitations"),
    Category.SAVED_SEARCHES: _l("Saved searches"),
    Category.LISTINGS: _l("Listings and organisation"),
    Category.MODERATION: _l("Moderation"),
    Category.COUNSELLING: _l("Counsellors"),
}

# What each category holds, in the words of the person choosing for it.
CATEGORY_HINTS: dict[tuple[Role, Category], LazyString] = {
    (Role.YOUNG_PERSON, Category.MY_INTERESTS): _l(
        "Answers and messages from employers: read, trial agreed, offered, hired or a kind no; a listing you are interested in closed or changed"
    ),
    (Role.YOUNG_PERSON, Category.INVITATIONS): _l(
        "An employer invites you to apply, or to a talk or a trial day, with times to pick from; a reminder the day before you meet"
    ),
    (Role.YOUNG_PERSON, Category.SAVED_SEARCHES): _l("New listings that match a search you saved"),
    (Role.YOUNG_PERSON, Category.MODERATION): _l("Your profile was approved or needs changes"),
    (Role.EMPLOYER, Category.MY_INTERESTS): _l(
        "A young person is interested in a listing, wrote to you, answered an offer, or withdrew"
    ),
    (Role.EMPLOYER, Category.INVITATIONS): _l(
        "A young person accepted or declined your invitation, picked a time to meet or asked for another; a reminder the day before you meet"
    ),
    (Role.EMPLOYER, Category.LISTINGS): _l(
        "A listing was approved, sent back or rejected, or its deadline is near; the organisation was verified or a colleague joined"
    ),
    (Role.MODERATOR, Category.MODERATION): _l(
        "Queues past their waiting-time target and new reports; urgent reports at once"
    ),
    (Role.ADMIN, Category.MODERATION): _l(
        "Queues past their waiting-time target and new reports; urgent reports at once"
    ),
    (Role.YOUNG_PERSON, Category.COUNSELLING): _l(
        "A counsellor asks to follow you, or suggests a listing for you"
    ),
    (Role.COUNSELLOR, Category.COUNSELLING): _l(
        "A young person added you as their counsellor, or said yes to your request"
    ),
}


def category_label(category: Category) -> str:
    return str(CATEGORY_LABELS[category])


def category_hint(role: Role, category: Category) -> str:
    hint = CATEGORY_HINTS.get((role, category))
    return str(hint) if hint is not None else ""


EMPTY_STATES = {
    Role.YOUNG_PERSON: _l(
        "When an employer reads your interest, invites you, offers you a place or answers you, you will see it here. You also hear about listings you are interested in that change or close."
    ),
    Role.EMPLOYER: _l(
        "When a young person is interested in one of your listings, answers an invitation or withdraws, you will see it here, and when the moderators have looked at your listings."
    ),
    Role.MODERATOR: _l(
        "Urgent reports and a daily summary of queues waiting too long will appear here."
    ),
    Role.ADMIN: _l(
        "Urgent reports and a daily summary of queues waiting too long will appear here."
    ),
    Role.COUNSELLOR: _l(
        "When a young person adds you as their counsellor or says yes to your request, you will see it here."
    ),
}


def empty_state(role: Role) -> str:
    return str(EMPTY_STATES.get(role, ""))


CHANNEL_CHOICES = (
    ("in_app", _l("Only here in Jobbes")),
    ("email", _l("Email")),
    ("sms", _l("Text message (SMS)")),
)

FREQUENCY_CHOICES = (
    ("immediate", _l("Straight away")),
    ("daily", _l("One summary a day")),
)
