"""The moderators' area: queues with waiting times, decisions, curation, reports and the audit log.

One guard covers the whole area; each action also names the permission it uses. A decision made
with htmx swaps in the next item of the queue; without JavaScript the same form posts and
redirects there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_login import current_user

from jobbes import indicator_tables, labels, orgnr
from jobbes.db import db
from jobbes.forms.moderation import (
    AuditFilterForm,
    CloseReportForm,
    DecisionForm,
    IndicatorFilterForm,
    PeopleSearchForm,
    ReasonForm,
)
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import (
    Interest,
    Listing,
    ListingVersion,
    Organisation,
    OrganisationDetails,
    Profile,
    ProfileSubmission,
    RegisterCheck,
    Report,
    Role,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import (
    accounts,
    counselling,
    delivery,
    indicators,
    listings,
    messages,
    moderation,
    organisations,
    profiles,
    queues,
    reminders,
    reports,
    users,
)
from jobbes.services import audit as audit_log
from jobbes.services.moderation import Decision
from jobbes.views.access import guard, requires
from jobbes.views.conflicts import lost, shown_at

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
guard(bp, Permission.MODERATION_VIEW)


@bp.get("")
def index() -> Any:
    return render(
        "moderation/index.html",
        summaries=queues.summaries(db, now=utcnow()),
        programme=indicators.read(
            db, indicators.Filters(period=indicators.Period.containing("month", local_today()))
        ),
    )


# --- Reviewing listings and profiles ---------------------------------------------------------
#
# A decision posts and redirects to the next item in the queue. With htmx the form asks for
# `hx-push-url`, fetch follows the redirect, and `render()` answers with the page's `review`
# block, so the next item appears in place; without JavaScript the browser loads the page.


def _take_decision(form: DecisionForm, decide: Any, item: Any, name: str) -> int | None:
    """Run a decision; or answer 422 with the reason it could not be taken on the form, or 409
    when another moderator decided first (their decision stands, and is the only one logged).

    The message names the item, since the next one is already shown below it.
    """
    try:
        decide(
            db,
            item,
            moderator=current_user,
            decision=form.chosen(),
            comment=form.comment(),
            reason=form.rejection_reason(),
            now=utcnow(),
        )
    except moderation.DecisionIncomplete:
        if form.chosen() is Decision.REQUEST_CHANGES:
            form.changes_comment.errors.append(_("Write what the author should change."))
        else:
            form.reason.errors.append(
                _("Choose a reason, and write a few words if the reason is “Other”.")
            )
        return 422
    except moderation.StaleState as stale:
        lost(labels.decided_meanwhile(stale.current.value))
        return 409
    except moderation.InvalidTransition:
        flash(_("Someone had already decided on that one. Here is the next."), "info")
        return None
    db.commit()
    flash(
        {
            Decision.APPROVE: _("Approved: %(name)s", name=name),
            Decision.REQUEST_CHANGES: _("Sent back with your comment: %(name)s", name=name),
            Decision.REJECT: _("Rejected: %(name)s", name=name),
        }[form.chosen()],
        "success",
    )
    return None


def _next_in(queue: Any, review_endpoint: str, queue_endpoint: str) -> Any:
    following = queues.first_waiting(db, queue)
    if following is None:
        return redirect(url_for(queue_endpoint), 303)
    return redirect(url_for(review_endpoint, item_id=following.id), 303)


@bp.get("/listings")
def listing_queue() -> Any:
    waiting = db.scalars(queues.listings_waiting()).all()
    return render("moderation/listing_queue.html", waiting=waiting, now=utcnow())


def _listing_review(version: ListingVersion, form: DecisionForm, status: int = 200) -> Any:
    baseline = listings.baseline_for_review(version)
    return render(
        "moderation/listing_review.html",
        status=status,
        version=version,
        baseline=baseline,
        changes=listings.changes_since(baseline, version),
        form=form,
        now=utcnow(),
        remaining=queues.waiting_count(db, "listings"),
    )


@bp.get("/listings/<int:item_id>")
def listing_review(item_id: int) -> Any:
    version = db.get(ListingVersion, item_id) or abort(404)
    return _listing_review(version, DecisionForm())


# The decisions' own addresses open the item's page: a refused decision is shown at the item's
# address, but an old entry in the history or a reload must still lead somewhere.
@bp.get("/listings/<int:item_id>/decision")
def listing_decision_address(item_id: int) -> Any:
    return redirect(url_for("moderation.listing_review", item_id=item_id), 303)


@bp.post("/listings/<int:item_id>/decision")
@requires(Permission.REVIEW_DECIDE)
def decide_listing(item_id: int) -> Any:
    version = db.get(ListingVersion, item_id) or abort(404)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    status = _take_decision(form, listings.decide_listing, version, version.title)
    if status is not None:
        page = _listing_review(version, form if status == 422 else DecisionForm(), status=status)
        return shown_at(page, url_for("moderation.listing_review", item_id=version.id))
    return _next_in(
        queues.listings_waiting(), "moderation.listing_review", "moderation.listing_queue"
    )


@bp.get("/profiles")
def profile_queue() -> Any:
    waiting = db.scalars(queues.profiles_waiting()).all()
    return render("moderation/profile_queue.html", waiting=waiting, now=utcnow())


def _profile_review(submission: ProfileSubmission, form: DecisionForm, status: int = 200) -> Any:
    profile = submission.profile
    return render(
        "moderation/profile_review.html",
        status=status,
        submission=submission,
        # Exactly what employers would see, with the words waiting for review.
        shared=profiles.shared_view(profile, today=local_today(), words=submission.content),
        approved=profiles.approved_words(profile),
        form=form,
        now=utcnow(),
        remaining=queues.waiting_count(db, "profiles"),
        edits=counselling.edits_with_counsellors(db, profile.user_id),
    )


@bp.get("/profiles/<int:item_id>")
def profile_review(item_id: int) -> Any:
    submission = db.get(ProfileSubmission, item_id) or abort(404)
    return _profile_review(submission, DecisionForm())


@bp.get("/profiles/<int:item_id>/decision")
def profile_decision_address(item_id: int) -> Any:
    return redirect(url_for("moderation.profile_review", item_id=item_id), 303)


@bp.post("/profiles/<int:item_id>/decision")
@requires(Permission.REVIEW_DECIDE)
def decide_profile(item_id: int) -> Any:
    submission = db.get(ProfileSubmission, item_id) or abort(404)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    name = _("the profile of %(name)s", name=submission.profile.user.name)
    status = _take_decision(form, profiles.decide_submission, submission, name)
    if status is not None:
        page = _profile_review(submission, form if status == 422 else DecisionForm(), status=status)
        return shown_at(page, url_for("moderation.profile_review", item_id=submission.id))
    return _next_in(
        queues.profiles_waiting(), "moderation.profile_review", "moderation.profile_queue"
    )


# --- Organisations ---------------------------------------------------------------------------


@bp.get("/organisations")
def organisation_queue() -> Any:
    waiting = db.scalars(queues.organisations_waiting()).all()
    return render(
        "moderation/organisation_queue.html",
        waiting=waiting,
        changed=db.scalars(queues.organisation_details_waiting()).all(),
        now=utcnow(),
        check_digit_ok=orgnr.is_valid,
    )


def _details_review(details: OrganisationDetails, form: DecisionForm, status: int = 200) -> Any:
    return render(
        "moderation/organisation_details_review.html",
        status=status,
        details=details,
        organisation=details.organisation,
        changes=organisations.details_changes(details),
        form=form,
        now=utcnow(),
        remaining=queues.waiting_count(db, "organisations"),
    )


@bp.get("/organisations/details/<int:item_id>")
def organisation_details_review(item_id: int) -> Any:
    details = db.get(OrganisationDetails, item_id) or abort(404)
    return _details_review(details, DecisionForm())


@bp.post("/organisations/details/<int:item_id>/decision")
@requires(Permission.ORGANISATION_VERIFY)
def decide_organisation_details(item_id: int) -> Any:
    details = db.get(OrganisationDetails, item_id) or abort(404)
    form = DecisionForm()
    if not form.validate():
        abort(400)
    status = _take_decision(form, organisations.decide_details, details, details.name)
    if status is not None:
        page = _details_review(details, form if status == 422 else DecisionForm(), status=status)
        return shown_at(page, url_for("moderation.organisation_details_review", item_id=details.id))
    return _next_in(
        queues.organisation_details_waiting(),
        "moderation.organisation_details_review",
        "moderation.organisation_queue",
    )


@bp.get("/organisations/<int:organisation_id>")
def organisation_page(organisation_id: int) -> Any:
    organisation = db.get(Organisation, organisation_id) or abort(404)
    return _organisation_page(organisation, ReasonForm())


def _organisation_page(organisation: Organisation, form: ReasonForm, status: int = 200) -> Any:
    creator = db.get(User, organisation.created_by_id) if organisation.created_by_id else None
    return render(
        "moderation/organisation.html",
        status=status,
        organisation=organisation,
        creator=creator,
        members=organisations.members(organisation),
        waiting_details=organisations.waiting_details(organisation),
        listing_count=organisations.listing_count(db, organisation),
        check_digit_ok=orgnr.is_valid(organisation.org_number),
        register_check=db.get(RegisterCheck, organisation.id),
        form=form,
        now=utcnow(),
    )


ORGANISATION_STEPS: dict[str, Callable[..., None]] = {
    "verify": organisations.verify,
    "reject": organisations.reject,
    "suspend": organisations.suspend,
    "reinstate": organisations.reinstate,
}


@bp.get("/organisations/<int:organisation_id>/decision")
def organisation_decision_address(organisation_id: int) -> Any:
    return redirect(url_for("moderation.organisation_page", organisation_id=organisation_id), 303)


@bp.post("/organisations/<int:organisation_id>/decision")
@requires(Permission.ORGANISATION_VERIFY)
def decide_organisation(organisation_id: int) -> Any:
    organisation = db.get(Organisation, organisation_id) or abort(404)
    form = ReasonForm()
    step = form.step.data
    if not form.validate() or step not in ORGANISATION_STEPS:
        abort(400)
    kwargs: dict[str, Any] = {
        "moderator": current_user,
        "now": utcnow(),
        "expected": form.expected.data,
    }
    if step in ("reject", "suspend"):
        kwargs["reason"] = form.reason.data or ""
    try:
        ORGANISATION_STEPS[step](db, organisation, **kwargs)
    except moderation.DecisionIncomplete:
        form.reason.errors.append(_("Write the reason; the organisation's employers see it."))
        return _organisation_page(organisation, form, status=422)
    except moderation.StaleState as stale:
        lost(labels.organisation_changed_meanwhile(stale.current.value))
        page = _organisation_page(organisation, ReasonForm(), status=409)
        return shown_at(
            page, url_for("moderation.organisation_page", organisation_id=organisation.id)
        )
    except moderation.InvalidTransition:
        flash(_("That is not possible for an organisation in this state."), "warning")
        return redirect(
            url_for("moderation.organisation_page", organisation_id=organisation.id), 303
        )
    db.commit()
    flash(
        {
            "verify": _("%(name)s is verified.", name=organisation.name),
            "reject": _("%(name)s is rejected.", name=organisation.name),
            "suspend": _("%(name)s is suspended; its listings are hidden.", name=organisation.name),
            "reinstate": _("%(name)s is reinstated.", name=organisation.name)
            if organisation.verified_at is not None
            else _("%(name)s is reinstated and waits for verification.", name=organisation.name),
        }[step],
        "success",
    )
    # As with the other queues: the next item, which htmx swaps in place (see `_next_in`).
    following = queues.first_waiting(db, queues.organisations_waiting())
    if step in ("verify", "reject") and following is not None:
        return redirect(url_for("moderation.organisation_page", organisation_id=following.id), 303)
    return redirect(url_for("moderation.organisation_queue"), 303)


# --- Curation: featured and taken-down listings ------------------------------------------------


@bp.get("/listings/live")
def live_listings() -> Any:
    return _live_listings()


def _live_listings(status: int = 200) -> Any:
    return render(
        "moderation/live_listings.html",
        status=status,
        live=queues.live_listings(db),
        form=ReasonForm(),
        today=local_today(),
    )


@bp.post("/listings/live/<int:listing_id>/feature")
@requires(Permission.LISTING_CURATE)
def feature_listing(listing_id: int) -> Any:
    listing = db.get(Listing, listing_id) or abort(404)
    featured = request.form.get("featured") == "on"
    try:
        listings.set_featured(db, listing, featured, moderator=current_user, now=utcnow())
    except moderation.StaleState:
        lost(labels.CHANGED_MEANWHILE)
        return _live_listings(status=409)
    except moderation.InvalidTransition:
        abort(409)
    db.commit()
    flash(_("Featured on the front page.") if featured else _("No longer featured."), "success")
    return redirect_client(url_for("moderation.live_listings"))


@bp.post("/listings/live/<int:listing_id>/unpublish")
@requires(Permission.LISTING_CURATE)
def unpublish_listing(listing_id: int) -> Any:
    listing = db.get(Listing, listing_id) or abort(404)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    try:
        listings.unpublish_listing(
            db, listing, moderator=current_user, reason=form.reason.data or "", now=utcnow()
        )
    except moderation.DecisionIncomplete:
        flash(_("Write why the listing is taken down; the employer sees it."), "warning")
        return _back_to_report_or(form, "moderation.live_listings")
    except moderation.StaleState:
        lost(labels.CHANGED_MEANWHILE)
        return _live_listings(status=409)
    except moderation.InvalidTransition:
        abort(409)
    if _resolve_report(form, "listing", listing.id):
        flash(_("The listing is taken down and the report is closed."), "success")
        after = "moderation.report_queue"
    else:
        flash(_("The listing is taken down."), "success")
        after = "moderation.live_listings"
    db.commit()
    return redirect_client(url_for(after))


def _resolve_report(form: ReasonForm, subject_type: str, subject_id: int) -> bool:
    """A step taken from a report's page resolves that report, with the step's reason."""
    report = db.get(Report, form.report.data) if form.report.data else None
    return report is not None and reports.resolve_by_action(
        db,
        report,
        subject_type=subject_type,
        subject_id=subject_id,
        moderator=current_user,
        what_was_done=form.reason.data or "",
        now=utcnow(),
    )


def _back_to_report_or(form: ReasonForm, endpoint: str) -> Any:
    if form.report.data:
        return redirect_client(url_for("moderation.report_page", report_id=form.report.data))
    return redirect_client(url_for(endpoint))


# --- Reports ---------------------------------------------------------------------------------


@bp.get("/reports")
def report_queue() -> Any:
    return render("moderation/report_queue.html", items=reports.reported_items(db), now=utcnow())


def _reported_item(report: Report) -> dict[str, Any]:
    """What a report is about, loaded for the moderator (who may see anything but a
    conversation: of that, only the messages the report handed over)."""
    if report.subject_type == reports.CONVERSATION:
        return {
            "listing": None,
            "profile": None,
            "shared": None,
            "reported_messages": messages.reported_messages(db, report),
            "conversation": db.get(Interest, report.subject_id),
        }
    nothing: dict[str, Any] = {"reported_messages": None, "conversation": None}
    if report.subject_type == "listing":
        listing = db.get(Listing, report.subject_id)
        return {"listing": listing, "profile": None, "shared": None} | nothing
    profile = db.get(Profile, report.subject_id)
    shared = profiles.shared_view(profile, today=local_today()) if profile else None
    return {"listing": None, "profile": profile, "shared": shared} | nothing


@bp.get("/reports/<int:report_id>")
def report_page(report_id: int) -> Any:
    report = db.get(Report, report_id) or abort(404)
    return _report_page(report)


def _report_page(report: Report, status: int = 200) -> Any:
    reporter = db.get(User, report.reporter_id) if report.reporter_id else None
    return render(
        "moderation/report.html",
        status=status,
        report=report,
        reporter=reporter,
        title=reports.title_of(db, report.subject_type, report.subject_id),
        close_form=CloseReportForm(),
        action_form=ReasonForm(),
        now=utcnow(),
        **_reported_item(report),
    )


@bp.post("/reports/<int:report_id>/close")
@requires(Permission.REPORT_HANDLE)
def close_report(report_id: int) -> Any:
    report = db.get(Report, report_id) or abort(404)
    form = CloseReportForm()
    if not form.validate():
        abort(400)
    try:
        reports.close_report(
            db, report, form.step.data, moderator=current_user, note=form.note.data, now=utcnow()
        )
    except moderation.StaleState:
        lost(labels.REPORT_CLOSED_MEANWHILE)
        return _report_page(report, status=409)
    except moderation.InvalidTransition:
        flash(_("This report is already closed."), "info")
    else:
        db.commit()
        flash(_("The report is closed."), "success")
    return redirect_client(url_for("moderation.report_queue"))


@bp.post("/profiles/hide/<int:profile_id>")
@requires(Permission.REVIEW_DECIDE)
def hide_profile(profile_id: int) -> Any:
    profile = db.get(Profile, profile_id) or abort(404)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    try:
        profiles.hide_from_employers(
            db, profile, moderator=current_user, reason=form.reason.data or "", now=utcnow()
        )
    except moderation.DecisionIncomplete:
        flash(_("Write why the profile is hidden."), "warning")
        return _back_to_report_or(form, "moderation.report_queue")
    except moderation.StaleState:
        lost(labels.CHANGED_MEANWHILE)
        return _back_to_report_or(form, "moderation.report_queue")
    if _resolve_report(form, "profile", profile.user_id):
        flash(_("The profile is hidden from employers and the report is closed."), "success")
    else:
        flash(_("The profile is hidden from employers."), "success")
    db.commit()
    return redirect_client(url_for("moderation.report_queue"))


# --- People: find, suspend, reinstate; admins appoint moderators ------------------------------


@bp.get("/people")
def people() -> Any:
    form = PeopleSearchForm(request.args)
    found_users: list[User] = []
    found_organisations: list[Organisation] = []
    query = (form.q.data or "").strip()
    if query and form.validate():
        found_users = list(db.scalars(users.find_people(query)))
        found_organisations = list(db.scalars(users.find_organisations(query)))
    return render(
        "moderation/people.html",
        form=form,
        query=query,
        found_users=found_users,
        found_organisations=found_organisations,
        staff=db.scalars(users.staff_members()).all(),
    )


@bp.get("/people/<int:user_id>")
def person(user_id: int) -> Any:
    user = db.get(User, user_id) or abort(404)
    return render("moderation/person.html", person=user, form=ReasonForm())


def _person_changed_meanwhile(user: User) -> Any:
    lost(labels.ACCOUNT_CHANGED_MEANWHILE)
    return render("moderation/person.html", status=409, person=user, form=ReasonForm())


@bp.post("/people/<int:user_id>/suspension")
@requires(Permission.USER_SUSPEND)
def change_suspension(user_id: int) -> Any:
    user = db.get(User, user_id) or abort(404)
    if not can(current_user, Permission.USER_SUSPEND, user):
        abort(403)
    form = ReasonForm()
    if not form.validate():
        abort(400)
    try:
        if form.step.data == "suspend":
            users.suspend(
                db, user, moderator=current_user, reason=form.reason.data or "", now=utcnow()
            )
        else:
            users.reinstate(db, user, moderator=current_user, now=utcnow())
    except moderation.StaleState:
        return _person_changed_meanwhile(user)
    except moderation.DecisionIncomplete:
        flash(_("Write why the account is suspended; the person is told."), "warning")
    except accounts.LastAdmin:
        flash(_("Jobbes needs at least one admin; appoint another first."), "warning")
    except (moderation.InvalidTransition, users.NotAllowed):
        flash(_("That is not possible for this account."), "warning")
    else:
        db.commit()
        flash(_("Done."), "success")
    return redirect_client(url_for("moderation.person", user_id=user.id))


@bp.post("/people/<int:user_id>/moderator")
@requires(Permission.MODERATOR_APPOINT)
def change_moderator_role(user_id: int) -> Any:
    user = db.get(User, user_id) or abort(404)
    if not can(current_user, Permission.MODERATOR_APPOINT, user):
        abort(403)
    deleted = False
    try:
        if request.form.get("grant") == "on":
            users.grant_moderator(db, user, admin=current_user, now=utcnow())
        else:
            deleted = users.revoke_moderator(db, user, admin=current_user, now=utcnow())
    except moderation.StaleState:
        return _person_changed_meanwhile(user)
    except (moderation.InvalidTransition, users.NotAllowed):
        flash(_("That is not possible for this account."), "warning")
    else:
        db.commit()
        if deleted:
            flash(
                _("The moderator role is taken away and the staff account is deleted."), "success"
            )
            return redirect_client(url_for("moderation.people"))
        flash(_("The role is changed."), "success")
    return redirect_client(url_for("moderation.person", user_id=user.id))


# --- The audit log ---------------------------------------------------------------------------


@bp.get("/audit")
@requires(Permission.AUDIT_VIEW)
def audit() -> Any:
    form = AuditFilterForm(request.args)
    staff = db.scalars(users.staff_members()).all()
    form.actor.choices = [("", _("Everyone"))] + [
        (str(u.id), f"{u.name} ({u.email})") for u in staff
    ]
    form.action.choices = [("", _("All actions"))] + [
        (tag, str(label)) for tag, label in labels.AUDIT_ACTIONS.items()
    ]
    wanted = audit_log.AuditFilter()
    valid = form.validate()
    if valid:
        wanted = audit_log.AuditFilter(
            actor_id=int(form.actor.data) if form.actor.data else None,
            action=form.action.data or None,
            subject_type=form.subject_type.data or None,
            subject_id=form.subject_id.data or None,
        )
    found = audit_log.events(db, wanted, page=(form.page.data or 1) if valid else 1)
    # An entry outlives its actor's account: who no longer exists is shown as a deleted account.
    names = users.names_of(db, {e.actor_id for e in found.events if e.actor_id is not None})
    return render(
        "moderation/audit.html",
        status=200 if valid else 400,
        form=form,
        events=found.events,
        has_more=found.has_more,
        page=found.page,
        names=names,
        Role=Role,
    )


@bp.get("/deliveries")
@requires(Permission.DELIVERY_FAILURES_VIEW)
def deliveries() -> Any:
    """Emails and texts given up after a day of failures, and how long the queue is behind."""
    return render(
        "moderation/deliveries.html",
        given_up=delivery.given_up_page(db),
        queue_age=delivery.oldest_undelivered_age(db, now=utcnow()),
    )


# --- No ghosting -----------------------------------------------------------------------------


@bp.get("/unanswered")
def unanswered() -> Any:
    """Interests their organisation has not answered after two reminders, to follow up."""
    return render("moderation/unanswered.html", waiting=reminders.unanswered(db, now=utcnow()))


# --- The programme's numbers -------------------------------------------------------------------


def _indicator_filters() -> tuple[IndicatorFilterForm, indicators.Filters, bool]:
    """The filters asked for in the query string; unknown values fall back to the defaults."""
    choosable = indicators.choosable_periods(local_today())
    choices = {
        str(indicator_tables.PERIOD_KINDS[kind]): [
            (p.key, indicator_tables.period_label(p)) for p in periods
        ]
        for kind, periods in choosable.items()
    }
    form = IndicatorFilterForm(request.args)
    form.period.choices = choices
    valid = form.validate()
    period = indicators.Period.parse(form.period.data or "") if valid else None
    filters = indicators.Filters(
        period=period or choosable["month"][0],
        age_band=(form.age_band.data or None) if valid else None,
        area=(form.area.data or None) if valid else None,
        listing_type=(form.listing_type.data or None) if valid else None,
    )
    if not valid:
        form = IndicatorFilterForm(formdata=None)
        form.period.choices = choices
    form.period.data = filters.period.key
    return form, filters, valid


@bp.get("/indicators", endpoint="indicators")
@requires(Permission.INDICATORS_VIEW)
def indicators_page() -> Any:
    """The programme's numbers: for staff, and for the municipality's read-only programme role."""
    form, filters, valid = _indicator_filters()
    numbers = indicators.read(db, filters)
    return render(
        "moderation/indicators.html",
        status=200 if valid else 400,
        form=form,
        numbers=numbers,
        tables=indicator_tables.tables(numbers),
        period_label=indicator_tables.period_label,
        query=request.args.to_dict(),
    )


@bp.get("/indicators.csv")
@requires(Permission.INDICATORS_VIEW)
def indicators_csv() -> Any:
    """One table of the page, with the page's filters, as CSV."""
    _form, filters, valid = _indicator_filters()
    wanted = request.args.get("table", "funnel")
    if not valid or wanted not in indicator_tables.TABLE_NAMES:
        abort(400)
    table = indicator_tables.tables(indicators.read(db, filters), charts=False)[wanted]
    name = f"jobbes-{wanted}-{filters.period.key}.csv"
    return Response(
        "\ufeff" + table.csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
