"""The admins' page that creates the programme's read-only accounts (the municipality: they see
the programme's numbers and nothing else), invited by email like counsellors."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, url_for

from jobbes.db import db
from jobbes.forms.moderation import CreateProgrammeUserForm
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Role, User
from jobbes.permissions import Permission
from jobbes.services import accounts
from jobbes.views import invitations
from jobbes.views.access import guard

bp = Blueprint("programme_users", __name__, url_prefix="/moderation/programme-users")
guard(bp, Permission.PROGRAMME_USER_APPOINT)

TEMPLATE = "programme_invitation"


def _page(form: CreateProgrammeUserForm, status: int = 200) -> Any:
    everyone = accounts.programme_users(db)
    return render(
        "moderation/programme_users.html",
        status=status,
        form=form,
        people=everyone,
        waiting={user.id for user in everyone if not accounts.has_accepted(user)},
    )


@bp.get("")
def index() -> Any:
    return _page(CreateProgrammeUserForm())


@bp.post("")
def create() -> Any:
    form = CreateProgrammeUserForm()
    if not form.validate():
        return _page(form, status=422)
    try:
        user = accounts.create_staff(
            db, email=form.email.data, password=None, role=Role.PROGRAMME, name=form.name.data or ""
        )
    except accounts.EmailTaken:
        form.email.errors = [_("An account with this email address exists already.")]
        return _page(form, status=422)
    db.commit()  # the account stands even if the email fails; the admin can send it again
    invitations.send_to_new(
        user,
        TEMPLATE,
        not_sent=_("The account is created, but the invitation could not be sent. Try again."),
    )
    return redirect_client(url_for("programme_users.index"))


@bp.post("/<int:programme_user_id>/invitation")
def resend_invitation(programme_user_id: int) -> Any:
    user = db.get(User, programme_user_id)
    if user is None or user.role is not Role.PROGRAMME:
        abort(404)
    invitations.send_again(user, TEMPLATE, joined=_("They have joined already."))
    return redirect_client(url_for("programme_users.index"))
