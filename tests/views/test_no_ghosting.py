"""No ghosting, as each person reads it: the listing's response rate, the employer's own rate with
what pulls it down, the young person's waiting clock, and the moderators' unanswered list.

Time stands still at Friday 24 April 2026, noon in Kristiansand (after Easter 2026).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from jobbes.models import Interest, InterestStatus, Notification, NotificationKind
from jobbes.models.base import LOCAL_TIMEZONE
from jobbes.services import interests, reminders
from jobbes.tasks import tasks_of
from tests import factories
from tests.text import t


def oslo(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TIMEZONE).astimezone(UTC)


NOW = oslo(2026, 4, 24, 12, 0)


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Lund Kafé")
    db_session.commit()
    return user


@pytest.fixture
def listing(db_session, employer):
    made = factories.published_listing(db_session, employer, title="Kafévert på Lund")
    db_session.commit()
    return made


def sent(db_session, listing, at: datetime, young=None) -> Interest:
    young = young or factories.young_person(db_session)
    return interests.express_interest(
        db_session,
        profile=young.profile,
        listing=listing,
        message=None,
        today=at.astimezone(LOCAL_TIMEZONE).date(),
        now=at,
    )


def answered_quickly(db_session, listing, count: int) -> None:
    for day in range(13, 13 + count):
        interest = sent(db_session, listing, oslo(2026, 4, day, 9))
        interests.employer_step(interest, "invite_to_talk", now=oslo(2026, 4, day, 15))


def test_a_listing_shows_how_quickly_its_employer_answers(app, db_session, listing):
    answered_quickly(db_session, listing, 5)
    db_session.commit()
    page = app.test_client().get(f"/listings/{listing.id}").get_data(as_text=True)
    assert t("How quickly they answer") in page
    assert "Svarer vanligvis innen 1 arbeidsdag" in page
    assert "Svarte på 5 av 5 innen 5 arbeidsdager de siste 90 dagene." in page


def test_with_fewer_than_five_the_listing_says_it_is_too_early(app, db_session, listing):
    answered_quickly(db_session, listing, 4)
    db_session.commit()
    page = app.test_client().get(f"/listings/{listing.id}").get_data(as_text=True)
    assert t("Too few interests in the last 90 days to show how quickly they answer.") in page
    assert "Svarer vanligvis" not in page


def test_the_employer_sees_its_rate_and_what_pulls_it_down(app, db_session, employer, listing):
    answered_quickly(db_session, listing, 4)
    waiting = sent(db_session, listing, oslo(2026, 4, 15, 9))  # due 22 April, never answered
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    page = client.get("/employer").get_data(as_text=True)
    assert "Svarte på 4 av 5 innen 5 arbeidsdager de siste 90 dagene." in page
    assert t("What pulls it down") in page
    assert f"/employer/listings/{listing.id}/interests#card-{waiting.id}" in page
    assert "har ventet 7 arbeidsdager" in page


def test_the_young_person_sees_their_waiting_clock(app, db_session, listing):
    young = factories.young_person(db_session)
    # Wednesday 22 April at 10: the 14th working day after it is Wednesday 13 May (1 May and
    # Ascension Day, 14 May, are holidays; the first falls inside the count).
    sent(db_session, listing, oslo(2026, 4, 22, 10), young=young)
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert "Sendt for 2 dager siden" in page
    assert "arbeidsgiveren har frist til onsdag 13. mai 2026." in page


def test_an_answered_interest_has_no_clock(app, db_session, listing):
    young = factories.young_person(db_session)
    interest = sent(db_session, listing, oslo(2026, 4, 22, 10), young=young)
    interests.mark_answered(interest, oslo(2026, 4, 23, 10))
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert "Sendt for" not in page


def test_an_invitation_shows_when_to_answer_by(app, db_session, listing):
    young = factories.findable_young_person(db_session)
    interests.invite(
        db_session,
        listing=listing,
        profile=young.profile,
        message=None,
        today=NOW.date(),
        now=oslo(2026, 4, 20, 12),
    )
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert "Invitert for 4 dager siden" in page
    assert "svar innen mandag 4. mai 2026." in page


def test_a_closed_interest_is_kind_suggests_listings_and_may_be_sent_again(
    app, db_session, employer, listing
):
    factories.published_listing(db_session, employer, title="Servitør")  # the silent one's
    other = factories.employer(db_session, organisation_name="Andre AS")
    for n in range(3):
        factories.published_listing(db_session, other, title=f"Butikkhjelp {n}")
    young = factories.young_person(db_session)
    interest = sent(db_session, listing, oslo(2026, 4, 1, 10), young=young)
    reminders.run(db_session, now=NOW, today=NOW.date())
    assert interest.status is InterestStatus.UNANSWERED
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert t("The employer did not answer in time – it is not about you.") in page
    assert page.count("Butikkhjelp") == 3
    assert "Servitør" not in page
    assert f"/me/interests/{interest.id}/reopen" in page
    response = client.post(f"/me/interests/{interest.id}/reopen", data={})
    assert response.status_code in (200, 303)
    db_session.refresh(interest)
    assert interest.status is InterestStatus.SENT
    assert interest.sent_at == NOW


def test_an_employer_answering_a_closed_interest_is_told_it_closed(
    app, db_session, employer, listing
):
    interest = sent(db_session, listing, oslo(2026, 4, 1, 10))
    reminders.run(db_session, now=NOW, today=NOW.date())
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    response = client.post(
        f"/employer/listings/{listing.id}/interests/{interest.id}",
        data={"step": "invite_to_talk", "expected": "sent"},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert (
        t(
            "This interest has closed by itself: nobody answered it within 14 working days. "
            "The young person was told kindly and may send interest again."
        )
        in page
    )
    assert "Lukket: ikke besvart på 14 arbeidsdager" in page


def test_the_employer_sees_how_long_each_interest_has_waited(app, db_session, employer, listing):
    waiting = sent(db_session, listing, oslo(2026, 4, 20, 9))  # Monday: 4 working days
    answered = sent(db_session, listing, oslo(2026, 4, 20, 10))
    interests.mark_answered(answered, oslo(2026, 4, 20, 11))
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    page = client.get(f"/employer/listings/{listing.id}/interests").get_data(as_text=True)
    assert page.count('class="answer-clock') == 1
    assert "Har ventet på svar fra dere i 4 arbeidsdager." in page
    # 14 working days from Monday 20 April: 21–24, 27–30 April, 4–8 and 11 May (1 May is a
    # public holiday).
    assert "Uten svar lukkes den av seg selv mandag 11. mai 2026." in page
    assert waiting.id != answered.id


def test_the_reminders_run_only_in_the_daytime():
    from jobbes.tasks import at_oslo_time

    hourly = at_oslo_time("15", "8-20")

    def naive_utc(hour: int) -> datetime:
        # huey asks with naive UTC times; in December Oslo is UTC+1.
        return datetime(2026, 12, 2, hour, 15, tzinfo=UTC).replace(tzinfo=None)

    assert not hourly(naive_utc(6))  # 07:15 in Oslo
    assert hourly(naive_utc(7))  # 08:15
    assert hourly(naive_utc(19))  # 20:15
    assert not hourly(naive_utc(20))  # 21:15


def test_moderators_see_the_unanswered_with_the_organisations_contact(
    app, db_session, employer, listing
):
    interest = sent(db_session, listing, oslo(2026, 4, 14, 9))  # 8 working days ago
    quiet = sent(db_session, listing, oslo(2026, 4, 21, 9))  # 3: reminded once, not listed
    reminders.run(db_session, now=NOW, today=NOW.date())
    assert (interest.reminders_sent, quiet.reminders_sent) == (2, 1)
    moderator = factories.staff(db_session)
    db_session.commit()
    client = app.test_client()
    client.login(moderator.email)
    page = client.get("/moderation/unanswered").get_data(as_text=True)
    assert "Lund Kafé" in page
    assert f"mailto:{employer.email}" in page
    assert "Har ventet 8 arbeidsdager" in page
    assert page.count("unanswered-card") == 1


def test_the_scheduler_runs_the_reminders(app, db_session, employer, listing):
    interest = sent(db_session, listing, oslo(2026, 4, 17, 9))  # 4 working days ago
    db_session.commit()
    tasks_of(app).reminders()
    tasks_of(app).reminders()  # a second run sends nothing again
    kinds = db_session.scalars(
        select(Notification.kind).where(Notification.user_id == employer.id)
    ).all()
    assert kinds.count(NotificationKind.INTEREST_ANSWER_REMINDER) == 1
    db_session.refresh(interest)
    assert interest.reminders_sent == 1
    assert timedelta(0) < NOW - interest.sent_at


def test_the_organisations_page_shows_its_rate_and_open_listings(app, db_session, listing):
    answered_quickly(db_session, listing, 5)
    db_session.commit()
    client = app.test_client()
    listing_page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert f"/organisations/{listing.organisation_id}" in listing_page
    page = client.get(f"/organisations/{listing.organisation_id}").get_data(as_text=True)
    assert "<h1" in page
    assert "Lund Kafé" in page
    assert "Kafévert på Lund" in page
    assert "Svarte på 5 av 5 innen 5 arbeidsdager de siste 90 dagene." in page


def test_an_organisation_not_verified_has_no_public_page(app, db_session):
    pending = factories.employer(db_session, organisation_name="Ukjent AS")
    db_session.commit()
    response = app.test_client().get(f"/organisations/{pending.organisation_id}")
    assert response.status_code == 404
