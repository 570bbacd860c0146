"""The moderators' pages, used as a moderator uses them."""

import re

import pytest
from sqlalchemy import select

from jobbes.models import (
    AuditEvent,
    Listing,
    ListingStatus,
    Organisation,
    OrganisationStatus,
    Profile,
    Report,
    ReportReason,
    ReportStatus,
    Role,
    User,
)
from jobbes.models.base import utcnow
from jobbes.services import listings, profiles, visibility
from tests import factories
from tests.text import t
from tests.views.test_me import fill_profile


@pytest.fixture
def moderator(db_session):
    user = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    return user


@pytest.fixture
def as_moderator(client, moderator):
    client.login(moderator.email)
    return client


def submitted_listing(db_session, employer, **overrides):
    listing = factories.listing(db_session, employer, **overrides)
    listings.submit_listing(listing, today=listing.current_version.deadline, now=utcnow())
    db_session.commit()
    return listing


def test_the_overview_shows_each_queue_with_its_count(as_moderator, db_session):
    factories.employer(db_session)
    db_session.commit()
    page = as_moderator.get("/moderation").get_data(as_text=True)
    for title in (
        "Virksomheter til godkjenning",
        "Annonser til gjennomgang",
        "Profiler til gjennomgang",
        "Rapporter",
    ):
        assert title in page
    assert "1 venter" in page


def test_a_moderator_verifies_an_organisation_and_it_is_audited(
    as_moderator, db_session, moderator
):
    employer = factories.employer(db_session, organisation_name="Tveit Gård")
    db_session.commit()
    organisation_id = employer.organisation_id
    queue = as_moderator.get("/moderation/organisations").get_data(as_text=True)
    assert "Tveit Gård" in queue
    assert t("check digit valid") in queue
    page = as_moderator.get(f"/moderation/organisations/{organisation_id}").get_data(as_text=True)
    assert employer.email in page
    response = as_moderator.post(
        f"/moderation/organisations/{organisation_id}/decision", data={"step": "verify"}
    )
    assert response.status_code == 303
    db_session.expire_all()
    assert db_session.get(Organisation, organisation_id).status is OrganisationStatus.VERIFIED
    event = db_session.scalars(select(AuditEvent)).one()
    assert (event.action, event.actor_id) == ("organisation:verify", moderator.id)


def test_with_htmx_verifying_an_organisation_swaps_in_the_next_one(as_moderator, db_session):
    first = factories.employer(db_session, organisation_name="Første AS")
    factories.employer(db_session, organisation_name="Andre AS")
    db_session.commit()
    page = as_moderator.get(f"/moderation/organisations/{first.organisation_id}")
    assert 'hx-target="#review"' in page.get_data(as_text=True)
    response = as_moderator.post(
        f"/moderation/organisations/{first.organisation_id}/decision",
        data={"step": "verify"},
        headers={"HX-Request": "true", "HX-Target": "div#review"},
        follow_redirects=True,
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="review">')
    assert "Andre AS" in body
    assert body.count("Første AS er godkjent.") == 1
    # The last one leads back to the (now empty) queue, in place as well.
    last = as_moderator.post(
        response.request.path + "/decision",
        data={"step": "verify"},
        headers={"HX-Request": "true", "HX-Target": "div#review"},
        follow_redirects=True,
    )
    assert last.request.path == "/moderation/organisations"
    assert last.get_data(as_text=True).lstrip().startswith('<div id="review">')


def test_rejecting_an_organisation_without_a_reason_says_what_is_missing(as_moderator, db_session):
    employer = factories.employer(db_session)
    db_session.commit()
    response = as_moderator.post(
        f"/moderation/organisations/{employer.organisation_id}/decision",
        data={"step": "reject", "reason": ""},
    )
    assert response.status_code == 422
    assert t("Write the reason; the organisation's employers see it.") in response.get_data(
        as_text=True
    )


def test_listing_review_shows_it_as_young_people_see_it_and_approve_moves_on(
    as_moderator, db_session
):
    employer = factories.employer(db_session)
    first = submitted_listing(db_session, employer, title="Første")
    second = submitted_listing(db_session, employer, title="Andre")
    page = as_moderator.get(f"/moderation/listings/{first.current_version.id}").get_data(
        as_text=True
    )
    assert t("As young people will see it") in page
    assert "2 venter" in page
    response = as_moderator.post(
        f"/moderation/listings/{first.current_version.id}/decision", data={"decision": "approve"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/moderation/listings/{second.current_version.id}"
    db_session.expire_all()
    assert db_session.get(Listing, first.id).status is ListingStatus.PUBLISHED


def test_without_javascript_the_next_item_shows_the_message_once(as_moderator, db_session):
    employer = factories.employer(db_session)
    first = submitted_listing(db_session, employer, title="Første")
    submitted_listing(db_session, employer, title="Andre")
    response = as_moderator.post(
        f"/moderation/listings/{first.current_version.id}/decision",
        data={"decision": "approve"},
        follow_redirects=True,
    )
    assert response.get_data(as_text=True).count("Godkjent: Første") == 1


def test_with_htmx_the_next_item_is_swapped_in_place(as_moderator, db_session):
    employer = factories.employer(db_session)
    first = submitted_listing(db_session, employer, title="Første")
    second = submitted_listing(db_session, employer, title="Andre")
    # fetch follows the redirect with htmx's headers; the next page answers with its block.
    response = as_moderator.post(
        f"/moderation/listings/{first.current_version.id}/decision",
        data={"decision": "approve"},
        headers={"HX-Request": "true", "HX-Target": "div#review"},
        follow_redirects=True,
    )
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="review">')
    assert "Gjennomgang: Andre" in body
    # The flash, inside the swapped block, says what was decided about what, and takes the
    # focus; the browser's title names the item now shown.
    assert re.search(
        r'role="status"[^>]*autofocus[^>]*>\s*<div class="ds-alert"[^>]*>\s*'
        r"<p>Godkjent: Første</p>",
        body,
    )
    assert body.rstrip().endswith("<title>Gjennomgang: Andre – Jobbes</title>")
    assert response.request.path == f"/moderation/listings/{second.current_version.id}"


def test_the_last_decision_leads_back_to_an_empty_queue(as_moderator, db_session):
    employer = factories.employer(db_session)
    only = submitted_listing(db_session, employer)
    response = as_moderator.post(
        f"/moderation/listings/{only.current_version.id}/decision",
        data={"decision": "approve"},
        follow_redirects=True,
    )
    assert t("No listings are waiting. Well done!") in response.get_data(as_text=True)


def test_asking_for_changes_needs_a_comment_and_the_author_sees_it(app, as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = submitted_listing(db_session, employer)
    version_id = listing.current_version.id
    empty = as_moderator.post(
        f"/moderation/listings/{version_id}/decision",
        data={"decision": "request_changes", "changes_comment": ""},
    )
    assert empty.status_code == 422
    assert t("Write what the author should change.") in empty.get_data(as_text=True)
    as_moderator.post(
        f"/moderation/listings/{version_id}/decision",
        data={"decision": "request_changes", "changes_comment": "Skriv hvor mange timer."},
    )
    author = app.test_client()
    author.login(employer.email)
    page = author.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert "Skriv hvor mange timer." in page


def test_a_resubmission_shows_exactly_what_changed(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = submitted_listing(db_session, employer, title="Gammel")
    moderator = factories.staff(db_session)
    listings.decide_listing(
        db_session,
        listing.current_version,
        moderator=moderator,
        decision=listings.Decision.REQUEST_CHANGES,
        comment="Bedre tittel",
        now=utcnow(),
    )
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Ny"}, now=utcnow()
    )
    listings.submit_listing(listing, today=listing.current_version.deadline, now=utcnow())
    db_session.commit()
    page = as_moderator.get(f"/moderation/listings/{listing.current_version.id}").get_data(
        as_text=True
    )
    assert "Dette er endret siden versjon 1" in page
    assert "<del>Gammel</del>" in page
    assert "<ins>Ny</ins>" in page
    assert "Bedre tittel" in page


def test_rejecting_needs_a_reason(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = submitted_listing(db_session, employer)
    response = as_moderator.post(
        f"/moderation/listings/{listing.current_version.id}/decision",
        data={"decision": "reject", "reason": ""},
    )
    assert response.status_code == 422
    assert t("Choose a reason") in response.get_data(as_text=True)


def test_profile_review_shows_the_words_and_approval_makes_it_findable(
    app, as_moderator, db_session
):
    young = factories.young_person(db_session, name="Sara")
    db_session.commit()
    owner = app.test_client()
    owner.login(young.email)
    fill_profile(owner)
    owner.post("/me/profile/visibility", data={"discoverable": "on"})
    db_session.expire_all()
    submission = db_session.get(Profile, young.id).pending_submission
    page = as_moderator.get(f"/moderation/profiles/{submission.id}").get_data(as_text=True)
    assert t("As employers would see it") in page
    assert "Jeg liker å lage mat og å hjelpe folk." in page
    assert young.profile.birth_date.isoformat() not in page
    as_moderator.post(
        f"/moderation/profiles/{submission.id}/decision", data={"decision": "approve"}
    )
    db_session.expire_all()
    assert visibility.is_discoverable(db_session.get(Profile, young.id))
    assert t("Employers can find your profile.") in owner.get("/me/profile").get_data(as_text=True)


def test_profile_review_shows_a_changed_contact_person(as_moderator, db_session):
    """Does a moderator see the contact person employers would get, next to the approved one?"""
    young = factories.findable_young_person(db_session, name="Nora")
    profiles.save_about(
        young.profile,
        name="Nora",
        about="Jeg vil gjerne jobbe.",
        contact_name="Rita Rådgiver",
        contact_email="rita@skole.no",
        share_contact=True,
        now=utcnow(),
    )
    db_session.commit()
    submission = young.profile.pending_submission
    page = as_moderator.get(f"/moderation/profiles/{submission.id}").get_data(as_text=True)
    assert "<ins>Rita Rådgiver</ins>" in page
    assert "<ins>rita@skole.no</ins>" in page
    assert "<ins>Jeg vil gjerne jobbe.</ins>" not in page  # unchanged words are not listed


def test_feature_and_take_down_a_live_listing(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    db_session.commit()
    assert t("Feature") in as_moderator.get("/moderation/listings/live").get_data(as_text=True)
    as_moderator.post(f"/moderation/listings/live/{listing.id}/feature", data={"featured": "on"})
    db_session.expire_all()
    assert db_session.get(Listing, listing.id).featured
    missing = as_moderator.post(
        f"/moderation/listings/live/{listing.id}/unpublish", data={"reason": ""}
    )
    assert missing.status_code == 303
    db_session.expire_all()
    assert db_session.get(Listing, listing.id).status is ListingStatus.PUBLISHED
    as_moderator.post(
        f"/moderation/listings/live/{listing.id}/unpublish", data={"reason": "Ber om penger"}
    )
    db_session.expire_all()
    taken_down = db_session.get(Listing, listing.id)
    assert taken_down.status is ListingStatus.UNPUBLISHED
    assert not taken_down.featured
    gone = as_moderator.get(f"/listings/{listing.id}")
    assert gone.status_code == 410
    assert listing.published_version.title not in gone.get_data(as_text=True)


def test_a_suspended_organisations_listings_disappear(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    db_session.commit()
    assert as_moderator.get(f"/listings/{listing.id}").status_code == 200
    as_moderator.post(
        f"/moderation/organisations/{employer.organisation_id}/decision",
        data={"step": "suspend", "reason": "Falsk virksomhet"},
    )
    assert as_moderator.get(f"/listings/{listing.id}").status_code == 410


def test_a_suspended_person_cannot_log_in_and_is_told_why(app, as_moderator, db_session):
    young = factories.young_person(db_session)
    db_session.commit()
    theirs = app.test_client()
    theirs.login(young.email)
    as_moderator.post(
        f"/moderation/people/{young.id}/suspension",
        data={"step": "suspend", "reason": "Trusler mot arbeidsgiver."},
    )
    assert theirs.get("/me").status_code == 302  # the open session ended
    response = app.test_client().post(
        "/auth/login", data={"email": young.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 422
    told = t(
        "Your account is suspended: %(reason)s Contact the staff at Varodd if you have questions.",
        reason="Trusler mot arbeidsgiver.",
    )
    assert told in response.get_data(as_text=True)
    wrong = app.test_client().post("/auth/login", data={"email": young.email, "password": "nope"})
    assert "suspendert" not in wrong.get_data(as_text=True)


def test_anyone_logged_in_can_report_a_listing_and_it_is_queued(app, as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.young_person(db_session)
    db_session.commit()
    reporter = app.test_client()
    reporter.login(young.email)
    assert t("Report this listing to the staff") in reporter.get(
        f"/listings/{listing.id}"
    ).get_data(as_text=True)
    form = reporter.get(f"/report/listing/{listing.id}")
    assert form.status_code == 200
    missing = reporter.post(f"/report/listing/{listing.id}", data={"reason": "other", "text": ""})
    assert missing.status_code == 422
    response = reporter.post(
        f"/report/listing/{listing.id}", data={"reason": "scam", "text": "Ba om kontonummer"}
    )
    assert response.status_code == 303
    report = db_session.scalars(select(Report)).one()
    queue = as_moderator.get("/moderation/reports").get_data(as_text=True)
    assert "Ba om kontonummer" in queue
    as_moderator.post(f"/moderation/reports/{report.id}/close", data={"step": "dismiss"})
    db_session.expire_all()
    assert db_session.get(Report, report.id).status is ReportStatus.DISMISSED


def test_an_unpublished_or_unknown_listing_cannot_be_reported(client, db_session):
    young = factories.young_person(db_session)
    draft = factories.listing(db_session, factories.employer(db_session))
    db_session.commit()
    client.login(young.email)
    assert client.get(f"/report/listing/{draft.id}").status_code == 404
    assert client.get("/report/listing/99999").status_code == 404


def test_only_an_admin_appoints_moderators(app, db_session, as_moderator):
    employer = factories.employer(db_session)
    admin = factories.staff(db_session, role=Role.ADMIN)
    db_session.commit()
    refused = as_moderator.post(f"/moderation/people/{employer.id}/moderator", data={"grant": "on"})
    assert refused.status_code == 403
    as_admin = app.test_client()
    as_admin.login(admin.email)
    page = as_admin.get(f"/moderation/people/{employer.id}").get_data(as_text=True)
    assert t("Make moderator") in page
    as_admin.post(f"/moderation/people/{employer.id}/moderator", data={"grant": "on"})
    db_session.expire_all()
    assert db_session.get(User, employer.id).role is Role.MODERATOR


def test_the_audit_log_lists_and_filters_every_staff_action(as_moderator, db_session, moderator):
    employer = factories.employer(db_session, organisation_name="Logg AS")
    factories.published_listing(db_session, employer, moderator)
    db_session.commit()
    page = as_moderator.get("/moderation/audit").get_data(as_text=True)
    assert t("Verified an organisation") in page
    assert t("Approved a listing") in page
    filtered = as_moderator.get("/moderation/audit?action=listing:approve").get_data(as_text=True)
    assert t("Approved a listing") in filtered
    assert "<code>organisation:verify</code>" not in filtered
    by_item = as_moderator.get(
        f"/moderation/audit?subject_type=organisation&subject_id={employer.organisation_id}"
    ).get_data(as_text=True)
    assert "<code>organisation:verify</code>" in by_item
    assert "<code>listing:approve</code>" not in by_item


def test_people_search_finds_accounts_and_organisations(as_moderator, db_session):
    employer = factories.employer(db_session, organisation_name="Søgne Sag", email="sag@example.no")
    db_session.commit()
    page = as_moderator.get("/moderation/people?q=sag").get_data(as_text=True)
    assert "sag@example.no" in page
    assert "Søgne Sag" in page
    by_number = as_moderator.get(
        f"/moderation/people?q={employer.organisation.org_number}"
    ).get_data(as_text=True)
    assert "Søgne Sag" in by_number


def test_taking_a_listing_down_from_its_report_resolves_the_report(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    other = factories.published_listing(db_session, employer)
    young = factories.young_person(db_session)
    report, elsewhere = (
        factories.report(db_session, young, subject, text="Ba om kontonummer")
        for subject in (listing, other)
    )
    db_session.commit()
    page = as_moderator.get(f"/moderation/reports/{report.id}").get_data(as_text=True)
    assert f'name="report" value="{report.id}"' in page

    # A report about another listing is left alone: the step stands on its own.
    as_moderator.post(
        f"/moderation/listings/live/{listing.id}/unpublish",
        data={"reason": "Svindel", "report": str(elsewhere.id)},
    )
    db_session.expire_all()
    assert db_session.get(Report, elsewhere.id).status is ReportStatus.OPEN
    assert db_session.get(Listing, listing.id).status is ListingStatus.UNPUBLISHED

    response = as_moderator.post(
        f"/moderation/listings/live/{other.id}/unpublish",
        data={"reason": "Ber unge om penger", "report": str(elsewhere.id)},
        follow_redirects=True,
    )
    assert t("The listing is taken down and the report is closed.") in response.get_data(
        as_text=True
    )
    db_session.expire_all()
    closed = db_session.get(Report, elsewhere.id)
    assert closed.status is ReportStatus.RESOLVED
    assert closed.resolution_note == "Ber unge om penger"
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert "listing:unpublish" in actions
    assert "report:resolve" in actions


def test_hiding_a_profile_from_its_report_resolves_the_report(as_moderator, db_session):
    young = factories.findable_young_person(db_session, name="Rapportert")
    employer = factories.employer(db_session)
    report = factories.report(
        db_session, employer, young, reason=ReportReason.INAPPROPRIATE, text="Stygge ord"
    )
    db_session.commit()
    missing = as_moderator.post(
        f"/moderation/profiles/hide/{young.id}",
        data={"reason": "", "report": str(report.id)},
    )
    assert missing.headers["Location"].endswith(f"/moderation/reports/{report.id}")
    as_moderator.post(
        f"/moderation/profiles/hide/{young.id}",
        data={"reason": "Upassende tekst", "report": str(report.id)},
    )
    db_session.expire_all()
    assert db_session.get(Report, report.id).status is ReportStatus.RESOLVED
    assert not db_session.get(Profile, young.id).discoverable
