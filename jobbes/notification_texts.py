"""The words of each notification, rendered when shown, in the reader's language.

A title takes no parameters, so it can never carry a name or anything else personal: it becomes
the subject of an email. The body is built from the notification's params; a missing param
reads as an empty string rather than failing, because old notifications outlive code changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel.speaklater import LazyString

from jobbes import labels
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
        "Answers from employers: read, trial agreed, offered, hired or a kind no; a listing you are interested in closed or changed"
    ),
    (Role.YOUNG_PERSON, Category.INVITATIONS): _l(
        "An employer invites you to apply, or to a talk or a trial day"
    ),
    (Role.YOUNG_PERSON, Category.SAVED_SEARCHES): _l("New listings that match a search you saved"),
    (Role.YOUNG_PERSON, Category.MODERATION): _l("Your profile was approved or needs changes"),
    (Role.EMPLOYER, Category.MY_INTERESTS): _l(
        "A young person is interested in a listing, answered an offer, or withdrew"
    ),
    (Role.EMPLOYER, Category.INVITATIONS): _l(
        "A young person accepted or declined your invitation"
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
