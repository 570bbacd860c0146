"""What staff do to organisations, accounts and reports: every step, and the illegal ones."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from jobbes import workdays
from jobbes.models import AuditEvent, OrganisationStatus, ReportReason, ReportStatus, Role
from jobbes.models.base import utcnow
from jobbes.services import moderation, organisations, queues, reports, users
from jobbes.services.moderation import InvalidTransition
from tests import factories


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session, role=Role.MODERATOR)


@pytest.fixture
def admin(db_session):
    return factories.staff(db_session, role=Role.ADMIN)


def actions(db_session):
    return db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


@pytest.mark.parametrize(
    ("steps", "final"),
    [
        (["verify"], OrganisationStatus.VERIFIED),
        (["reject"], OrganisationStatus.REJECTED),
        (["suspend"], OrganisationStatus.SUSPENDED),
        (["verify", "suspend"], OrganisationStatus.SUSPENDED),
        (["verify", "suspend", "reinstate"], OrganisationStatus.VERIFIED),
    ],
)
def test_organisation_verification_steps(db_session, moderator, steps, final):
    organisation = factories.employer(db_session).organisation
    for step in steps:
        kwargs = {"reason": "Grunn"} if step in ("reject", "suspend") else {}
        getattr(organisations, step)(
            db_session, organisation, moderator=moderator, now=utcnow(), **kwargs
        )
    assert organisation.status is final
    assert actions(db_session) == [f"organisation:{step}" for step in steps]


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("verify", "verify"),
        ("verify", "reject"),
        ("reject", "verify"),
        ("reject", "suspend"),
        ("verify", "reinstate"),
    ],
)
def test_organisation_steps_that_make_no_sense_are_refused(db_session, moderator, first, then):
    organisation = factories.employer(db_session).organisation
    reason = {"reason": "Grunn"}
    getattr(organisations, first)(
        db_session,
        organisation,
        moderator=moderator,
        now=utcnow(),
        **(reason if first in ("reject", "suspend") else {}),
    )
    with pytest.raises(InvalidTransition):
        getattr(organisations, then)(
            db_session,
            organisation,
            moderator=moderator,
            now=utcnow(),
            **(reason if then in ("reject", "suspend") else {}),
        )


def test_rejecting_or_suspending_an_organisation_needs_a_reason(db_session, moderator):
    organisation = factories.employer(db_session).organisation
    with pytest.raises(moderation.DecisionIncomplete):
        organisations.reject(
            db_session, organisation, moderator=moderator, reason=" ", now=utcnow()
        )
    assert organisation.status is OrganisationStatus.PENDING


def test_a_suspended_person_is_logged_out_everywhere_and_can_be_reinstated(db_session, moderator):
    young = factories.young_person(db_session)
    token = young.session_token
    users.suspend(db_session, young, moderator=moderator, reason="Trusler", now=utcnow())
    assert not young.is_active
    assert young.session_token != token
    with pytest.raises(InvalidTransition):
        users.suspend(db_session, young, moderator=moderator, reason="Igjen", now=utcnow())
    users.reinstate(db_session, young, moderator=moderator, now=utcnow())
    assert young.is_active
    with pytest.raises(InvalidTransition):
        users.reinstate(db_session, young, moderator=moderator, now=utcnow())
    assert actions(db_session) == ["user:suspend", "user:reinstate"]


def test_staff_cannot_suspend_themselves_or_an_admin(db_session, moderator, admin):
    with pytest.raises(users.NotAllowed):
        users.suspend(db_session, moderator, moderator=moderator, reason="x", now=utcnow())
    with pytest.raises(users.NotAllowed):
        users.suspend(db_session, admin, moderator=moderator, reason="x", now=utcnow())


def test_an_admin_appoints_a_moderator_and_takes_the_role_back(db_session, admin):
    employer = factories.employer(db_session)
    users.grant_moderator(db_session, employer, admin=admin, now=utcnow())
    assert employer.role is Role.MODERATOR
    assert employer.former_role is Role.EMPLOYER
    with pytest.raises(InvalidTransition):
        users.grant_moderator(db_session, employer, admin=admin, now=utcnow())
    users.revoke_moderator(db_session, employer, admin=admin, now=utcnow())
    assert employer.role is Role.EMPLOYER
    assert employer.is_active
    assert actions(db_session) == ["user:grant_moderator", "user:revoke_moderator"]


def test_removing_a_staff_only_moderator_deletes_the_account(db_session, admin, moderator):
    assert users.revoke_moderator(db_session, moderator, admin=admin, now=utcnow()) is True
    assert moderator not in db_session


def test_reports_are_queued_and_closed_once(db_session, moderator):
    young = factories.young_person(db_session)
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    report = factories.report(db_session, young, listing, text="De ba meg betale for opplæring")
    assert db_session.scalars(reports.open_reports()).all() == [report]
    reports.close_report(
        db_session, report, "resolve", moderator=moderator, note="Tatt ned", now=utcnow()
    )
    assert report.status is ReportStatus.RESOLVED
    assert db_session.scalars(reports.open_reports()).all() == []
    with pytest.raises(InvalidTransition):
        reports.close_report(
            db_session, report, "dismiss", moderator=moderator, note=None, now=utcnow()
        )
    assert actions(db_session)[-1] == "report:resolve"


def test_a_report_of_other_needs_words_and_only_listings_and_profiles_can_be_reported(
    db_session,
):
    young = factories.young_person(db_session)
    with pytest.raises(moderation.DecisionIncomplete):
        reports.create_report(
            db_session,
            reporter=young,
            subject_type="listing",
            subject_id=1,
            reason=ReportReason.OTHER,
            text="",
            now=utcnow(),
        )
    with pytest.raises(ValueError, match="cannot report"):
        reports.create_report(
            db_session,
            reporter=young,
            subject_type="user",
            subject_id=1,
            reason=ReportReason.SCAM,
            text=None,
            now=utcnow(),
        )


def test_working_time_leaves_out_the_weekend():
    friday_noon = datetime(2026, 11, 20, 11, 0, tzinfo=UTC)  # 12:00 in Oslo
    monday_noon = friday_noon + timedelta(days=3)
    assert workdays.working_time_between(friday_noon, monday_noon) == timedelta(days=1)
    assert not workdays.is_overdue(friday_noon, monday_noon)
    assert workdays.is_overdue(friday_noon, monday_noon + timedelta(hours=1))
    tuesday = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    assert workdays.is_overdue(tuesday, tuesday + timedelta(hours=25))


def test_the_overview_counts_each_queue_and_its_oldest(db_session, moderator):
    long_ago = utcnow() - timedelta(days=10)
    employer = factories.employer(db_session)
    employer.organisation.created_at = long_ago
    factories.employer(db_session)
    db_session.flush()
    summary = {q.name: q for q in queues.summaries(db_session, now=utcnow())}
    assert summary["organisations"].waiting == 2
    assert summary["organisations"].oldest == long_ago
    assert summary["organisations"].overdue
    assert summary["listings"].waiting == 0
    assert not summary["listings"].overdue


def test_a_queue_counts_what_waits_and_offers_the_longest_waiting_next(db_session, moderator):
    newer = factories.employer(db_session).organisation
    older = factories.employer(db_session).organisation
    older.created_at = newer.created_at - timedelta(days=2)
    db_session.flush()
    assert queues.waiting_count(db_session, "organisations") == 2
    assert queues.waiting_count(db_session, "listings") == 0
    assert queues.first_waiting(db_session, queues.organisations_waiting()) == older
    organisations.verify(db_session, older, moderator=moderator, now=utcnow())
    db_session.flush()
    assert queues.waiting_count(db_session, "organisations") == 1
    assert queues.first_waiting(db_session, queues.organisations_waiting()) == newer
    assert queues.first_waiting(db_session, queues.listings_waiting()) is None


def test_people_search_finds_organisations_by_number_as_typed_or_by_name(db_session):
    organisation = factories.employer(db_session).organisation
    organisation.name = "Sagbruket på Hvaler AS"
    factories.employer(db_session).organisation.name = "Fiskebrygga AS"
    db_session.flush()
    number = organisation.org_number
    spaced = f"{number[:3]} {number[3:6]} {number[6:]}"
    for typed in (number, spaced, "sagbruk", " Hvaler "):
        assert db_session.scalars(users.find_organisations(typed)).all() == [organisation], typed


def test_reinstating_a_suspended_verified_organisation_makes_it_verified_again(
    db_session, moderator
):
    organisation = factories.employer(db_session).organisation
    organisations.verify(db_session, organisation, moderator=moderator, now=utcnow())
    verified_at = organisation.verified_at
    organisations.suspend(
        db_session, organisation, moderator=moderator, reason="Grunn", now=utcnow()
    )
    organisations.reinstate(db_session, organisation, moderator=moderator, now=utcnow())
    assert organisation.status is OrganisationStatus.VERIFIED
    assert organisation.verified_at == verified_at


def test_reinstating_an_organisation_suspended_before_verification_puts_it_back_in_the_queue(
    db_session, moderator
):
    organisation = factories.employer(db_session).organisation
    organisations.suspend(
        db_session, organisation, moderator=moderator, reason="Grunn", now=utcnow()
    )
    organisations.reinstate(db_session, organisation, moderator=moderator, now=utcnow())
    db_session.flush()
    assert organisation.status is OrganisationStatus.PENDING
    assert organisation.verified_at is None
    assert organisation in db_session.scalars(queues.organisations_waiting()).all()
    assert actions(db_session) == ["organisation:suspend", "organisation:reinstate"]
    # It is verified the ordinary way from there.
    organisations.verify(db_session, organisation, moderator=moderator, now=utcnow())
    assert organisation.verified_at is not None
