"""What was said on an interest stays readable on both sides, in order, with dates."""

import re

import pytest

from jobbes.models import DeclineMessage
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests
from tests import factories
from tests.views.test_finding import count_requests_queries

TODAY = local_today()


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Lund Kafé")
    db_session.commit()
    return user


def talked_with(db_session, young, listing, *, declined=False):
    """An interest that has been through three steps, each with its own words."""
    interest = factories.interest(db_session, young, listing, message="Jeg liker å lage mat.")
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(
        interest, "invite_to_talk", now=utcnow(), message="Kom innom tirsdag kl. 10."
    )
    interests.employer_step(
        interest, "agree_trial", now=utcnow(), trial_start=TODAY, message="Vi sees mandag kl. 8."
    )
    if declined:
        interests.employer_step(
            interest, "decline", now=utcnow(), decline_message=DeclineMessage.NOT_NOW
        )
    return interest


def in_order(page, *texts):
    positions = [page.find(text) for text in texts]
    return -1 not in positions and positions == sorted(positions)


def test_the_young_person_still_reads_the_invitations_time_and_place_after_the_next_step(
    app, db_session, employer
):
    young = factories.findable_young_person(db_session)
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    talked_with(db_session, young, listing, declined=True)
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert in_order(
        page,
        "Jeg liker å lage mat.",
        "Kom innom tirsdag kl. 10.",
        "Vi sees mandag kl. 8.",
        "Vi kan ikke ta inn noen akkurat nå",
    ), page
    conversation = page[page.find('class="conversation"') :]
    assert len(re.findall(r"<time datetime=", conversation)) >= 4


def test_the_employer_sees_what_they_already_told_each_young_person(app, db_session, employer):
    young = factories.findable_young_person(db_session)
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    talked_with(db_session, young, listing)
    db_session.commit()
    boss = app.test_client()
    boss.login(employer.email)
    page = boss.get(f"/employer/listings/{listing.id}/interests").get_data(as_text=True)
    assert in_order(
        page, "Jeg liker å lage mat.", "Kom innom tirsdag kl. 10.", "Vi sees mandag kl. 8."
    ), page


@pytest.mark.parametrize("who", ["young_person", "employer"])
def test_the_conversations_cost_the_same_number_of_queries_for_1_and_4_interests(
    app, db_session, employer, who
):
    young = factories.findable_young_person(db_session)
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    db_session.commit()
    client = app.test_client()
    client.login(young.email if who == "young_person" else employer.email)
    engine = db_session.get_bind().engine
    counts = []
    for number in (1, 3):
        for n in range(number):
            if who == "young_person":
                other = factories.published_listing(db_session, employer, title=f"Jobb {n}")
                talked_with(db_session, young, other, declined=n % 2 == 0)
            else:
                talked_with(db_session, factories.findable_young_person(db_session), listing)
        db_session.commit()
        url = (
            "/me/interests"
            if who == "young_person"
            else f"/employer/listings/{listing.id}/interests"
        )
        client.get(url)
        counts.append(count_requests_queries(client, url, engine))
    assert counts[0] == counts[1]
