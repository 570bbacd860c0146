"""Is the person whose step lost to someone else's told so, with the state as it is now?

A 409, as the swapped part for htmx and as a full page without JavaScript, with the message that
says who was quicker. The pages here were opened before the other person acted, as when two people
work at once or one page stayed open for an hour.
"""

from collections.abc import Callable

import pytest
from flask import Flask
from markupsafe import escape
from sqlalchemy import func, select

from jobbes import labels
from jobbes.models import (
    AuditEvent,
    DeclineMessage,
    Interest,
    InterestStatus,
    OrganisationStatus,
    ReportReason,
    ReportStatus,
    ReviewStatus,
    Role,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, listings, organisations, reports, users
from jobbes.services.moderation import Decision
from tests import factories

HTMX_REVIEW = {"HX-Request": "true", "HX-Target": "div#review"}
HTMX_PIPELINE = {"HX-Request": "true", "HX-Target": "div#pipeline"}


def said(app: Flask, message: Callable[[], object]) -> str:
    """A message as the page writes it, in the site's language and escaped."""
    with app.test_request_context():
        return str(escape(str(message())))


@pytest.fixture
def moderators(app, db_session):
    first = factories.staff(db_session, role=Role.MODERATOR)
    second = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    client = app.test_client()
    client.login(second.email)
    return first, client


@pytest.fixture
def version(db_session, moderators):
    employer = factories.employer(db_session)
    listing = factories.listing(db_session, employer)
    listings.submit_listing(listing, today=local_today(), now=utcnow())
    db_session.commit()
    return listing.current_version


def another_moderator_approves(db_session, moderator, version):
    listings.decide_listing(
        db_session, version, moderator=moderator, decision=Decision.APPROVE, now=utcnow()
    )
    db_session.commit()


@pytest.mark.parametrize("headers", [HTMX_REVIEW, {}], ids=["htmx", "without JavaScript"])
def test_a_moderator_who_decides_second_is_told_who_was_quicker(
    app, db_session, moderators, version, headers
):
    first, client = moderators
    url = f"/moderation/listings/{version.id}"
    assert client.get(url).status_code == 200
    another_moderator_approves(db_session, first, version)

    response = client.post(
        f"{url}/decision",
        data={"decision": "reject", "reason": "duplicate"},
        headers=headers,
    )

    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert said(app, lambda: labels.decided_meanwhile("approved")) in body
    assert 'data-color="warning"' in body
    # It shows the item as it is now: decided, with nothing left to decide.
    assert 'name="decision"' not in body
    if headers:
        assert body.lstrip().startswith('<div id="review">')
        assert response.headers["HX-Replace-Url"] == url
        assert response.headers["HX-Push-Url"] == "false"
    else:
        assert "<html" in body
    db_session.expire_all()
    assert db_session.get(type(version), version.id).review_status is ReviewStatus.APPROVED
    assert db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == version.listing_id)
    ).all() == ["listing:approve"]


def test_an_organisation_decision_from_a_page_that_is_out_of_date_loses(
    app, db_session, moderators
):
    first, client = moderators
    organisation = factories.employer(db_session).organisation
    db_session.commit()
    page = client.get(f"/moderation/organisations/{organisation.id}").get_data(as_text=True)
    assert 'name="expected" value="pending"' in page
    organisations.verify(db_session, organisation, moderator=first, now=utcnow())
    db_session.commit()

    response = client.post(
        f"/moderation/organisations/{organisation.id}/decision",
        data={"step": "suspend", "reason": "Falsk", "expected": "pending"},
        headers=HTMX_REVIEW,
    )

    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert said(app, lambda: labels.organisation_changed_meanwhile("verified")) in body
    # The forms now carry the state shown, so the next try is judged against it.
    assert 'name="expected" value="verified"' in body
    db_session.expire_all()
    assert organisation.status is OrganisationStatus.VERIFIED


@pytest.fixture
def seen_interest(db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.young_person(db_session)
    interest = factories.interest(db_session, young, listing)
    interests.mark_seen(interest, now=utcnow())
    db_session.commit()
    return employer, young, interest


def test_a_colleague_who_moves_an_interest_second_sees_where_it_is_now(
    app, db_session, seen_interest
):
    employer, _young, interest = seen_interest
    boss = app.test_client()
    boss.login(employer.email)
    pipeline = f"/employer/listings/{interest.listing_id}/interests"
    assert 'name="expected" value="seen"' in boss.get(pipeline).get_data(as_text=True)
    # A colleague declines first.
    interests.employer_step(
        interest, "decline", decline_message=DeclineMessage.FILLED, now=utcnow()
    )
    db_session.commit()

    response = boss.post(
        f"{pipeline}/{interest.id}",
        data={"step": "agree_trial", "trial_start": local_today().isoformat(), "expected": "seen"},
        headers=HTMX_PIPELINE,
    )

    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="pipeline">')
    assert said(app, lambda: labels.interest_moved_meanwhile("declined")) in body
    db_session.expire_all()
    moved = db_session.get(Interest, interest.id)
    assert moved.status is InterestStatus.DECLINED
    assert moved.trial_start is None


def test_a_young_person_withdrawing_from_an_old_page_is_told_what_happened(
    app, client, db_session, seen_interest
):
    _employer, young, interest = seen_interest
    client.login(young.email)
    interests.employer_step(interest, "offer", now=utcnow())
    db_session.commit()

    response = client.post(f"/me/interests/{interest.id}/withdraw", data={"expected": "seen"})

    assert response.status_code == 409
    assert said(app, lambda: labels.my_interest_changed_meanwhile("offered")) in (
        response.get_data(as_text=True)
    )
    db_session.expire_all()
    assert db_session.get(Interest, interest.id).status is InterestStatus.OFFERED


def test_an_expected_state_that_is_no_state_is_refused(client, db_session, seen_interest):
    _employer, young, interest = seen_interest
    client.login(young.email)
    response = client.post(f"/me/interests/{interest.id}/withdraw", data={"expected": "nope"})
    assert response.status_code == 400


def test_a_second_im_interested_that_crossed_the_first_is_answered_kindly(
    app, client, db_session, monkeypatch
):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.young_person(db_session)
    db_session.commit()
    client.login(young.email)
    assert client.post(f"/listings/{listing.id}/interest", data={}).status_code == 303
    # As if the second post had looked before the first was saved.
    monkeypatch.setattr(interests, "existing", lambda *_args: None)

    again = client.post(f"/listings/{listing.id}/interest", data={}, follow_redirects=True)

    assert again.status_code == 200
    already = said(
        app, lambda: labels.not_possible_text(interests.WhyNot.ALREADY_INTERESTED, listing)
    )
    assert already in again.get_data(as_text=True)
    count = db_session.scalar(select(func.count()).where(Interest.listing_id == listing.id))
    assert count == 1


def test_closing_a_report_another_moderator_closed_meanwhile_says_so(app, db_session, moderators):
    first, client = moderators
    listing = factories.published_listing(db_session, factories.employer(db_session))
    report = reports.create_report(
        db_session,
        reporter=factories.young_person(db_session),
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.SCAM,
        text=None,
        now=utcnow(),
    )
    db_session.commit()
    assert client.get(f"/moderation/reports/{report.id}").status_code == 200
    reports.close_report(db_session, report, "dismiss", moderator=first, note=None, now=utcnow())
    db_session.commit()

    response = client.post(
        f"/moderation/reports/{report.id}/close", data={"step": "resolve", "note": "Tatt ned"}
    )

    assert response.status_code == 409
    assert said(app, lambda: labels.REPORT_CLOSED_MEANWHILE) in response.get_data(as_text=True)
    db_session.expire_all()
    assert report.status is ReportStatus.DISMISSED


def test_reinstating_from_a_page_from_before_someone_else_reinstated_says_so(
    app, db_session, moderators
):
    first, client = moderators
    person = factories.young_person(db_session)
    users.suspend(db_session, person, moderator=first, reason="Spam", now=utcnow())
    db_session.commit()
    assert "reinstate" in client.get(f"/moderation/people/{person.id}").get_data(as_text=True)
    users.reinstate(db_session, person, moderator=first, now=utcnow())
    db_session.commit()

    response = client.post(f"/moderation/people/{person.id}/suspension", data={"step": "reinstate"})

    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert said(app, lambda: labels.ACCOUNT_CHANGED_MEANWHILE) in body
    assert 'name="step" value="suspend"' in body  # the page as it is now
    assert db_session.scalar(select(func.count()).where(AuditEvent.action == "user:reinstate")) == 1
