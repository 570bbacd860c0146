"""What a moderator decided, as the author reads it: the reason and the words, where they look."""

import pytest

from jobbes.models import Profile, RejectionReason
from jobbes.models.base import utcnow
from jobbes.services import listings
from jobbes.services.moderation import Decision
from tests import factories
from tests.text import t
from tests.views.test_employer import job_trial_form
from tests.views.test_me import fill_profile

COMMENT = "Skriv hvor mange timer dagen er."


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Kafé Kvadraturen")
    db_session.commit()
    return user


@pytest.fixture
def moderator(db_session):
    user = factories.staff(db_session)
    db_session.commit()
    return user


@pytest.fixture
def as_employer(client, employer):
    client.login(employer.email)
    return client


def decided(db_session, listing, moderator, decision, **kwargs):
    listings.decide_listing(
        db_session,
        listing.current_version,
        moderator=moderator,
        decision=decision,
        now=utcnow(),
        **kwargs,
    )
    db_session.commit()


def sent_for_review(db_session, employer):
    listing = factories.listing(db_session, employer)
    listings.submit_listing(listing, today=listing.current_version.deadline, now=utcnow())
    db_session.commit()
    return listing


def test_employer_can_see_why_a_listing_was_rejected_without_a_comment(
    as_employer, db_session, employer, moderator
):
    listing = sent_for_review(db_session, employer)
    decided(
        db_session, listing, moderator, Decision.REJECT, reason=RejectionReason.ASKS_FOR_PAYMENT
    )
    label = "Ber om betaling eller bankopplysninger"
    assert label in as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert label in as_employer.get("/employer").get_data(as_text=True)


def test_employer_can_see_the_reason_and_the_comment_for_a_rejected_edit(
    as_employer, db_session, employer, moderator
):
    listing = factories.published_listing(db_session, employer, moderator)
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Ny tittel"}, now=utcnow()
    )
    listings.submit_listing(listing, today=listing.current_version.deadline, now=utcnow())
    decided(
        db_session,
        listing,
        moderator,
        Decision.REJECT,
        reason=RejectionReason.DUPLICATE,
        comment="Dere har den samme annonsen fra før.",
    )
    page = as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert t("Duplicate") in page
    assert "Dere har den samme annonsen fra før." in page


def test_employer_can_still_see_the_moderators_comment_after_saving_an_edit(
    as_employer, db_session, employer, moderator
):
    listing = sent_for_review(db_session, employer)
    decided(db_session, listing, moderator, Decision.REQUEST_CHANGES, comment=COMMENT)
    response = as_employer.post(
        f"/employer/listings/{listing.id}/edit", data=job_trial_form(schedule="")
    )
    assert response.status_code == 303
    db_session.expire_all()
    assert listing.current_version.review_comment is None  # a new draft, without the comment
    assert COMMENT in as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert COMMENT in as_employer.get(f"/employer/listings/{listing.id}/edit").get_data(
        as_text=True
    )
    assert COMMENT in as_employer.get("/employer").get_data(as_text=True)


def test_employer_cannot_see_an_old_comment_once_a_moderator_approves(
    as_employer, db_session, employer, moderator
):
    listing = sent_for_review(db_session, employer)
    decided(db_session, listing, moderator, Decision.REQUEST_CHANGES, comment=COMMENT)
    as_employer.post(f"/employer/listings/{listing.id}/edit", data=job_trial_form())
    as_employer.post(f"/employer/listings/{listing.id}/submit", data={})
    db_session.expire_all()
    decided(db_session, listing, moderator, Decision.APPROVE)
    assert COMMENT not in as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)


def test_young_person_can_see_why_their_profile_was_not_approved(client, db_session):
    young = factories.young_person(db_session, name="Sara", age=17)
    db_session.commit()
    client.login(young.email)
    fill_profile(client)
    client.post("/me/profile/visibility", data={"discoverable": "on"})
    db_session.expire_all()
    profile = db_session.get(Profile, young.id)
    factories.decide_profile(
        db_session, profile, Decision.REJECT, reason=RejectionReason.UNSAFE_FOR_MINORS
    )
    db_session.commit()
    page = client.get("/me/profile").get_data(as_text=True)
    assert t("Message from the counsellor") in page
    assert t("Unsafe for minors or breaks the rules for young workers") in page
