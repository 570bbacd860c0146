"""A young person who got the job sees it where they land, with what happens next."""

from datetime import timedelta

from babel import dates

from jobbes.models.base import local_today, utcnow
from jobbes.services import interests
from tests import factories

TODAY = local_today()


def hired(db_session, *, days_ago=0, message=None):
    employer = factories.employer(db_session, organisation_name="Kvadraturen Kafé")
    listing = factories.published_listing(
        db_session, employer, title="Kjøkkenhjelp", start_date=TODAY + timedelta(days=10)
    )
    young = factories.young_person(db_session, name="Amina", age=17)
    interest = factories.interest(db_session, young, listing)
    when = utcnow() - timedelta(days=days_ago)
    interests.employer_step(interest, "agree_trial", now=when, trial_start=TODAY)
    interests.employer_step(interest, "offer", now=when, message=message)
    interests.answer_offer(interest, accept=True, now=when)
    db_session.commit()
    return young, interest


def test_a_hire_is_celebrated_on_the_front_page_with_what_happens_next(client, db_session):
    young, interest = hired(db_session, message="Vi sees mandag kl. 8!")
    client.login(young.email)
    page = client.get("/me").get_data(as_text=True)
    assert "Du har fått jobben hos Kvadraturen Kafé!" in page
    assert "Kjøkkenhjelp" in page
    assert "Vi sees mandag kl. 8!" in page
    assert "Dette skjer videre" in page
    start = dates.format_date(TODAY + timedelta(days=10), "long", locale="nb")
    assert f"Du begynner {start}" in page
    assert f'href="/me/interests#interest-{interest.id}"' in page


def test_an_old_hire_is_no_longer_celebrated(client, db_session):
    young, _interest = hired(db_session, days_ago=120)
    client.login(young.email)
    assert "Du har fått jobben" not in client.get("/me").get_data(as_text=True)
