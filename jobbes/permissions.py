"""Who may do what: every role, permission and ownership rule, declared once.

Views (a guard per blueprint, a decorator per view, a call per object) and templates all ask
`can()`. Anything not granted here is refused.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from jobbes.models import PULLED_BACK, Interest, Listing, Organisation, Profile, Role, User
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
    INDICATORS_VIEW = "indicators:view"


_EVERYONE = {
    Permission.ACCOUNT_MANAGE,
    Permission.REPORT_CREATE,
    Permission.NOTIFICATION_MANAGE,
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
    Permission.INDICATORS_VIEW,
}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.YOUNG_PERSON: frozenset(
        _EVERYONE | {Permission.PROFILE_MANAGE, Permission.INTEREST_CREATE, Permission.SEARCH_SAVE}
    ),
    Role.EMPLOYER: frozenset(
        _EVERYONE
        | {Permission.ORGANISATION_MANAGE, Permission.LISTING_MANAGE, Permission.PROFILE_VIEW}
    ),
    Role.MODERATOR: frozenset(_STAFF),
    # Failed deliveries name people's addresses and the mail server's errors: operations' business.
    Role.ADMIN: frozenset(
        _STAFF | {Permission.MODERATOR_APPOINT, Permission.DELIVERY_FAILURES_VIEW}
    ),
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


# For a permission asked about one object: the rule that object must pass, by the object's type.
OBJECT_RULES: dict[tuple[Permission, type], Callable[[User, Any], bool]] = {
    (Permission.ORGANISATION_MANAGE, Organisation): _own_organisation,
    (Permission.LISTING_MANAGE, Listing): _own_listing,
    (Permission.PROFILE_VIEW, Profile): _may_see_profile,
    (Permission.PROFILE_MANAGE, Interest): _own_interest,
    (Permission.LISTING_MANAGE, Interest): _interest_in_own_listing,
    (Permission.USER_SUSPEND, User): _may_act_on_account,
    (Permission.MODERATOR_APPOINT, User): _may_change_role,
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
