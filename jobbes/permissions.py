"""Who may do what: every role, permission and ownership rule, declared once.

Views (a guard per blueprint, a decorator per view, a call per object) and templates all ask
`can()`. Anything not granted here is refused.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from jobbes.models import (
    PULLED_BACK,
    Agreement,
    Consent,
    FollowUp,
    Interest,
    Listing,
    Organisation,
    Profile,
    Role,
    User,
)
from jobbes.models.base import utcnow
from jobbes.services.messages import takes_part
from jobbes.services.visibility import is_discoverable


class Permission(enum.StrEnum):
    ACCOUNT_MANAGE = "account:manage"
    PROFILE_MANAGE = "profile:manage"
    ORGANISATION_MANAGE = "organisation:manage"
    LISTING_MANAGE = "listing:manage"
    REPORT_CREATE = "report:create"
    PROFILE_VIEW = "profile:view"
    INTEREST_CREATE = "interest:create"
    MODERATION_VIEW = "moderation:view"
    REVIEW_DECIDE = "review:decide"
    ORGANISATION_VERIFY = "organisation:verify"
    LISTING_CURATE = "listing:curate"
    USER_SUSPEND = "user:suspend"
    REPORT_HANDLE = "report:handle"
    AUDIT_VIEW = "audit:view"
    MODERATOR_APPOINT = "moderator:appoint"
    NOTIFICATION_MANAGE = "notification:manage"
    DELIVERY_FAILURES_VIEW = "delivery:failures:view"
    SEARCH_SAVE = "search:save"
    # Reach the conversations area; which conversation is an object rule (staff pass none).
    CONVERSATION_VIEW = "conversation:view"
    CONVERSATION_TAKE_PART = "conversation:take_part"
    AGREEMENT_VIEW = "agreement:view"
    AGREEMENT_EDIT = "agreement:edit"
    AGREEMENT_SIGN = "agreement:sign"
    AGREEMENT_SET_UP = "agreement:set_up"
    # A young person chooses who follows them; a counsellor sees those who chose them.
    COUNSELLOR_CHOOSE = "counsellor:choose"
    CASELOAD_VIEW = "caseload:view"
    COUNSELLOR_APPOINT = "counsellor:appoint"
    # After a trial: each side writes its own part; the certificate and the follow-up question
    # are the young person's (staff see certificates too).
    EVALUATION_EMPLOYER_PART = "evaluation:employer_part"
    EVALUATION_YOUNG_PART = "evaluation:young_part"
    CERTIFICATE_VIEW = "certificate:view"
    FOLLOW_UP_ANSWER = "follow_up:answer"
    INDICATORS_VIEW = "indicators:view"
    # Admins create the programme's read-only accounts, as they create counsellors.
    PROGRAMME_USER_APPOINT = "programme_user:appoint"


_EVERYONE = {
    Permission.ACCOUNT_MANAGE,
    Permission.CONVERSATION_VIEW,
    Permission.REPORT_CREATE,
    Permission.NOTIFICATION_MANAGE,
    # Which agreements: the parties' own (the object rules below).
    Permission.AGREEMENT_VIEW,
    Permission.AGREEMENT_SIGN,
}
_STAFF = _EVERYONE | {
    Permission.MODERATION_VIEW,
    Permission.REVIEW_DECIDE,
    Permission.ORGANISATION_VERIFY,
    Permission.LISTING_CURATE,
    Permission.USER_SUSPEND,
    Permission.REPORT_HANDLE,
    Permission.AUDIT_VIEW,
    Permission.PROFILE_VIEW,
    Permission.AGREEMENT_EDIT,
    Permission.AGREEMENT_SET_UP,
    Permission.CERTIFICATE_VIEW,
    Permission.INDICATORS_VIEW,
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.YOUNG_PERSON: frozenset(
        _EVERYONE
        | {
            Permission.PROFILE_MANAGE,
            Permission.INTEREST_CREATE,
            Permission.SEARCH_SAVE,
            Permission.CONVERSATION_TAKE_PART,
            Permission.COUNSELLOR_CHOOSE,
            Permission.EVALUATION_YOUNG_PART,
            Permission.CERTIFICATE_VIEW,
            Permission.FOLLOW_UP_ANSWER,
        }
    ),
    Role.EMPLOYER: frozenset(
        _EVERYONE
        | {
            Permission.ORGANISATION_MANAGE,
            Permission.LISTING_MANAGE,
            Permission.PROFILE_VIEW,
            Permission.CONVERSATION_TAKE_PART,
            Permission.AGREEMENT_EDIT,
            Permission.EVALUATION_EMPLOYER_PART,
        }
    ),
    Role.MODERATOR: frozenset(_STAFF),
    # Failed deliveries name people's addresses and the mail server's errors: operations' business.
    Role.ADMIN: frozenset(
        _STAFF
        | {
            Permission.MODERATOR_APPOINT,
            Permission.DELIVERY_FAILURES_VIEW,
            Permission.COUNSELLOR_APPOINT,
            Permission.PROGRAMME_USER_APPOINT,
        }
    ),
    # A counsellor sees nobody by role alone: each young person only through their consent.
    # ... and an agreement only as its programme's contact, while that consent is in force.
    Role.COUNSELLOR: frozenset(_EVERYONE | {Permission.CASELOAD_VIEW, Permission.AGREEMENT_EDIT}),
    # Counts only, never a person: not even the moderators' queues.
    Role.PROGRAMME: frozenset(_EVERYONE | {Permission.INDICATORS_VIEW}),
}


def _own_organisation(user: User, organisation: Organisation) -> bool:
    return user.organisation_id is not None and user.organisation_id == organisation.id


def _own_listing(user: User, listing: Listing) -> bool:
    return user.organisation_id is not None and user.organisation_id == listing.organisation_id


def _own_interest(user: User, interest: Interest) -> bool:
    return interest.profile_id is not None and interest.profile_id == user.id


def _interest_in_own_listing(user: User, interest: Interest) -> bool:
    """While its young person is suspended, the interest is out of the employer's reach."""
    if interest.profile is not None and interest.profile.user.suspended_at is not None:
        return False
    return _own_listing(user, interest.listing)


STAFF_ROLES = frozenset({Role.MODERATOR, Role.ADMIN})


def _may_see_profile(user: User, profile: Profile) -> bool:
    """Staff see every profile. An employer sees one its owner let employers find (once a
    moderator approved it), or one whose owner is interested in the employer's listings and
    has not withdrawn; never one whose owner is suspended."""
    if user.role in STAFF_ROLES:
        return True
    if profile.user.suspended_at is not None:
        return False
    if is_discoverable(profile):
        return True
    return any(
        interest.listing.organisation_id == user.organisation_id
        and interest.status not in PULLED_BACK
        for interest in profile.interests
    )


def _may_act_on_account(user: User, person: User) -> bool:
    """Suspend or reinstate: moderators act on young people and employers; only admins act on
    staff; nobody on their own account. (The last admin is a rule about the database, kept in
    `services.users`.)"""
    if person.id == user.id:
        return False
    return person.role not in STAFF_ROLES or user.role is Role.ADMIN


def _may_change_role(user: User, person: User) -> bool:
    """Grant or revoke the moderator role: an admin, on anyone but an admin or themselves."""
    return person.id != user.id and person.role is not Role.ADMIN


def _employer_of_agreement(user: User, agreement: Agreement) -> bool:
    """While its young person is suspended, the agreement is out of the employer's reach too."""
    if agreement.young_person is not None and agreement.young_person.suspended_at is not None:
        return False
    return user.organisation_id is not None and user.organisation_id == agreement.organisation_id


def _counsellor_as_contact(user: User, agreement: Agreement) -> bool:
    """A counsellor chosen as the programme's contact, while the young person's consent to them
    is in force (and the young person not suspended)."""
    consent = agreement.contact_consent
    return (
        agreement.programme_contact_id == user.id
        and consent is not None
        and consent.counsellor_id == user.id
        and _follows_with_consent(user, consent)
    )


def _may_see_agreement(user: User, agreement: Agreement) -> bool:
    """The parties see their agreement, and the programme's staff every one."""
    if user.role in STAFF_ROLES:
        return True
    if user.role is Role.COUNSELLOR:
        return _counsellor_as_contact(user, agreement)
    if agreement.young_person_id is not None and agreement.young_person_id == user.id:
        return True
    return _employer_of_agreement(user, agreement)


def _may_edit_agreement(user: User, agreement: Agreement) -> bool:
    """The employer's side, and the programme's contact (any staff until one is chosen). The
    young person asks for changes in the conversation instead."""
    if user.role in STAFF_ROLES:
        # ... or a counsellor whose consent has ended, so that staff can choose another.
        contact = agreement.programme_contact
        return (
            contact is None
            or contact.id == user.id
            or (contact.role is Role.COUNSELLOR and not _counsellor_as_contact(contact, agreement))
        )
    if user.role is Role.COUNSELLOR:
        return _counsellor_as_contact(user, agreement)
    return _employer_of_agreement(user, agreement)


def _may_sign_agreement(user: User, agreement: Agreement) -> bool:
    if user.role in STAFF_ROLES:
        return agreement.programme_contact_id == user.id
    if user.role is Role.COUNSELLOR:
        return _counsellor_as_contact(user, agreement)
    if user.role is Role.YOUNG_PERSON:
        return agreement.young_person_id == user.id
    return _employer_of_agreement(user, agreement)


def _may_set_up_agreement(user: User, interest: Interest) -> bool:
    return interest.profile_id is not None and interest.status not in PULLED_BACK


def _follows_with_consent(user: User, consent: Consent) -> bool:
    """A counsellor sees a young person while that person's consent to them is in force (it
    lapses by itself after twelve months), and not while the young person is suspended."""
    return (
        consent.counsellor_id == user.id
        and consent.in_force(utcnow())
        and consent.young_person.suspended_at is None
    )


def _young_person_of_agreement(user: User, agreement: Agreement) -> bool:
    return agreement.young_person_id is not None and agreement.young_person_id == user.id


def _may_see_certificate(user: User, agreement: Agreement) -> bool:
    """The young person's own, and the programme's staff; never the employer."""
    return user.role in STAFF_ROLES or _young_person_of_agreement(user, agreement)


def _own_follow_up(user: User, follow_up: FollowUp) -> bool:
    return _young_person_of_agreement(user, follow_up.agreement)


# For a permission asked about one object: the rule that object must pass, by the object's type.
OBJECT_RULES: dict[tuple[Permission, type], Callable[[User, Any], bool]] = {
    (Permission.ORGANISATION_MANAGE, Organisation): _own_organisation,
    (Permission.LISTING_MANAGE, Listing): _own_listing,
    (Permission.PROFILE_VIEW, Profile): _may_see_profile,
    (Permission.PROFILE_MANAGE, Interest): _own_interest,
    (Permission.LISTING_MANAGE, Interest): _interest_in_own_listing,
    # Moderators read a conversation only through a report about it, never here.
    (Permission.CONVERSATION_VIEW, Interest): takes_part,
    (Permission.CONVERSATION_TAKE_PART, Interest): takes_part,
    (Permission.USER_SUSPEND, User): _may_act_on_account,
    (Permission.MODERATOR_APPOINT, User): _may_change_role,
    (Permission.AGREEMENT_VIEW, Agreement): _may_see_agreement,
    (Permission.AGREEMENT_EDIT, Agreement): _may_edit_agreement,
    (Permission.AGREEMENT_SIGN, Agreement): _may_sign_agreement,
    (Permission.AGREEMENT_SET_UP, Interest): _may_set_up_agreement,
    (Permission.CASELOAD_VIEW, Consent): _follows_with_consent,
    (Permission.EVALUATION_EMPLOYER_PART, Agreement): _employer_of_agreement,
    (Permission.EVALUATION_YOUNG_PART, Agreement): _young_person_of_agreement,
    (Permission.CERTIFICATE_VIEW, Agreement): _may_see_certificate,
    (Permission.FOLLOW_UP_ANSWER, FollowUp): _own_follow_up,
}


def can(user: Any, permission: Permission, target: object | None = None) -> bool:
    """True if the user holds the permission (and, given a target, may use it on that object)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not user.is_active or permission not in GRANTS.get(user.role, frozenset()):
        return False
    if target is None:
        return True
    rule = OBJECT_RULES.get((permission, type(target)))
    # Default deny: a permission asked about an object nobody wrote a rule for is refused.
    return rule is not None and rule(user, target)
