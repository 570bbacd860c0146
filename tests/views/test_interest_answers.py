"""A young person withdraws only after saying so twice, may come back while the listing is open,
and answers an employer's offer; the employer sees the answer."""

import re
from datetime import timedelta

import pytest

from jobbes.models import Interest, InterestStatus
from jobbes.models.base import utcnow
from jobbes.services import interests
from tests import factories


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Lund Kafé")
    db_session.commit()
    return user


@pytest.fixture
def listing(db_session, employer):
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    db_session.commit()
    return listing


@pytest.fixture
def young(db_session):
    user = factories.findable_young_person(db_session)
    db_session.commit()
    return user


@pytest.fixture
def me(app, young):
    client = app.test_client()
    client.login(young.email)
    return client


def status_of(db_session, interest):
    db_session.expire_all()
    return db_session.get(Interest, interest.id).status


def test_withdrawing_is_asked_once_before_it_happens(me, db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    db_session.commit()
    page = me.get("/me/interests").get_data(as_text=True)
    withdraw = f"/me/interests/{interest.id}/withdraw"
    assert f'action="{withdraw}"' not in page, "one tap on the list must not withdraw"
    assert f'href="{withdraw}"' in page
    question = me.get(withdraw)
    assert question.status_code == 200
    body = question.get_data(as_text=True)
    assert "Vil du trekke interessen din for «Kokk på Lund»?" in body
    assert f'action="{withdraw}"' in body
    assert status_of(db_session, interest) is InterestStatus.SENT
    assert me.post(withdraw, data={}).status_code == 303
    assert status_of(db_session, interest) is InterestStatus.WITHDRAWN


def test_the_question_is_a_fragment_for_htmx(me, db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    db_session.commit()
    fragment = me.htmx("GET", f"/me/interests/{interest.id}/withdraw", target="withdraw-confirm")
    assert fragment.get_data(as_text=True).lstrip().startswith('<div id="withdraw-confirm"')


def test_a_young_person_who_withdrew_can_be_interested_again(me, db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    interests.withdraw(interest, now=utcnow())
    db_session.commit()
    reopen = f"/me/interests/{interest.id}/reopen"
    assert f'action="{reopen}"' in me.get("/me/interests").get_data(as_text=True)
    assert f'action="{reopen}"' in me.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert me.post(reopen, data={}).status_code == 303
    assert status_of(db_session, interest) is InterestStatus.SENT
    events = db_session.get(Interest, interest.id).events
    assert [e.status for e in events][-2:] == [InterestStatus.WITHDRAWN, InterestStatus.SENT]
    assert "Du er interessert igjen" in me.get("/me/interests").get_data(as_text=True)


def test_once_the_listing_has_closed_there_is_no_coming_back(me, db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    interests.withdraw(interest, now=utcnow())
    listing.deadline = listing.deadline - timedelta(days=365)
    db_session.commit()
    reopen = f"/me/interests/{interest.id}/reopen"
    assert f'action="{reopen}"' not in me.get("/me/interests").get_data(as_text=True)
    me.post(reopen, data={})
    assert status_of(db_session, interest) is InterestStatus.WITHDRAWN


def offered(db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "offer", now=utcnow(), message="Vil du begynne 1. mars?")
    db_session.commit()
    return interest


@pytest.mark.parametrize(
    ("answer", "status", "employer_sees"),
    [
        ("yes", InterestStatus.HIRED, "Takket ja til tilbudet – ansatt"),
        ("no", InterestStatus.OFFER_DECLINED, "Takket nei til tilbudet"),
    ],
)
def test_the_young_person_answers_an_offer_and_the_employer_sees_the_answer(
    app, me, db_session, young, employer, listing, answer, status, employer_sees
):
    interest = offered(db_session, young, listing)
    boss = app.test_client()
    boss.login(employer.email)
    pipeline = f"/employer/listings/{listing.id}/interests"
    waiting = boss.get(pipeline).get_data(as_text=True)
    assert "Tilbudt – venter på svar" in waiting
    assert "Marker som ansatt" not in waiting
    assert 'value="hire"' not in waiting
    mine = me.get("/me/interests").get_data(as_text=True)
    assert re.search(rf'action="/me/interests/{interest.id}/offer"', mine)
    assert "Ja, jeg tar jobben" in mine
    me.post(f"/me/interests/{interest.id}/offer", data={"answer": answer})
    assert status_of(db_session, interest) is status
    assert employer_sees in boss.get(pipeline).get_data(as_text=True)


def test_an_employer_cannot_mark_someone_hired(app, db_session, young, employer, listing):
    interest = offered(db_session, young, listing)
    boss = app.test_client()
    boss.login(employer.email)
    response = boss.post(
        f"/employer/listings/{listing.id}/interests/{interest.id}", data={"step": "hire"}
    )
    assert response.status_code == 400
    assert status_of(db_session, interest) is InterestStatus.OFFERED
