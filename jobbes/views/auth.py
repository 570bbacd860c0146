"""Accounts over HTTP: register, log in and out, reset and change a password."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from jobbes import brreg, mail, orgnr
from jobbes.db import db
from jobbes.extensions import account_or_address, limiter, login_manager
from jobbes.forms.auth import (
    AcceptInvitationForm,
    ChangePasswordForm,
    EmployerRegistrationForm,
    LoginForm,
    NameForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    YoungPersonRegistrationForm,
)
from jobbes.htmx import is_htmx_request, redirect_client, render
from jobbes.i18n import current_language
from jobbes.i18n import gettext as _
from jobbes.models import Role, User
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission
from jobbes.security import is_safe_redirect
from jobbes.services import accounts
from jobbes.views.access import guard, public

bp = Blueprint("auth", __name__, url_prefix="/auth")
guard(bp, Permission.ACCOUNT_MANAGE)

HOME_ENDPOINTS = {
    Role.YOUNG_PERSON: "me.index",
    Role.EMPLOYER: "employer.index",
    Role.MODERATOR: "moderation.index",
    Role.ADMIN: "moderation.index",
    Role.COUNSELLOR: "counsellor.index",
    Role.PROGRAMME: "moderation.indicators",
}

# Per client address; a shared store (RATELIMIT_STORAGE_URI) makes them hold across workers.
LOGIN_LIMIT = "10 per minute;60 per hour"
RESET_LIMIT = "5 per 15 minutes;20 per day"
# Generous enough for a school class signing up together behind one address.
REGISTER_LIMIT = "20 per hour;100 per day"

# A password typed again while signed in (to change it or the email, or to delete the account):
# wrong ones count per account, together on all three pages, so they cannot be guessed there.
password_check_limit = limiter.shared_limit(
    "5 per 15 minutes;20 per day",
    scope="password-check",
    key_func=account_or_address,
    deduct_when=lambda response: response.status_code == 422,
)
INVITATION_MAX_AGE = 7 * 24 * 3600


def home_url(user: User) -> str:
    return url_for(HOME_ENDPOINTS[user.role])


@login_manager.user_loader  # type: ignore[untyped-decorator]  # Flask-Login ships no types
def load_user(login_id: str) -> User | None:
    user = accounts.user_for_login(db, login_id)
    return user if user is not None and user.is_active else None


@login_manager.unauthorized_handler  # type: ignore[untyped-decorator]  # as above
def ask_to_log_in() -> Response:
    if is_htmx_request():
        # A login that expired while the page was open: send the whole window to the login page.
        return redirect_client(url_for("auth.login_page", next=_path_of_current_page()))
    flash(_("Log in to see that page."), "info")
    return redirect(url_for("auth.login_page", next=request.full_path.rstrip("?")))


def _path_of_current_page() -> str:
    page = urlsplit(request.headers.get("HX-Current-URL", ""))
    path = page.path + (f"?{page.query}" if page.query else "")
    return path if is_safe_redirect(path) else "/"


def _log_in(user: User, *, remember: bool = False) -> None:
    """Start a device login the server can end; the caller commits."""
    accounts.start_login(db, user, now=utcnow())
    login_user(user, remember=remember)


def _login_and_go_home(user: User, *, remember: bool = False, next_url: str | None = None) -> Any:
    _log_in(user, remember=remember)
    db.commit()
    destination = next_url if is_safe_redirect(next_url) else home_url(user)
    if accounts.needs_a_name(user):
        return redirect_client(url_for("auth.name_page", next=destination))
    return redirect_client(destination)


@bp.get("/register")
@public
def register_page() -> Any:
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    return render("auth/register.html")


@bp.get("/register/young-person")
@public
def register_young_person_page() -> Any:
    return render("auth/register_young_person.html", form=YoungPersonRegistrationForm())


@bp.post("/register/young-person")
@public
@limiter.limit(REGISTER_LIMIT)
def register_young_person() -> Any:
    form = YoungPersonRegistrationForm()
    if not form.validate():
        return render("auth/register_young_person.html", form=form, status=422)
    try:
        user = accounts.register_young_person(
            db,
            email=form.email.data,
            password=form.password.data,
            name=form.name.data,
            birth_date=form.birth_date.data,
            today=local_today(),
        )
    except accounts.EmailTaken:
        return _answer_a_registration_for_a_taken_address(form.email.data)
    accounts.set_language(user, current_language())
    db.commit()
    return _ask_to_confirm(user)


@bp.get("/register/employer")
@public
def register_employer_page() -> Any:
    number = request.args.get("lookup", "").strip()
    if number:
        # The small search form above the registration form: fill it in from the register.
        return _looked_up(EmployerRegistrationForm(formdata=MultiDict({"org_number": number})))
    return render("auth/register_employer.html", form=EmployerRegistrationForm())


@bp.post("/register/employer")
@public
@limiter.limit(REGISTER_LIMIT)
def register_employer() -> Any:
    form = EmployerRegistrationForm()
    if form.validate():
        register = _register().look_up(orgnr.normalise(form.org_number.data))
        if isinstance(register, brreg.Unavailable):
            current_app.logger.warning("Brønnøysundregistrene not asked: %s", register.why)
        try:
            user = accounts.register_employer(
                db,
                email=form.email.data,
                password=form.password.data,
                name=form.name.data,
                organisation_name=form.organisation_name.data,
                org_number=form.org_number.data,
                register=register,
                now=utcnow(),
            )
        except accounts.EmailTaken:
            return _answer_a_registration_for_a_taken_address(form.email.data)
        except accounts.OrganisationUnknown:
            form.org_number.errors.append(_unknown_organisation_message())
        except accounts.OrganisationDeleted:
            form.org_number.errors.append(_deleted_organisation_message())
        except accounts.OrganisationAlreadyRegistered:
            # Which organisations are on Jobbes is public (their listings are); accounts are not.
            form.org_number.errors.append(
                _(
                    "This organisation is already on Jobbes. Ask a colleague who uses Jobbes "
                    "to invite you, or contact us."
                )
            )
        else:
            accounts.set_language(user, current_language())
            db.commit()
            return _ask_to_confirm(user)
    return render("auth/register_employer.html", form=form, status=422)


# --- Confirming the email address --------------------------------------------------------------
# Registration answers "check your email" whether or not the address has an account, so nobody
# can use it to find out who is on Jobbes; what differs is the email the owner of the address gets.


def _ask_to_confirm(user: User) -> Any:
    return _go_check_email(user.email, _send_confirmation(user))


def _send_confirmation(user: User) -> bool:
    token = accounts.make_account_token(
        user, secret_key=current_app.config["SECRET_KEY"], purpose=accounts.CONFIRMATION
    )
    return mail.send_template(
        user.email,
        _("Confirm your email address for Jobbes"),
        "confirm_email",
        name=user.name,
        link=url_for("auth.confirm_page", token=token, _external=True),
        days=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"] // (24 * 3600),
    )


def _answer_a_registration_for_a_taken_address(email: str) -> Any:
    accounts.spend_a_password_hash()  # as long as creating an account takes
    user = accounts.find_user_by_email(db, email)
    assert user is not None
    sent = mail.send_template(
        user.email,
        _("You already have an account on Jobbes"),
        "account_exists",
        name=user.name,
        login_link=url_for("auth.login_page", _external=True),
        reset_link=url_for("auth.reset_request_page", _external=True),
    )
    return _go_check_email(user.email, sent)


def _go_check_email(email: str, sent: bool) -> Any:
    session["registered_email"] = email
    session["confirmation_sent"] = sent
    return redirect_client(url_for("auth.check_email_page"))


@bp.get("/register/check-email")
@public
def check_email_page() -> Any:
    email = session.get("registered_email")
    if not email:
        return redirect(url_for("auth.register_page"))
    return render(
        "auth/check_email.html",
        email=email,
        sent=session.get("confirmation_sent", True),
        days=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"] // (24 * 3600),
    )


def _unconfirmed_user_for(token: str) -> User | None:
    user = accounts.user_for_account_token(
        db,
        token,
        secret_key=current_app.config["SECRET_KEY"],
        max_age=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"],
        purpose=accounts.CONFIRMATION,
    )
    # Used once: a confirmed address makes the link a plain pointer to the login page.
    return user if user is not None and user.email_confirmed_at is None else None


@bp.get("/confirm/<token>")
@public
def confirm_page(token: str) -> Any:
    # Confirming takes a press of a button, not the GET itself: mail scanners open links first.
    user = _unconfirmed_user_for(token)
    if user is None:
        return render("auth/confirm_invalid.html", status=400)
    return render("auth/confirm.html", user=user, token=token)


@bp.post("/confirm/<token>")
@public
@limiter.limit(RESET_LIMIT)
def confirm(token: str) -> Any:
    user = _unconfirmed_user_for(token)
    if user is None or not user.is_active:
        return render("auth/confirm_invalid.html", status=400)
    accounts.confirm_email(user, now=utcnow())
    session.pop("registered_email", None)
    if user.role is Role.YOUNG_PERSON:
        flash(
            _(
                "Welcome to Jobbes, %(name)s! Four short steps, and employers know what you want.",
                name=user.name,
            ),
            "success",
        )
        return _login_and_go_home(user, next_url=url_for("me.step_page", step="wishes"))
    organisation = user.organisation
    flash(
        _(
            "Welcome to Jobbes! We will check %(organisation)s shortly; "
            "you can start writing listings right away.",
            organisation=organisation.name if organisation else "",
        ),
        "success",
    )
    return _login_and_go_home(user)


# --- Changing the email address ------------------------------------------------------------------
# Like registration: the form answers "we sent a link" whether or not the address has an account;
# the link, opened at the new address, makes the change, and the owner of a taken one is told.


def send_email_change(user: User, new_email: str, holder: User | None) -> bool:
    """Send the link to the new address, or, where it has an account, a word to its owner."""
    if holder is None:
        token = accounts.make_email_change_token(
            user, new_email, secret_key=current_app.config["SECRET_KEY"]
        )
        return mail.send_template(
            new_email,
            _("Confirm your new email address for Jobbes"),
            "email_change",
            name=user.name,
            link=url_for("auth.email_change_page", token=token, _external=True),
            days=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"] // (24 * 3600),
        )
    if not accounts.may_receive_email(holder):
        return True  # an unconfirmed address gets nothing but its own confirmation
    return mail.send_template(
        holder.email,
        _("Someone tried to use your email address on Jobbes"),
        "email_change_taken",
        name=holder.name,
        reset_link=url_for("auth.reset_request_page", _external=True),
    )


def _email_change_for(token: str) -> tuple[User, str] | None:
    found = accounts.email_change_for_token(
        db,
        token,
        secret_key=current_app.config["SECRET_KEY"],
        max_age=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"],
    )
    return found if found is not None and found[0].is_active else None


@bp.get("/email/<token>")
@public
def email_change_page(token: str) -> Any:
    # The change takes a press of a button, not the GET itself: mail scanners open links first.
    found = _email_change_for(token)
    if found is None:
        return render("auth/email_change_invalid.html", status=400)
    return render("auth/email_change.html", new_email=found[1], token=token)


@bp.post("/email/<token>")
@public
@limiter.limit(RESET_LIMIT)
def email_change(token: str) -> Any:
    found = _email_change_for(token)
    if found is None:
        return render("auth/email_change_invalid.html", status=400)
    user, new_email = found
    try:
        accounts.change_email(db, user, new_email, now=utcnow())
        db.commit()
    except (accounts.EmailTaken, IntegrityError):
        # Someone else registered the address in the meantime: the link is spent.
        db.rollback()
        return render("auth/email_change_invalid.html", status=400)
    flash(_("Your email address is now %(email)s.", email=new_email), "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect_client(url_for("me.data_page"))
    return redirect_client(url_for("auth.login_page"))


def _register() -> brreg.Register:
    return brreg.Register(current_app.config["BRREG_URL"], current_app.config["BRREG_TIMEOUT"])


def _looked_up(form: EmployerRegistrationForm) -> Any:
    """The form again, with what Brønnøysundregistrene knows about the number filled in."""
    answer: brreg.Answer | None = None
    if form.org_number.validate(form):
        answer = _register().look_up(orgnr.normalise(form.org_number.data))
        if isinstance(answer, brreg.NotFound):
            form.org_number.errors.append(_unknown_organisation_message())
        elif isinstance(answer, brreg.Deleted) or (
            isinstance(answer, brreg.Found) and answer.deleted_on
        ):
            form.org_number.errors.append(_deleted_organisation_message())
        elif isinstance(answer, brreg.Found) and not (form.organisation_name.data or "").strip():
            form.organisation_name.data = answer.name
    status = 422 if form.org_number.errors else 200
    return render("auth/register_employer.html", form=form, register=answer, status=status)


def _unknown_organisation_message() -> str:
    return _("Brønnøysundregistrene has no organisation with this number. Check it at brreg.no.")


def _deleted_organisation_message() -> str:
    return _(
        "Brønnøysundregistrene says this organisation is deleted. "
        "Use the number of the organisation that exists now."
    )


@bp.get("/login")
@public
def login_page() -> Any:
    if current_user.is_authenticated:
        return redirect(home_url(current_user))
    form = LoginForm(next=request.args.get("next", ""))
    return render("auth/login.html", form=form)


@bp.post("/login")
@public
@limiter.limit(LOGIN_LIMIT)
def login() -> Any:
    form = LoginForm()
    if form.validate():
        user = accounts.authenticate(
            db, email=form.email.data, password=form.password.data, now=utcnow()
        )
        if user is not None and user.is_active and user.email_confirmed_at is None:
            db.rollback()  # not a login yet: its time is not kept
            # Said only to someone who knows the password; a fresh link in case the first is lost.
            sent = _send_confirmation(user)
            form.form_errors.append(
                _(
                    "Confirm your email address first: we have sent a new link to %(email)s. "
                    "Open it to continue.",
                    email=user.email,
                )
                if sent
                else _(
                    "Confirm your email address first. We could not send you a new link just "
                    "now; try again in a little while."
                )
            )
        elif user is not None and user.is_active:
            accounts.set_language(user, current_language())
            return _login_and_go_home(user, remember=form.remember.data, next_url=form.next.data)
        elif user is not None:
            # Not a login: the time of it (and any rehashed password) is not kept.
            db.rollback()
            # Said only to someone who knows the password: the account is theirs.
            form.form_errors.append(
                _(
                    "Your account is suspended: %(reason)s Contact the staff at Varodd "
                    "if you have questions.",
                    reason=user.suspended_reason or "",
                )
            )
        else:
            form.form_errors.append(_("The email address or the password is wrong."))
    return render("auth/login.html", form=form, status=422)


@bp.post("/logout")
@public
def logout() -> Any:
    # Public so that an already-expired session can still press the button without an error.
    if current_user.is_authenticated:
        # Ended on the server too, so a copy of this device's cookies no longer logs anyone in.
        accounts.end_login(db, current_user)
        db.commit()
    logout_user()
    flash(_("You are logged out."), "success")
    return redirect(url_for("public.index"), 303)


@bp.post("/password/logout-everywhere")
def logout_everywhere() -> Any:
    accounts.end_all_logins(db, current_user)
    db.commit()
    logout_user()
    flash(_("You are logged out on all your devices."), "success")
    return redirect(url_for("public.index"), 303)


@bp.get("/reset")
@public
def reset_request_page() -> Any:
    return render("auth/reset_request.html", form=PasswordResetRequestForm())


@bp.post("/reset")
@public
@limiter.limit(RESET_LIMIT)
def reset_request() -> Any:
    form = PasswordResetRequestForm()
    if not form.validate():
        return render("auth/reset_request.html", form=form, status=422)
    user = accounts.find_user_by_email(db, form.email.data)
    if user is not None and user.is_active:
        token = accounts.make_account_token(user, secret_key=current_app.secret_key)
        mail.send_template(
            user.email,
            _("Reset your password on Jobbes"),
            "password_reset",
            name=user.name,
            link=url_for("auth.reset_page", token=token, _external=True),
            minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60,
        )
    # The same answer whether or not the address has an account, so nobody can probe for one.
    return render("auth/reset_sent.html", email=form.email.data)


def _user_for_token(token: str) -> User | None:
    return accounts.user_for_account_token(
        db,
        token,
        secret_key=current_app.secret_key,
        max_age=current_app.config["PASSWORD_RESET_MAX_AGE"],
    )


@bp.get("/reset/<token>")
@public
def reset_page(token: str) -> Any:
    if _user_for_token(token) is None:
        return render("auth/reset_invalid.html", status=400)
    return render("auth/reset_password.html", form=NewPasswordForm(), token=token)


@bp.post("/reset/<token>")
@public
@limiter.limit(RESET_LIMIT)
def reset_password(token: str) -> Any:
    user = _user_for_token(token)
    if user is None:
        return render("auth/reset_invalid.html", status=400)
    form = NewPasswordForm()
    if not form.validate():
        return render("auth/reset_password.html", form=form, token=token, status=422)
    accounts.set_password(user, form.password.data)
    # The link came to the address, which proves it as well as a confirmation link would.
    accounts.confirm_email(user, now=utcnow())
    accounts.end_all_logins(db, user)
    db.commit()
    logout_user()
    flash(_("Your password is changed. Log in with the new password."), "success")
    return redirect(url_for("auth.login_page"), 303)


@bp.get("/password")
def change_password_page() -> Any:
    return render("auth/change_password.html", form=ChangePasswordForm())


@bp.post("/password")
@password_check_limit
def change_password() -> Any:
    form = ChangePasswordForm()
    if form.validate():
        try:
            accounts.change_password(
                current_user,
                current_password=form.current_password.data,
                new_password=form.password.data,
            )
        except accounts.WrongPassword:
            form.current_password.errors.append(_("The current password is wrong."))
        else:
            # Other devices are logged out; this one starts a fresh login and stays in.
            user = current_user._get_current_object()
            remembered = current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies
            accounts.end_all_logins(db, user)
            _log_in(user, remember=remembered)
            db.commit()
            flash(_("Your password is changed. Other devices have been logged out."), "success")
            return redirect(home_url(current_user), 303)
    return render("auth/change_password.html", form=form, status=422)


@bp.get("/name")
def name_page() -> Any:
    """Asked once of an account made without a name (staff made on the command line)."""
    next_url = request.args.get("next", "")
    if not accounts.needs_a_name(current_user):
        return redirect(next_url if is_safe_redirect(next_url) else home_url(current_user))
    return render("auth/name.html", form=NameForm(next=next_url))


@bp.post("/name")
def save_name() -> Any:
    form = NameForm()
    if not form.validate():
        return render("auth/name.html", form=form, status=422)
    accounts.set_name(current_user, form.name.data)
    db.commit()
    flash(_("Thank you, %(name)s.", name=current_user.name), "success")
    next_url = form.next.data
    return redirect_client(next_url if is_safe_redirect(next_url) else home_url(current_user))


@bp.get("/invitation/<token>")
@public
def invitation_page(token: str) -> Any:
    user = _invited_user(token)
    if user is None:
        return render("auth/invitation_invalid.html", status=400)
    return render("auth/invitation.html", form=AcceptInvitationForm(), user=user, token=token)


@bp.post("/invitation/<token>")
@public
@limiter.limit(RESET_LIMIT)
def accept_invitation(token: str) -> Any:
    user = _invited_user(token)
    if user is None:
        return render("auth/invitation_invalid.html", status=400)
    form = AcceptInvitationForm()
    if not form.validate():
        return render("auth/invitation.html", form=form, user=user, token=token, status=422)
    accounts.accept_invitation(user, name=form.name.data, password=form.password.data, now=utcnow())
    accounts.confirm_email(user, now=utcnow())
    accounts.set_language(user, current_language())
    flash(_("Welcome to Jobbes, %(name)s!", name=user.name), "success")
    return _login_and_go_home(user)


def _invited_user(token: str) -> User | None:
    user = accounts.user_for_account_token(
        db,
        token,
        secret_key=current_app.secret_key,
        max_age=INVITATION_MAX_AGE,
        purpose=accounts.INVITATION,
    )
    return user if user is not None and not accounts.has_accepted(user) else None
