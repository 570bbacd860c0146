"""Default-deny access control for every route, answering through `permissions.can()`.

Each view is either marked `@public`, or needs a permission: from `@requires(...)` on the view or
from `guard(blueprint, ...)` for a whole area. A view that declares neither is refused to everyone,
so forgetting to declare access closes a door rather than opening one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint, Flask, abort, current_app, request
from flask_login import current_user

from jobbes.extensions import login_manager
from jobbes.permissions import Permission, can

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC = "public"
_ATTRIBUTE = "jobbes_access"


def public(view: F) -> F:
    """Anyone may open this view, logged in or not."""
    setattr(view, _ATTRIBUTE, PUBLIC)
    return view


def requires(permission: Permission) -> Callable[[F], F]:
    """Only people holding `permission` may open this view."""

    def decorate(view: F) -> F:
        setattr(view, _ATTRIBUTE, permission)
        return view

    return decorate


def guard(blueprint: Blueprint, permission: Permission) -> None:
    """Every view of the blueprint needs `permission`, unless the view declares its own."""
    setattr(blueprint, _ATTRIBUTE, permission)


def required_access(app: Flask, endpoint: str) -> Permission | str | None:
    """What an endpoint asks of its visitor: PUBLIC, a permission, or None (nobody may enter)."""
    if endpoint == "static":
        return PUBLIC
    view = app.view_functions.get(endpoint)
    declared: Permission | str | None = getattr(view, _ATTRIBUTE, None)
    if declared is None:
        blueprint = app.blueprints.get(endpoint.rpartition(".")[0])
        declared = getattr(blueprint, _ATTRIBUTE, None)
    return declared


def _enforce() -> Any:
    if request.endpoint is None:  # no route matched: let the 404 or 405 handler answer
        return None
    access = required_access(current_app, request.endpoint)
    if access == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not isinstance(access, Permission) or not can(current_user, access):
        abort(403)
    return None


def init_app(app: Flask) -> None:
    app.before_request(_enforce)
