"""Times to meet, from both sides of an interest: the employer proposes, the young person picks
or asks for another, and both download the agreed time as a calendar file.

Each side has its own addresses in its own area, so an interest is reached only through the
same lookups as the rest of that side's pages: anyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, Response, abort, flash, redirect, request, url_for
from flask_login import current_user

from jobbes import meeting_labels
from jobbes.db import db
from jobbes.forms.meetings import AnotherTimeForm, ChooseTimeForm, ProposeTimesForm
from jobbes.htmx import render
from jobbes.i18n import gettext as _
from jobbes.models import Interest, Listing, Meeting, MeetingKind
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission
from jobbes.services import meetings, profiles
from jobbes.services.meetings import Problem
from jobbes.views import employer as employer_views
from jobbes.views import me as me_views
from jobbes.views.access import guard
from jobbes.views.conflicts import lost

employer_bp = Blueprint("employer_meetings", __name__, url_prefix="/employer")
guard(employer_bp, Permission.ORGANISATION_MANAGE)
young_bp = Blueprint("my_meetings", __name__, url_prefix="/me")
guard(young_bp, Permission.PROFILE_MANAGE)


def _share_with_templates(state: Any) -> None:
    app: Flask = state.app
    app.jinja_env.globals.update(
        meetings=meetings, meeting_labels=meeting_labels, moment_now=utcnow
    )


employer_bp.record_once(_share_with_templates)

PROBLEMS = {
    Problem.NO_TIMES: lambda: _("Propose at least one time."),
    Problem.TOO_MANY: lambda: _("Propose at most three times."),
    Problem.END_BEFORE_START: lambda: _("The end must be after the start."),
    Problem.IN_THE_PAST: lambda: _("This time has already passed. Choose a later one."),
    Problem.NO_PLACE: lambda: _("Write where you meet."),
    Problem.NO_CONTACT: lambda: _("Write the name of the person to ask for."),
}


def _calendar(interest: Interest, meeting: Meeting | None, link: str) -> Response:
    if meeting is None or meeting.chosen is None or interest.status not in meetings.LIVE:
        abort(404)
    listing = interest.listing
    version = listing.published_version or listing.current_version
    title = version.title if version is not None else ""
    summary = _(
        "%(kind)s: %(listing)s – %(organisation)s",
        kind=meeting_labels.KIND_NAMES[meeting.kind.value],
        listing=title,
        organisation=listing.organisation.name,
    )
    contact = meeting.contact_name + (f", {meeting.contact_phone}" if meeting.contact_phone else "")
    description = "\n".join(
        [
            _("Ask for: %(contact)s", contact=contact),
            _("See it in Jobbes: %(link)s", link=link),
        ]
    )
    body = meetings.calendar_file(meeting, summary=summary, description=description, url=link)
    return Response(
        body,
        mimetype="text/calendar",
        headers={
            "Content-Disposition": f'attachment; filename="jobbes-{meeting.id}.ics"',
            "Cache-Control": "private, no-store",
        },
    )


# --- The employer ----------------------------------------------------------------------------


def _employer_interest(listing_id: int, interest_id: int) -> tuple[Listing, Interest]:
    listing = employer_views.own_listing(listing_id)
    return listing, employer_views.own_interest(listing, interest_id)


def _prefilled(listing: Listing, interest: Interest) -> ProposeTimesForm:
    before = meetings.current(interest)
    version = listing.published_version or listing.current_version
    data: dict[str, Any] = {
        "meeting_kind": before.kind.value if before else MeetingKind.TALK.value,
        "place": before.place if before else (version.address if version else None) or "",
        "contact_name": before.contact_name if before else current_user.name,
        "contact_phone": before.contact_phone if before else "",
    }
    return ProposeTimesForm(data=data)


def _propose_page(
    listing: Listing, interest: Interest, form: ProposeTimesForm, status: int = 200
) -> Any:
    meeting = meetings.current(interest)
    return render(
        "meetings/propose.html",
        status=status,
        listing=listing,
        interest=interest,
        shared=profiles.shared_with_employer(interest, today=local_today()),
        meeting=meeting,
        history=meetings.history(interest),
        form=form,
        can_propose=interest.status in meetings.PROPOSABLE,
        seen_round=meeting.round if meeting else 0,
        seen_status=meeting.status.value if meeting else "",
        today=local_today(),
        back=_back(),
    )


def _back() -> str | None:
    """Where the employer came from to propose: the conversation, or (by default) the pipeline."""
    return "conversation" if request.args.get("back") == "conversation" else None


@employer_bp.get("/listings/<int:listing_id>/interests/<int:interest_id>/meeting")
def propose_page(listing_id: int, interest_id: int) -> Any:
    listing, interest = _employer_interest(listing_id, interest_id)
    return _propose_page(listing, interest, _prefilled(listing, interest))


@employer_bp.post("/listings/<int:listing_id>/interests/<int:interest_id>/meeting")
def propose(listing_id: int, interest_id: int) -> Any:
    listing, interest = _employer_interest(listing_id, interest_id)
    form = ProposeTimesForm()
    valid = form.validate()
    filled = form.times()
    if not valid or filled is None:
        return _propose_page(listing, interest, form, status=422)
    try:
        meetings.propose(
            db,
            interest,
            by=current_user,
            kind=MeetingKind(form.meeting_kind.data),
            times=[meetings.Time(day, start, end) for _n, day, start, end in filled],
            place=form.place.data,
            contact_name=form.contact_name.data,
            contact_phone=form.contact_phone.data,
            now=utcnow(),
            seen_round=form.seen_round.data or 0,
            seen_status=form.seen_status.data,
            expected=form.expected.data,
        )
    except meetings.BadProposal as bad:
        for problem, index in bad.problems:
            field = form[f"end_{filled[index][0]}"] if index is not None else None
            if problem is Problem.IN_THE_PAST and index is not None:
                field = form[f"day_{filled[index][0]}"]
            if problem is Problem.NO_PLACE:
                field = form.place
            if problem is Problem.NO_CONTACT:
                field = form.contact_name
            if field is None:
                field = form.day_1
            field.errors = [*field.errors, PROBLEMS[problem]()]
        return _propose_page(listing, interest, form, status=422)
    except meetings.Changed as changed:
        lost(meeting_labels.CHANGED_FOR_EMPLOYER[changed.why.value])
        return _propose_page(listing, interest, _prefilled(listing, interest), status=409)
    except meetings.NotPossible:
        flash(_("Times can be proposed only while the interest is open."), "info")
        return _propose_page(listing, interest, form, status=409)
    db.commit()
    flash(_("The times are sent. The young person picks one, and you are told."), "success")
    if _back() == "conversation":
        return redirect(url_for("messages.conversation", interest_id=interest.id), 303)
    return redirect(
        url_for("employer.interests_page", listing_id=listing.id, _anchor=f"card-{interest.id}"),
        303,
    )


@employer_bp.get("/listings/<int:listing_id>/interests/<int:interest_id>/meeting.ics")
def employer_calendar(listing_id: int, interest_id: int) -> Response:
    listing, interest = _employer_interest(listing_id, interest_id)
    link = url_for(
        "employer.interests_page",
        listing_id=listing.id,
        _anchor=f"card-{interest.id}",
        _external=True,
    )
    return _calendar(interest, meetings.current(interest), link)


# --- The young person ------------------------------------------------------------------------


def _answer_page(
    interest: Interest,
    *,
    choose_form: ChooseTimeForm | None = None,
    another_form: AnotherTimeForm | None = None,
    status: int = 200,
) -> Any:
    meeting = meetings.shown_to_young_person(interest)
    listing = interest.listing
    return render(
        "meetings/answer.html",
        status=status,
        interest=interest,
        listing=listing,
        version=listing.published_version or listing.current_version,
        meeting=meeting,
        history=meetings.history(interest),
        choose_form=choose_form or ChooseTimeForm(),
        another_form=another_form or AnotherTimeForm(),
        now=utcnow(),
    )


@young_bp.get("/interests/<int:interest_id>/meeting")
def answer_page(interest_id: int) -> Any:
    return _answer_page(me_views.own_interest(interest_id))


def _changed(interest: Interest, changed: meetings.Changed) -> Any:
    lost(meeting_labels.CHANGED_FOR_YOUNG_PERSON[changed.why.value])
    return _answer_page(interest, status=409)


def _to_my_interest(interest: Interest) -> Any:
    return redirect(url_for("me.interests_page", _anchor=f"interest-{interest.id}"), 303)


@young_bp.post("/interests/<int:interest_id>/meeting")
def choose(interest_id: int) -> Any:
    interest = me_views.own_interest(interest_id)
    form = ChooseTimeForm()
    if not form.validate():
        return _answer_page(interest, choose_form=form, status=422)
    try:
        meetings.choose(
            interest,
            seen_round=form.seen_round.data or 0,
            position=form.position.data,
            now=utcnow(),
        )
    except meetings.Changed as changed:
        return _changed(interest, changed)
    except meetings.PastTime:
        form.position.errors = [_("That time has already begun. Choose another, or ask for one.")]
        return _answer_page(interest, choose_form=form, status=422)
    except meetings.NotPossible:
        form.position.errors = [_("Choose one of the times.")]
        return _answer_page(interest, choose_form=form, status=422)
    db.commit()
    flash(_("You have picked a time. The employer is told. See you there!"), "success")
    return _to_my_interest(interest)


@young_bp.get("/interests/<int:interest_id>/meeting/another")
def another_time_address(interest_id: int) -> Any:
    """A refused request for another time is shown at this address; opened again, it is the
    proposal."""
    return redirect(url_for("my_meetings.answer_page", interest_id=interest_id), 303)


@young_bp.post("/interests/<int:interest_id>/meeting/another")
def ask_for_another(interest_id: int) -> Any:
    interest = me_views.own_interest(interest_id)
    form = AnotherTimeForm()
    if not form.validate() or form.seen_status.data is None:
        return _answer_page(interest, another_form=form, status=422)
    try:
        meetings.ask_for_another(
            interest,
            seen_round=form.seen_round.data or 0,
            seen_status=form.seen_status.data,
            note=form.note.data,
            now=utcnow(),
        )
    except meetings.Changed as changed:
        return _changed(interest, changed)
    except meetings.NotPossible:
        return _answer_page(interest, status=404)
    db.commit()
    flash(_("Asked. The employer is told and can propose new times."), "success")
    return _to_my_interest(interest)


@young_bp.app_template_global("upcoming_meetings")
def upcoming_meetings() -> list[Meeting]:
    """For the young person's front page: their agreed times still ahead (one query)."""
    if not current_user.is_authenticated or current_user.profile is None:
        return []
    return meetings.upcoming(db, current_user, now=utcnow())


@young_bp.get("/interests/<int:interest_id>/meeting.ics")
def my_calendar(interest_id: int) -> Response:
    interest = me_views.own_interest(interest_id)
    link = url_for("me.interests_page", _anchor=f"interest-{interest.id}", _external=True)
    return _calendar(interest, meetings.shown_to_young_person(interest), link)
