"""The young person's own area (dashboard, the profile step by step), and every person's own data
and account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_login import current_user, logout_user
from flask_wtf import FlaskForm

from jobbes import labels, working_hours, working_hours_texts
from jobbes.db import db
from jobbes.forms.profile import (
    STEP_FORMS,
    AboutForm,
    ChangeEmailForm,
    DeleteAccountForm,
    SkillsForm,
    WhereAndWhenForm,
    WishesForm,
    initial_data,
)
from jobbes.forms.search import InterestForm
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Interest, InterestStatus, Profile
from jobbes.models.base import local_today, utcnow
from jobbes.models.profiles import ABOUT_MAX_LENGTH
from jobbes.permissions import Permission, can
from jobbes.services import (
    accounts,
    counselling,
    interests,
    matches,
    own_data,
    profiles,
    reminders,
    visibility,
)
from jobbes.services.state_machine import InvalidTransition, StaleState
from jobbes.views.access import guard, requires
from jobbes.views.auth import password_check_limit, send_email_change
from jobbes.views.conflicts import lost

bp = Blueprint("me", __name__, url_prefix="/me")
guard(bp, Permission.PROFILE_MANAGE)


def own_profile() -> Profile:
    profile: Profile | None = current_user.profile
    assert profile is not None, "every young person has a profile from registration on"
    return profile


@bp.get("")
def index() -> Any:
    profile = own_profile()
    today = local_today()
    mine = db.scalars(interests.of_profile(profile)).all()
    return render(
        "me/index.html",
        profile=profile,
        completeness=profiles.completeness(profile),
        profile_status=profiles.status_of(profile),
        section_steps=profiles.SECTION_STEP,
        matches=matches.recommendations(
            db, profile, today=today, interested=frozenset(i.listing_id for i in mine)
        ),
        hires=interests.recent_hires(mine, now=utcnow()),
        invitations=[i for i in mine if i.status is InterestStatus.INVITED],
        active=[i for i in mine if i.status in interests.ACTIVE],
        counselling=counselling.panel_for(db, current_user, now=utcnow(), today=today),
    )


# --- My interests ----------------------------------------------------------------------------


def own_interest(interest_id: int) -> Interest:
    interest = db.get(Interest, interest_id)
    if interest is None or not can(current_user, Permission.PROFILE_MANAGE, interest):
        abort(404)
    return interest


@bp.get("/interests")
def interests_page() -> Any:
    return _interests_page()


def _interests_page(status: int = 200) -> Any:
    mine = db.scalars(interests.of_profile(own_profile())).all()
    today = local_today()
    return render(
        "me/interests.html",
        status=status,
        mine=mine,
        said={interest.id: interests.conversation(interest) for interest in mine},
        reopenable={
            interest.id
            for interest in mine
            if interest.status in (InterestStatus.WITHDRAWN, InterestStatus.UNANSWERED)
            and visibility.is_public(interest.listing, today)
        },
        form=InterestForm(),
        active_statuses=interests.ACTIVE,
        **reminders.on_my_interests(db, own_profile(), mine, now=utcnow(), today=today),
    )


def _changed_meanwhile(stale: StaleState) -> Any:
    lost(labels.my_interest_changed_meanwhile(stale.current.value))
    return _interests_page(status=409)


@bp.get("/interests/<int:interest_id>/withdraw")
def withdraw_page(interest_id: int) -> Any:
    """Withdrawing ends what the employer sees, so it is asked once, with or without JavaScript."""
    interest = own_interest(interest_id)
    if interest.status not in interests.ACTIVE:
        return redirect(url_for("me.interests_page"), 303)
    listing = interest.listing
    return render(
        "me/withdraw.html",
        interest=interest,
        version=listing.published_version or listing.current_version,
    )


@bp.post("/interests/<int:interest_id>/withdraw")
def withdraw_interest(interest_id: int) -> Any:
    interest = own_interest(interest_id)
    form = InterestForm()
    if not form.validate():
        abort(400)
    try:
        interests.withdraw(interest, now=utcnow(), expected=form.expected.data)
    except StaleState as stale:
        return _changed_meanwhile(stale)
    except InvalidTransition:
        flash(_("That one is already finished."), "info")
    else:
        db.commit()
        flash(
            _(
                "You withdrew. The employer is told. Changed your mind? While the listing is "
                "open, you can say you are interested again."
            ),
            "success",
        )
    return redirect_client(url_for("me.interests_page"))


@bp.post("/interests/<int:interest_id>/reopen")
def reopen_interest(interest_id: int) -> Any:
    interest = own_interest(interest_id)
    try:
        interests.reopen(interest, today=local_today(), now=utcnow())
    except interests.NotPossible as refused:
        flash(labels.not_possible_text(refused.reason, interest.listing), "info")
    except InvalidTransition:
        flash(_("You are already interested in this one."), "info")
    else:
        db.commit()
        flash(_("You are interested again. The employer sees it as new."), "success")
    return redirect_client(url_for("me.interests_page"))


@bp.post("/interests/<int:interest_id>/offer")
def answer_offer(interest_id: int) -> Any:
    interest = own_interest(interest_id)
    accept = request.form.get("answer") == "yes"
    try:
        interests.answer_offer(interest, accept=accept, now=utcnow())
    except InvalidTransition:
        flash(_("That offer is already answered."), "info")
    else:
        db.commit()
        flash(
            _("Congratulations, the job is yours! The employer is told.")
            if accept
            else _("Answered: no thanks. The employer is told."),
            "success",
        )
    return redirect_client(url_for("me.interests_page"))


@bp.post("/interests/<int:interest_id>/invitation")
def answer_invitation(interest_id: int) -> Any:
    interest = own_interest(interest_id)
    form = InterestForm()
    if not form.validate():
        abort(400)
    accept = request.form.get("answer") == "yes"
    try:
        interests.respond_to_invitation(
            interest, accept=accept, message=form.message.data, now=utcnow()
        )
    except StaleState as stale:
        return _changed_meanwhile(stale)
    except InvalidTransition:
        flash(_("That invitation is already answered."), "info")
    else:
        db.commit()
        flash(
            _("Sent! The employer gets your profile.") if accept else _("Answered: no thanks."),
            "success",
        )
    return redirect_client(url_for("me.interests_page"))


# --- The profile, step by step ---------------------------------------------------------------


def _save_wishes(form: WishesForm, profile: Profile) -> None:
    profiles.save_wishes(
        profile,
        opportunities=form.chosen_opportunities(),
        fields=form.chosen_fields(),
        now=utcnow(),
    )


def _save_where_and_when(form: WhereAndWhenForm, profile: Profile) -> None:
    profiles.save_where_and_when(
        profile,
        home_area=form.home_area.data or None,
        max_travel_minutes=form.travel(),
        weekparts=form.chosen_weekparts(),
        available_from=form.available_from.data,
        driving_licence=form.driving_licence.data,
        now=utcnow(),
    )
    if profiles.asks_about_school(profile, today=local_today()):
        profiles.answer_compulsory_school(
            profile, form.compulsory_school_answer(), today=local_today(), now=utcnow()
        )


def _save_skills(form: SkillsForm, profile: Profile) -> None:
    profiles.save_skills_and_languages(
        db, profile, skills=form.all_skills(), languages=form.languages(), now=utcnow()
    )


def _save_about(form: AboutForm, profile: Profile) -> None:
    profiles.save_about(
        profile,
        name=form.name.data,
        about=form.about.data,
        contact_name=form.contact_name.data,
        contact_email=form.contact_email.data,
        share_contact=form.share_contact.data,
        now=utcnow(),
    )


SAVE_STEP: dict[str, Callable[[Any, Profile], None]] = {
    "wishes": _save_wishes,
    "where-and-when": _save_where_and_when,
    "skills": _save_skills,
    "about": _save_about,
}


def _step_page(step: str, form: FlaskForm, status: int = 200, *, checking: bool = False) -> Any:
    position = profiles.STEPS.index(step)
    return render(
        "me/profile_step.html",
        status=status,
        step=step,
        form=form,
        number=position + 1,
        count=len(profiles.STEPS),
        previous=profiles.STEPS[position - 1] if position else None,
        completeness=profiles.completeness(own_profile()),
        about_limit=ABOUT_MAX_LENGTH,
        checking=checking,
        asks_about_school=profiles.asks_about_school(own_profile(), today=local_today()),
    )


def _known_step(step: str) -> str:
    if step not in STEP_FORMS:
        abort(404)
    return step


@bp.get("/profile")
def profile_page() -> Any:
    profile = own_profile()
    return render(
        "me/profile.html",
        profile=profile,
        completeness=profiles.completeness(profile),
        profile_status=profiles.status_of(profile),
        asks_about_school=profiles.asks_about_school(profile, today=local_today()),
        edits=counselling.edits_with_counsellors(db, profile.user_id),
    )


@bp.get("/working-hours")
def working_hours_page() -> Any:
    """What the law says about the young person's own working hours, in plain words."""
    profile = own_profile()
    today = local_today()
    person = profiles.working_hours_person(profile)
    age = profile.age(today)
    birthday = working_hours.next_birthday(profile.birth_date, today)
    now_band = working_hours.band_for(age, in_compulsory_school=person.in_compulsory_school)
    next_band = working_hours.band_for(age + 1, in_compulsory_school=person.in_compulsory_school)
    return render(
        "me/working_hours.html",
        age=age,
        person=person,
        asks_about_school=profiles.asks_about_school(profile, today=today),
        rules=working_hours_texts.rules_in_plain_words(
            age, in_compulsory_school=person.in_compulsory_school
        ),
        birthday=birthday if next_band is not now_band else None,
        birthday_rules=working_hours_texts.rules_in_plain_words(
            age + 1, in_compulsory_school=person.in_compulsory_school
        )
        if next_band is not now_band
        else [],
    )


@bp.get("/profile/<step>")
def step_page(step: str) -> Any:
    step = _known_step(step)
    return _step_page(step, STEP_FORMS[step](data=initial_data(step, own_profile())))


@bp.post("/profile/<step>")
def save_step(step: str) -> Any:
    step = _known_step(step)
    form = STEP_FORMS[step]()
    if not form.validate():
        return _step_page(step, form, status=422)
    SAVE_STEP[step](form, own_profile())
    db.commit()
    if request.form.get("action") == "later":
        flash(_("Saved. You can carry on whenever you like."), "success")
        return redirect_client(url_for("me.index"))
    position = profiles.STEPS.index(step)
    if position + 1 < len(profiles.STEPS):
        return redirect_client(url_for("me.step_page", step=profiles.STEPS[position + 1]))
    flash(_("Your profile is saved."), "success")
    return redirect_client(url_for("me.profile_page"))


@bp.post("/profile/<step>/check")
def check_step(step: str) -> Any:
    """Validate as the person types, without saving; only fields with something in them speak."""
    step = _known_step(step)
    form = STEP_FORMS[step]()
    form.validate()
    for field in form:
        if not any(value.strip() for value in field.raw_data or [] if isinstance(value, str)):
            field.errors = []
    return _step_page(step, form, checking=True)


@bp.get("/profile/preview")
def preview() -> Any:
    profile = own_profile()
    return render(
        "me/preview.html",
        shared=profiles.shared_view(profile, today=local_today()),
        profile_status=profiles.status_of(profile),
    )


@bp.post("/profile/visibility")
def change_visibility() -> Any:
    profile = own_profile()
    wanted = request.form.get("discoverable") == "on"
    try:
        profiles.set_discoverable(profile, wanted, now=utcnow())
    except profiles.ProfileIncomplete as incomplete:
        missing = ", ".join(str(labels.SECTIONS[s]).lower() for s in incomplete.missing)
        flash(
            _("Fill in this first, so employers know what you want: %(missing)s.", missing=missing),
            "warning",
        )
        return redirect_client(url_for("me.profile_page"))
    db.commit()
    if wanted:
        flash(
            _("Thank you! A counsellor reviews your profile, usually within a working day."),
            "success",
        )
    else:
        flash(_("Your profile is hidden. Employers can no longer find you."), "success")
    return redirect_client(url_for("me.profile_page"))


# --- My data: every role ---------------------------------------------------------------------
#
# Everyone may see and take their data and delete their account, whatever their role; these
# views declare their own permission over the young person's guard of the blueprint.


@bp.get("/data")
@requires(Permission.ACCOUNT_MANAGE)
def data_page() -> Any:
    return render(
        "me/data.html",
        data=own_data.export_data(db, current_user),
        email_form=ChangeEmailForm(),
    )


@bp.get("/data/download")
@requires(Permission.ACCOUNT_MANAGE)
def download_data() -> Response:
    body = own_data.as_json(own_data.export_data(db, current_user))
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="jobbes-mine-data.json"',
            "Cache-Control": "no-store",
        },
    )


@bp.get("/data/email")
@requires(Permission.ACCOUNT_MANAGE)
def email_address() -> Any:
    """A refused change of email is shown at this address; opened again, it is my data."""
    return redirect(url_for("me.data_page"), 303)


@bp.post("/data/email")
@requires(Permission.ACCOUNT_MANAGE)
@password_check_limit
def change_email() -> Any:
    form = ChangeEmailForm()
    if form.validate():
        try:
            new_email, holder = accounts.ask_to_change_email(
                db, current_user, new_email=form.email.data, password=form.password.data
            )
        except accounts.WrongPassword:
            form.password.errors.append(_("The password is wrong."))
        except accounts.SameEmail:
            form.email.errors.append(_("This is your email address already."))
        else:
            # The same answer whether or not the address has an account (see send_email_change).
            if send_email_change(current_user, new_email, holder):
                flash(
                    _(
                        "We have sent a link to %(email)s. Open it to change your email "
                        "address; until then, nothing changes.",
                        email=new_email,
                    ),
                    "success",
                )
            else:
                flash(
                    _("We could not send the link just now. Try again in a little while."),
                    "warning",
                )
            return redirect_client(url_for("me.data_page"))
    return render(
        "me/data.html",
        status=422,
        data=own_data.export_data(db, current_user),
        email_form=form,
    )


def _delete_page(form: DeleteAccountForm, status: int = 200) -> Any:
    return render(
        "me/delete.html",
        status=status,
        form=form,
        # Told before, not after: what leaving does to the organisation's listings.
        closing=own_data.listings_closed_on_leaving(current_user),
        last_admin=accounts.is_last_admin(db, current_user),
    )


@bp.get("/data/delete")
@requires(Permission.ACCOUNT_MANAGE)
def delete_page() -> Any:
    return _delete_page(DeleteAccountForm())


@bp.post("/data/delete")
@requires(Permission.ACCOUNT_MANAGE)
@password_check_limit
def delete_account() -> Any:
    form = DeleteAccountForm()
    if form.validate():
        if accounts.password_is_correct(current_user, form.password.data):
            user = current_user._get_current_object()
            try:
                own_data.delete_account(db, user, now=utcnow())
            except accounts.LastAdmin:  # refused before anything changed
                return _delete_page(form, status=409)
            logout_user()
            db.commit()
            flash(_("Your account and everything in it is deleted. Good luck!"), "success")
            return redirect_client(url_for("public.index"))
        form.password.errors.append(_("The password is wrong."))
    return _delete_page(form, status=422)
