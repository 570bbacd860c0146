"""The moderators' report queue: by what was reported, most urgent first, in the page's language."""

from datetime import timedelta

import pytest

from jobbes.models import ReportReason, Role
from jobbes.models.base import utcnow
from jobbes.services import reports
from tests import factories


@pytest.fixture
def as_moderator(client, db_session):
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    client.login(moderator.email)
    return client


def report(db_session, reporter, listing, reason, *, days_ago=0, text="Noe er galt"):
    return reports.create_report(
        db_session,
        reporter=reporter,
        subject_type="listing",
        subject_id=listing.id,
        reason=reason,
        text=text,
        now=utcnow() - timedelta(days=days_ago),
    )


def test_the_queue_names_each_item_once_most_urgent_first(as_moderator, db_session):
    employer = factories.employer(db_session)
    old = factories.published_listing(db_session, employer, title="Gammel og uskyldig")
    often = factories.published_listing(db_session, employer, title="Mange klager")
    scam = factories.published_listing(db_session, employer, title="Betal for jobben")
    young = [factories.young_person(db_session) for _ in range(3)]
    report(db_session, young[0], old, ReportReason.OTHER, days_ago=5)
    report(db_session, young[0], often, ReportReason.INAPPROPRIATE, days_ago=1)
    report(db_session, young[1], often, ReportReason.OTHER, days_ago=1)
    report(db_session, young[2], often, ReportReason.INAPPROPRIATE)
    report(db_session, young[1], scam, ReportReason.SCAM)
    db_session.commit()
    page = as_moderator.get("/moderation/reports").get_data(as_text=True)
    assert "Annonse " + str(old.id) not in page
    positions = [page.index(title) for title in ("Betal for jobben", "Mange klager", "Gammel")]
    assert positions == sorted(positions)
    assert page.count("Mange klager") == 1
    assert "3 rapporter" in page


def test_a_report_page_speaks_one_language_and_names_the_item(as_moderator, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    found = report(db_session, factories.young_person(db_session), listing, ReportReason.SCAM)
    db_session.commit()
    page = as_moderator.get(f"/moderation/reports/{found.id}").get_data(as_text=True)
    assert "Kokk på Lund (annonse)" in page
    assert "<dd>Åpen</dd>" in page
    assert ">open<" not in page
