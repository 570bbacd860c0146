"""Who may do what: every role, permission and ownership rule, declared once.

Views (a guard per blueprint, a decorator per view, a call per object) and templates all ask
`can()`. Anything not granted here is refused.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any

from jobbes.models import Listing, Organisation, Role, User


class Permission(enum.StrEnum):
    ACCOUNT_MANAGE = "account:manage"
    PROFILE_MANAGE = "profile:manage"
    ORGANISATION_MANAGE = "organisation:manage"
    LISTING_MANAGE = "listing:manage"
    MODERATION_VIEW = "moderation:view"
    MODERATOR_APPOINT = "moderator:appoint"


_EVERYONE = {Permission.ACCOUNT_MANAGE}
_STAFF = _EVERYONE | {Permission.MODERATION_VIEW}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.YOUNG_PERSON: frozenset(_EVERYONE | {Permission.PROFILE_MANAGE}),
    Role.EMPLOYER: frozenset(
        _EVERYONE | {Permission.ORGANISATION_MANAGE, Permission.LISTING_MANAGE}
    ),
    Role.MODERATOR: frozenset(_STAFF),
    Role.ADMIN: frozenset(_STAFF | {Permission.MODERATOR_APPOINT}),
}


def _own_organisation(user: User, organisation: Organisation) -> bool:
    return user.organisation_id is not None and user.organisation_id == organisation.id


def _own_listing(user: User, listing: Listing) -> bool:
    return user.organisation_id is not None and user.organisation_id == listing.organisation_id


# For a permission asked about one object: the rule that object must pass, by the object's type.
OBJECT_RULES: dict[tuple[Permission, type], Callable[[User, Any], bool]] = {
    (Permission.ORGANISATION_MANAGE, Organisation): _own_organisation,
    (Permission.LISTING_MANAGE, Listing): _own_listing,
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
