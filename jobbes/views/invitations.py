"""Invitations that admins send to the accounts they create (counsellors, the programme's
read-only people): a signed, time-limited link to choose a name and password, sent again on
request until the person has joined. One mechanism; each page only says what its email says."""

from __future__ import annotations

from flask import current_app, flash, url_for
from flask_login import current_user

from jobbes import mail
from jobbes.i18n import gettext as _
from jobbes.models import User
from jobbes.services import accounts


def send(user: User, template: str, **context: object) -> bool:
    """Email the person a link to join; False when the mail server would not take it."""
    token = accounts.make_account_token(
        user, secret_key=current_app.secret_key, purpose=accounts.INVITATION
    )
    return mail.send_template(
        user.email,
        _("%(name)s invites you to Jobbes", name=current_user.name),
        template,
        inviter=current_user.name,
        link=url_for("auth.invitation_page", token=token, _external=True),
        **context,
    )


def send_to_new(user: User, template: str, *, not_sent: str, **context: object) -> None:
    """After creating the account (committed: it stands even if the email fails)."""
    if send(user, template, **context):
        flash(_("We have sent an invitation to %(email)s.", email=user.email), "success")
    else:
        flash(not_sent, "danger")


def send_again(user: User, template: str, *, joined: str, **context: object) -> None:
    """The admin's "send it again"; nothing is sent to someone who has joined already."""
    if accounts.has_accepted(user):
        flash(joined, "info")
    elif send(user, template, **context):
        flash(_("We have sent an invitation to %(email)s.", email=user.email), "success")
    else:
        flash(_("The invitation could not be sent. Try again in a little while."), "danger")
