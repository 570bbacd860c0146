"""Counsellors (veiledere): the counsellor's caseload and a young person's page; the young
person's own page about who follows them; and the admins' page that creates counsellors.

A counsellor reaches a young person only through a consent in force (`permissions.can` on the
`Consent`); anything else is a 404, as for everything that is not one's own.
"""

from __future__ import annotations

import contextlib
from typing import Any

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_login import current_user

from jobbes.db import db
from jobbes.forms.counselling import (
    AboutTogetherForm,
    AddCounsellorForm,
    AskToFollowForm,
    CreateCounsellorForm,
    NoteForm,
    SuggestForm,
)
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Consent, Listing, Role, User
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import accounts, counselling, interests, matches
from jobbes.services.counselling import Flag
from jobbes.services.state_machine import StaleState
from jobbes.views import invitations
from jobbes.views.access import guard

bp = Blueprint("counsellor", __name__, url_prefix="/counsellor")
guard(bp, Permission.CASELOAD_VIEW)

mine = Blueprint("my_counsellors", __name__, url_prefix="/me/counsellors")
guard(mine, Permission.COUNSELLOR_CHOOSE)

admin = Blueprint("counsellor_admin", __name__, url_prefix="/moderation/counsellors")
guard(admin, Permission.COUNSELLOR_APPOINT)

SUGGESTIONS_OFFERED = 8


# --- The counsellor's area --------------------------------------------------------------------


def _chosen_flag() -> Flag | None:
    wanted = request.args.get("flag", "")
    return Flag(wanted) if wanted in Flag.__members__.values() else None


def _chosen_sort() -> str:
    wanted = request.args.get("sort", "")
    return wanted if wanted in counselling.SORTS else "flags"


def _caseload_page(form: AskToFollowForm, status: int = 200) -> Any:
    flag, sort = _chosen_flag(), _chosen_sort()
    return render(
        "counsellor/index.html",
        status=status,
        people=counselling.caseload(
            db, current_user, now=utcnow(), today=local_today(), flag=flag, sort=sort
        ),
        record=counselling.counsellor_record(db, current_user),
        form=form,
        flag=flag,
        sort=sort,
        flags=list(Flag),
        sorts=counselling.SORTS,
    )


@bp.get("")
def index() -> Any:
    return _caseload_page(AskToFollowForm())


@bp.post("")
def ask_to_follow() -> Any:
    form = AskToFollowForm()
    if not form.validate():
        return _caseload_page(form, status=422)
    # StaleState: the young person added this counsellor at the same moment: nothing to ask.
    with contextlib.suppress(StaleState):
        counselling.ask_to_follow(db, current_user, form.email.data, now=utcnow())
    db.commit()
    # The same words whatever the address: the form tells nobody who uses Jobbes.
    flash(
        _(
            "If a young person uses Jobbes with that address, they are asked now. "
            "They appear in your list when they say yes."
        ),
        "success",
    )
    return redirect_client(url_for("counsellor.index"))


def _followed(profile_id: int) -> Consent:
    consent = counselling.consent_for(db, current_user, profile_id)
    if consent is None or not can(current_user, Permission.CASELOAD_VIEW, consent):
        abort(404)
    return consent


def _suggest_form(consent: Consent, form: SuggestForm | None = None) -> SuggestForm:
    form = form or SuggestForm()
    profile = consent.young_person.profile
    assert profile is not None
    offered = matches.recommendations(db, profile, today=local_today(), limit=SUGGESTIONS_OFFERED)
    form.listing.choices = [
        (str(listing.id), f"{listing.published_version.title} – {listing.organisation.name}")
        for listing, _result in offered
        if listing.published_version is not None
    ]
    return form


def _person_page(
    consent: Consent,
    note_form: NoteForm | None = None,
    suggest_form: SuggestForm | None = None,
    about_form: AboutTogetherForm | None = None,
    status: int = 200,
) -> Any:
    now, today = utcnow(), local_today()
    person = counselling.person(db, consent, now=now, today=today)
    profile = consent.young_person.profile
    assert profile is not None
    everything = db.scalars(interests.of_profile(profile)).all()
    return render(
        "counsellor/person.html",
        status=status,
        person=person,
        consent=consent,
        profile=profile,
        timeline=counselling.timeline(db, consent, everything),
        notes=counselling.notes_for(db, consent),
        note_form=note_form or NoteForm(),
        suggest_form=_suggest_form(consent, suggest_form),
        about_form=about_form or AboutTogetherForm(data={"about": profile.about or ""}),
        edits=counselling.edits_with_counsellors(db, profile.user_id),
    )


@bp.get("/people/<int:profile_id>")
def person_page(profile_id: int) -> Any:
    consent = _followed(profile_id)
    # Every look is written down for the young person, before anything is shown.
    counselling.record_look(db, consent, now=utcnow())
    db.commit()
    return _person_page(consent)


@bp.get("/people/<int:profile_id>/notes")
@bp.get("/people/<int:profile_id>/suggestions")
@bp.get("/people/<int:profile_id>/about")
def person_address(profile_id: int) -> Any:
    """A refused note, suggestion or edit is shown at these addresses; opened again, the
    person."""
    return redirect(url_for("counsellor.person_page", profile_id=profile_id), 303)


@bp.post("/people/<int:profile_id>/notes")
def add_note(profile_id: int) -> Any:
    consent = _followed(profile_id)
    form = NoteForm()
    if not form.validate():
        return _person_page(consent, note_form=form, status=422)
    counselling.add_note(db, consent, form.text.data, now=utcnow())
    db.commit()
    flash(_("The note is saved."), "success")
    return redirect_client(url_for("counsellor.person_page", profile_id=profile_id) + "#notes")


@bp.post("/people/<int:profile_id>/suggestions")
def suggest(profile_id: int) -> Any:
    consent = _followed(profile_id)
    form = _suggest_form(consent, SuggestForm())
    if not form.validate():
        return _person_page(consent, suggest_form=form, status=422)
    listing = db.get(Listing, int(form.listing.data))
    try:
        if listing is None:
            raise counselling.NotSuggestable(form.listing.data)
        counselling.suggest_listing(
            db, consent, listing, note=form.note.data, today=local_today(), now=utcnow()
        )
    except counselling.NotSuggestable:
        form.listing.errors = [_("That listing is no longer open to this young person.")]
        return _person_page(consent, suggest_form=form, status=422)
    db.commit()
    flash(_("Suggested. The young person sees it on their page and is told."), "success")
    return redirect_client(url_for("counsellor.person_page", profile_id=profile_id))


@bp.post("/people/<int:profile_id>/about")
def edit_about(profile_id: int) -> Any:
    consent = _followed(profile_id)
    form = AboutTogetherForm()
    if not form.validate():
        return _person_page(consent, about_form=form, status=422)
    if counselling.edit_about_together(db, consent, form.about.data or "", now=utcnow()):
        db.commit()
        flash(
            _(
                "Saved, marked as written with you. If employers may find the profile, a "
                "moderator reviews the words first."
            ),
            "success",
        )
    else:
        flash(_("Nothing was changed."), "info")
    return redirect_client(url_for("counsellor.person_page", profile_id=profile_id) + "#about")


# --- The young person's own page: who follows me ----------------------------------------------


def _my_page(form: AddCounsellorForm, status: int = 200) -> Any:
    return render(
        "me/counsellors.html",
        status=status,
        form=form,
        mine=counselling.counsellors_of(db, current_user, now=utcnow()),
        looks=counselling.looks_at(db, current_user),
    )


@mine.get("")
def my_counsellors() -> Any:
    return _my_page(AddCounsellorForm())


@mine.post("")
def add_counsellor() -> Any:
    form = AddCounsellorForm()
    if not form.validate():
        return _my_page(form, status=422)
    try:
        consent = counselling.add_counsellor(
            db, current_user, form.code_or_email.data, now=utcnow()
        )
    except counselling.NoSuchCounsellor:
        form.code_or_email.errors = [
            _("We found no counsellor with that code or address. Check it with your counsellor.")
        ]
        return _my_page(form, status=422)
    except counselling.AlreadyFollowing:
        flash(_("That counsellor follows you already."), "info")
        return redirect_client(url_for("my_counsellors.my_counsellors"))
    except StaleState:
        flash(
            _("That counsellor asked you at the same moment. Answer their request below."),
            "info",
        )
        return redirect_client(url_for("my_counsellors.my_counsellors"))
    db.commit()
    flash(
        _("%(name)s can follow you now, for twelve months.", name=consent.counsellor.name),
        "success",
    )
    return redirect_client(url_for("my_counsellors.my_counsellors"))


def _my_consent(counsellor_id: int) -> Consent:
    consent = counselling.consent_of_young_person(db, current_user, counsellor_id)
    if consent is None:
        abort(404)
    return consent


def _back() -> Any:
    """To the page the young person acted from: their front page or this one."""
    if request.form.get("from") == "me":
        return redirect_client(url_for("me.index"))
    return redirect_client(url_for("my_counsellors.my_counsellors"))


@mine.post("/<int:counsellor_id>/answer")
def answer(counsellor_id: int) -> Any:
    consent = _my_consent(counsellor_id)
    accept = request.form.get("answer") == "yes"
    try:
        counselling.answer_request(consent, accept=accept, now=utcnow())
    except StaleState:
        flash(_("That request is already answered."), "info")
        return _back()
    db.commit()
    flash(
        _("%(name)s can follow you now, for twelve months.", name=consent.counsellor.name)
        if accept
        else _("Answered: no thanks. The counsellor is not told why."),
        "success",
    )
    return _back()


@mine.post("/<int:counsellor_id>/end")
def end(counsellor_id: int) -> Any:
    consent = _my_consent(counsellor_id)
    try:
        counselling.end_consent(consent, now=utcnow())
    except StaleState:
        flash(_("That counsellor does not follow you any more."), "info")
        return _back()
    db.commit()
    flash(_("%(name)s no longer sees anything about you.", name=consent.counsellor.name), "success")
    return _back()


@mine.post("/<int:counsellor_id>/renew")
def renew(counsellor_id: int) -> Any:
    consent = _my_consent(counsellor_id)
    try:
        counselling.renew_consent(consent, now=utcnow())
    except StaleState:
        flash(_("That counsellor does not follow you any more."), "info")
        return _back()
    db.commit()
    flash(
        _("%(name)s can follow you for twelve more months.", name=consent.counsellor.name),
        "success",
    )
    return _back()


# --- Admins create counsellors ----------------------------------------------------------------


def _admin_page(form: CreateCounsellorForm, status: int = 200) -> Any:
    everyone = counselling.all_counsellors(db)
    return render(
        "moderation/counsellors.html",
        status=status,
        form=form,
        counsellors=everyone,
        waiting={c.user_id for c in everyone if not accounts.has_accepted(c.user)},
        organisation_names=counselling.organisation_names(db),
    )


@admin.get("")
def counsellors() -> Any:
    return _admin_page(CreateCounsellorForm())


@admin.post("")
def create_counsellor() -> Any:
    form = CreateCounsellorForm()
    if not form.validate():
        return _admin_page(form, status=422)
    try:
        user = counselling.create_counsellor(
            db,
            email=form.email.data,
            organisation_name=form.organisation.data,
            name=form.name.data or "",
            now=utcnow(),
        )
    except accounts.EmailTaken:
        form.email.errors = [_("An account with this email address exists already.")]
        return _admin_page(form, status=422)
    db.commit()  # the account stands even if the email fails; the admin can send it again
    invitations.send_to_new(
        user,
        "counsellor_invitation",
        not_sent=_("The counsellor is created, but the invitation could not be sent. Try again."),
        organisation=counselling.counsellor_record(db, user).organisation.name,
    )
    return redirect_client(url_for("counsellor_admin.counsellors"))


@admin.post("/<int:user_id>/invitation")
def resend_invitation(user_id: int) -> Any:
    user = db.get(User, user_id)
    if user is None or user.role is not Role.COUNSELLOR:
        abort(404)
    invitations.send_again(
        user,
        "counsellor_invitation",
        joined=_("The counsellor has joined already."),
        organisation=counselling.counsellor_record(db, user).organisation.name,
    )
    return redirect_client(url_for("counsellor_admin.counsellors"))
