"""The employer's area: the organisation, its colleagues, and its listings from draft to closed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_login import current_user

from jobbes import labels, mail
from jobbes.db import db
from jobbes.extensions import account_or_address, limiter
from jobbes.forms.employer import (
    InviteColleagueForm,
    InviteForm,
    ListingForm,
    OrganisationForm,
    PipelineStepForm,
    listing_form_data,
)
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import Interest, Listing, Organisation, Profile, ReviewStatus, User
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import (
    accounts,
    interests,
    listings,
    matches,
    organisations,
    profiles,
    reminders,
    response_rates,
    visibility,
)
from jobbes.services.state_machine import InvalidTransition, StaleState
from jobbes.views.access import guard
from jobbes.views.conflicts import lost

bp = Blueprint("employer", __name__, url_prefix="/employer")
guard(bp, Permission.ORGANISATION_MANAGE)

# Each invitation emails an address the employer typed: per account, so it cannot be a mailer.
INVITE_LIMIT = "10 per hour;30 per day"

# How the overview groups listings, by `listings.employer_status()`.
E = listings.EmployerStatus
GROUPS = {
    "needs_you": (E.DRAFT, E.CHANGES_REQUESTED, E.PUBLISHED_WITH_DRAFT),
    "in_review": (E.IN_REVIEW,),
    "live": (
        E.PUBLISHED,
        E.APPROVED_WAITING_FOR_ORGANISATION,
        E.PUBLISHED_EDIT_IN_REVIEW,
        E.PUBLISHED_EDIT_CHANGES_REQUESTED,
        E.PUBLISHED_EDIT_REJECTED,
    ),
    "over": (E.CLOSED, E.EXPIRED, E.REJECTED, E.UNPUBLISHED),
}


def own_organisation() -> Organisation:
    organisation: Organisation | None = current_user.organisation
    assert organisation is not None, "every employer belongs to an organisation"
    return organisation


def own_listing(listing_id: int) -> Listing:
    """A listing of the employer's own organisation; any other answers 404, as if none existed."""
    listing = db.get(Listing, listing_id)
    if listing is None or not can(current_user, Permission.LISTING_MANAGE, listing):
        abort(404)
    return listing


@bp.get("")
def index() -> Any:
    organisation = own_organisation()
    today = local_today()
    grouped: dict[str, list[tuple[Listing, listings.EmployerStatus]]] = {g: [] for g in GROUPS}
    all_listings = db.scalars(listings.organisation_listings(organisation)).all()
    for listing in all_listings:
        status = listings.employer_status(listing, today)
        group = next(g for g, statuses in GROUPS.items() if status in statuses)
        grouped[group].append((listing, status))
    return render(
        "employer/index.html",
        organisation=organisation,
        grouped=grouped,
        interested=interests.counts_by_listing(db, [listing.id for listing in all_listings]),
        now=utcnow(),
        response_rate=response_rates.of_organisation(db, organisation.id, now=utcnow()),
    )


# --- The organisation ------------------------------------------------------------------------


def _organisation_page(
    form: OrganisationForm, invite_form: InviteColleagueForm, status: int = 200
) -> Any:
    organisation = own_organisation()
    return render(
        "employer/organisation.html",
        status=status,
        organisation=organisation,
        waiting=organisations.waiting_details(organisation),
        sent_back=organisations.last_decided_details(organisation),
        form=form,
        invite_form=invite_form,
        colleagues=organisations.members(organisation),
        has_accepted=accounts.has_accepted,
    )


@bp.get("/organisation")
def organisation_page() -> Any:
    organisation = own_organisation()
    # The form goes on from the change that waits or was sent back, so a second edit does not
    # start from scratch.
    sent_back = organisations.last_decided_details(organisation)
    if sent_back is not None and sent_back.review_status is not ReviewStatus.CHANGES_REQUESTED:
        sent_back = None
    shown = organisations.waiting_details(organisation) or sent_back or organisation
    return _organisation_page(OrganisationForm.for_organisation(shown), InviteColleagueForm())


@bp.post("/organisation")
def save_organisation() -> Any:
    form = OrganisationForm()
    if not form.validate():
        return _organisation_page(form, InviteColleagueForm(), status=422)
    try:
        waiting = organisations.update_details(
            db,
            own_organisation(),
            author=current_user,
            name=form.name.data,
            sector=form.sector_value(),
            address=form.address.data,
            area=form.area.data or None,
            description=form.description.data,
            website=form.website.data,
            now=utcnow(),
        )
    except organisations.DetailsUnchanged:
        flash(_("Nothing changed."), "info")
        return redirect_client(url_for("employer.organisation_page"))
    db.commit()
    if waiting is not None:
        flash(
            _(
                "Thank you! A moderator reviews the changes, usually within a working day. "
                "Until then, young people see the details as they were."
            ),
            "success",
        )
    else:
        flash(_("The organisation's details are saved."), "success")
    return redirect_client(url_for("employer.organisation_page"))


@bp.get("/organisation/colleagues")
def colleagues_address() -> Any:
    """A refused invitation is shown at this address; opened again, it is the organisation."""
    return redirect(url_for("employer.organisation_page"), 303)


@bp.post("/organisation/colleagues")
@limiter.limit(INVITE_LIMIT, key_func=account_or_address)
def invite_colleague() -> Any:
    organisation = own_organisation()
    form = InviteColleagueForm()
    if not form.validate():
        return _organisation_page(OrganisationForm.for_organisation(organisation), form, status=422)
    email = accounts.normalise_email(form.email.data)
    try:
        colleague = accounts.invite_employer(
            db, organisation=organisation, email=email, invited_by=current_user
        )
    except accounts.EmailTaken:
        # Answered as for any address, so the form cannot be used to find out who has an account.
        existing = accounts.find_user_by_email(db, email)
        assert existing is not None
        sent = _answer_an_address_with_an_account(existing, organisation)
    else:
        db.commit()  # the colleague is on the list even if the email fails; it can be sent again
        sent = _send_invitation(colleague, organisation)
    _say_whether_sent(sent, email)
    return redirect_client(url_for("employer.organisation_page"))


@bp.post("/organisation/colleagues/<int:user_id>/resend")
@limiter.limit(INVITE_LIMIT, key_func=account_or_address)
def resend_invitation(user_id: int) -> Any:
    organisation = own_organisation()
    colleague = db.get(User, user_id)
    if (
        colleague is None
        or colleague.organisation_id != organisation.id
        or accounts.has_accepted(colleague)
    ):
        abort(404)
    _say_whether_sent(_send_invitation(colleague, organisation), colleague.email)
    return redirect_client(url_for("employer.organisation_page"))


def _send_invitation(colleague: User, organisation: Organisation) -> bool:
    token = accounts.make_account_token(
        colleague, secret_key=current_app.secret_key, purpose=accounts.INVITATION
    )
    return mail.send_template(
        colleague.email,
        _("%(name)s invites you to Jobbes", name=current_user.name),
        "invitation",
        inviter=current_user.name,
        organisation=organisation.name,
        link=url_for("auth.invitation_page", token=token, _external=True),
    )


def _answer_an_address_with_an_account(existing: User, organisation: Organisation) -> bool:
    if existing.organisation_id == organisation.id and not accounts.has_accepted(existing):
        return _send_invitation(existing, organisation)  # invited before: the same again
    if not accounts.may_receive_email(existing):
        return True  # an address nobody has confirmed gets no email but its confirmation
    return mail.send_template(
        existing.email,
        _("%(name)s invites you to Jobbes", name=current_user.name),
        "invitation_existing_account",
        inviter=current_user.name,
        organisation=organisation.name,
        login_link=url_for("auth.login_page", _external=True),
        reset_link=url_for("auth.reset_request_page", _external=True),
    )


def _say_whether_sent(sent: bool, email: str) -> None:
    if sent:
        flash(_("We have sent an invitation to %(email)s.", email=email), "success")
    else:
        flash(
            _(
                "We could not send the invitation to %(email)s: our email service did not "
                "answer. Try again in a little while with “Send again”.",
                email=email,
            ),
            "danger",
        )


# --- Listings --------------------------------------------------------------------------------


def _form_page(
    form: ListingForm, *, listing: Listing | None, status: int = 200, checking: bool = False
) -> Any:
    return render(
        "employer/listing_form.html",
        status=status,
        form=form,
        listing=listing,
        checking=checking,
        organisation=own_organisation(),
    )


@bp.get("/listings/new")
def new_listing_page() -> Any:
    today = local_today()
    kind = request.args.get("type", "job_trial")
    form = ListingForm(
        data={
            "listing_type": kind,
            "deadline": today + timedelta(days=28),
            "area": own_organisation().area or "",
            "address": own_organisation().address,
        }
    )
    return _form_page(form, listing=None)


@bp.post("/listings/new")
def create_listing() -> Any:
    form = ListingForm()
    if not form.validate():
        return _form_page(form, listing=None, status=422)
    listing = listings.create_listing(
        db,
        organisation=own_organisation(),
        author=current_user,
        content=form.content(),
        now=utcnow(),
    )
    db.commit()
    flash(_("The listing is saved as a draft. Check it, then send it for review."), "success")
    return redirect_client(url_for("employer.listing_page", listing_id=listing.id))


def _checked_form_page(listing: Listing | None) -> Any:
    """Validate as the employer types, without saving; only fields with something in them speak.

    The listing travels in the URL so that the redrawn form still saves the listing being
    edited instead of creating a new one.
    """
    form = ListingForm()
    form.validate()
    for field in form:
        if not any(str(value).strip() for value in field.raw_data or []):
            field.errors = []
    return _form_page(form, listing=listing, checking=True)


@bp.post("/listings/check")
def check_listing() -> Any:
    return _checked_form_page(None)


@bp.post("/listings/<int:listing_id>/check")
def check_listing_edit(listing_id: int) -> Any:
    return _checked_form_page(own_listing(listing_id))


@bp.get("/listings/<int:listing_id>")
def listing_page(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    version = listing.current_version
    today = local_today()
    return render(
        "employer/listing.html",
        listing=listing,
        version=version,
        listing_status=listings.employer_status(listing, today),
        can_edit=listing.status not in listings.FINISHED,
        today=today,
    )


@bp.get("/listings/<int:listing_id>/edit")
def edit_listing_page(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    if listing.status in listings.FINISHED:
        flash(_("This listing is over. Copy it to post a new one."), "info")
        return redirect_client(url_for("employer.listing_page", listing_id=listing.id))
    assert listing.current_version is not None, "a listing is made with its first version"
    form = ListingForm(data=listing_form_data(listing.current_version))
    return _form_page(form, listing=listing)


@bp.post("/listings/<int:listing_id>/edit")
def save_listing(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    form = ListingForm()
    if not form.validate():
        return _form_page(form, listing=listing, status=422)
    try:
        listings.save_listing(
            db, listing, author=current_user, content=form.content(), now=utcnow()
        )
    except listings.ListingNotEditable:
        abort(409)
    except StaleState:
        # A moderator decided on the text waiting for review while this form was open.
        lost(_("A moderator decided on this listing a moment ago. Check your changes, and save."))
        return _form_page(form, listing=listing, status=409)
    db.commit()
    flash(_("Your changes are saved. Send them for review when you are ready."), "success")
    return redirect_client(url_for("employer.listing_page", listing_id=listing.id))


@bp.post("/listings/<int:listing_id>/submit")
def submit_listing(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    try:
        listings.submit_listing(listing, today=local_today(), now=utcnow())
    except listings.DeadlinePassed:
        flash(_("The application deadline has passed. Change it before you send."), "warning")
    except listings.OrganisationBlocked:
        flash(
            _("Your organisation cannot send listings now. Contact the staff at Varodd."), "warning"
        )
    except (listings.NothingToSubmit, InvalidTransition):
        flash(_("There is nothing new to send for this listing."), "info")
    else:
        db.commit()
        flash(
            _("Sent for review! A moderator reviews it, usually within one working day."),
            "success",
        )
    return redirect_client(url_for("employer.listing_page", listing_id=listing.id))


@bp.post("/listings/<int:listing_id>/copy")
def copy_listing(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    copy = listings.copy_listing(
        db, listing, author=current_user, now=utcnow(), today=local_today()
    )
    db.commit()
    flash(_("Here is your copy. Change what is different, and save."), "success")
    return redirect_client(url_for("employer.edit_listing_page", listing_id=copy.id))


@bp.post("/listings/<int:listing_id>/close")
def close_listing(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    try:
        listings.close_listing(listing, now=utcnow())
    except InvalidTransition:
        flash(_("Only a published listing can be closed."), "info")
    else:
        db.commit()
        flash(_("The listing is closed and no longer shown."), "success")
    return redirect_client(url_for("employer.listing_page", listing_id=listing.id))


# --- Interested young people, and suggestions -------------------------------------------------


def own_interest(listing: Listing, interest_id: int) -> Interest:
    interest = db.get(Interest, interest_id)
    if (
        interest is None
        or interest.listing_id != listing.id
        or not can(current_user, Permission.LISTING_MANAGE, interest)
    ):
        abort(404)
    return interest


def _pipeline_page(
    listing: Listing, form: PipelineStepForm | None = None, status: int = 200
) -> Any:
    today = local_today()
    everyone = db.scalars(interests.for_listing(listing)).all()
    return render(
        "employer/interests.html",
        status=status,
        listing=listing,
        version=listing.published_version or listing.current_version,
        cards=[(i, profiles.shared_with_employer(i, today=today)) for i in everyone],
        said={interest.id: interests.conversation(interest) for interest in everyone},
        form=form or PipelineStepForm(),
        steps=interests.FLOW.steps,
        employer_steps=interests.EMPLOYER_STEPS,
        answer_clocks=reminders.answer_clocks(everyone, now=utcnow()),
    )


def _deliberate_visit() -> bool:
    """The employer came here from our own pages, a bookmark or the address bar.

    A link on another site (or an image pointing here) must not tell young people that their
    interest was read. Browsers say where a request came from in Sec-Fetch-Site; older ones
    only in Referer, which is sent for a link from our own pages.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    return bool(request.referrer) and urlsplit(request.referrer).netloc == request.host


@bp.get("/listings/<int:listing_id>/interests")
def interests_page(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    # Opening the list is reading it: the young people see that their interest was read.
    if _deliberate_visit() and interests.mark_all_seen(db, listing, now=utcnow()):
        db.commit()
    return _pipeline_page(listing)


@bp.post("/listings/<int:listing_id>/interests/seen")
def mark_interests_seen(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    if interests.mark_all_seen(db, listing, now=utcnow()):
        db.commit()
    return redirect(url_for("employer.interests_page", listing_id=listing.id), 303)


@bp.post("/listings/<int:listing_id>/interests/<int:interest_id>")
def move_interest(listing_id: int, interest_id: int) -> Any:
    listing = own_listing(listing_id)
    interest = own_interest(listing, interest_id)
    form = PipelineStepForm()
    if not form.validate() or form.step.data not in interests.EMPLOYER_STEPS:
        abort(400)
    try:
        interests.employer_step(
            interest,
            form.step.data,
            now=utcnow(),
            message=form.message.data,
            trial_start=form.trial_start.data,
            trial_end=form.trial_end.data,
            decline_message=form.decline_choice(),
            expected=form.expected.data,
        )
    except StaleState as stale:
        lost(labels.interest_moved_meanwhile(stale.current.value))
        return _pipeline_page(listing, status=409)
    except interests.DetailsMissing:
        flash(
            _("Choose one of the kind messages.")
            if form.step.data == "decline"
            else _("Write the start date of the trial (and an end date after it)."),
            "warning",
        )
    except InvalidTransition:
        flash(_("That step is not possible from where this interest is now."), "info")
    else:
        db.commit()
        flash(_("Done. The young person sees it on their page."), "success")
    return redirect(url_for("employer.interests_page", listing_id=listing.id), 303)


@bp.get("/listings/<int:listing_id>/suggestions")
def suggestions_page(listing_id: int) -> Any:
    listing = own_listing(listing_id)
    today = local_today()
    if not visibility.is_public(listing, today):
        suggested = []
    else:
        suggested = [
            (
                profile,
                result,
                profiles.shared_view(profile, today=today, words=profiles.approved_words(profile)),
            )
            for profile, result in matches.suggestions(db, listing, today=today)
        ]
    return render(
        "employer/suggestions.html",
        listing=listing,
        version=listing.published_version or listing.current_version,
        suggested=suggested,
        is_public=visibility.is_public(listing, today),
        form=InviteForm(),
    )


@bp.post("/listings/<int:listing_id>/suggestions/<int:profile_id>/invite")
def invite_candidate(listing_id: int, profile_id: int) -> Any:
    listing = own_listing(listing_id)
    profile = db.get(Profile, profile_id)
    if profile is None or not can(current_user, Permission.PROFILE_VIEW, profile):
        abort(404)
    form = InviteForm()
    if not form.validate():
        abort(400)
    try:
        interests.invite(
            db,
            listing=listing,
            profile=profile,
            message=form.message.data,
            today=local_today(),
            now=utcnow(),
        )
    except interests.NotPossible as refused:
        flash(
            _("This young person is already in your list for this listing.")
            if refused.reason is interests.WhyNot.ALREADY_INTERESTED
            else _("This young person cannot be invited to this listing."),
            "info",
        )
    else:
        db.commit()
        flash(_("Invited! You see the answer in the list of interested young people."), "success")
    return redirect_client(url_for("employer.suggestions_page", listing_id=listing.id))
