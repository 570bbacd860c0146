"""Times to meet through the pages: who may propose, pick and download, what a bad proposal is
told, and what someone whose answer crossed another's sees."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest

from jobbes.models import DeclineMessage, Interest, InterestStatus, MeetingStatus
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests
from tests import factories
from tests.text import t

DAY = local_today() + timedelta(days=7)
OTHER_DAY = local_today() + timedelta(days=8)


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Lund Kafé")
    db_session.commit()
    return user


@pytest.fixture
def listing(db_session, employer):
    listing = factories.published_listing(
        db_session, employer, title="Kokk på Lund", address="Lundsvingen 4"
    )
    db_session.commit()
    return listing


@pytest.fixture
def young(db_session):
    user = factories.findable_young_person(db_session, name="Sara")
    db_session.commit()
    return user


@pytest.fixture
def interest(db_session, young, listing):
    interest = factories.interest(db_session, young, listing)
    db_session.commit()
    return interest


@pytest.fixture
def boss(app, employer):
    client = app.test_client()
    client.login(employer.email)
    return client


@pytest.fixture
def me(app, young):
    client = app.test_client()
    client.login(young.email)
    return client


def page_of(interest: Interest) -> str:
    return f"/employer/listings/{interest.listing_id}/interests/{interest.id}/meeting"


def two_times(**overrides: str) -> dict[str, str]:
    return {
        "meeting_kind": "talk",
        "expected": "sent",
        "seen_round": "0",
        "seen_status": "",
        "day_1": DAY.isoformat(),
        "start_1": "10:00",
        "end_1": "11:00",
        "day_2": OTHER_DAY.strftime("%d.%m.%Y"),
        "start_2": "14.30",
        "end_2": "15:30",
        "day_3": "",
        "start_3": "",
        "end_3": "",
        "place": "Lundsvingen 4, bakdøra",
        "contact_name": "Kari",
        "contact_phone": "912 34 567",
        **overrides,
    }


def proposed(boss, interest: Interest, **overrides: str):
    return boss.post(page_of(interest), data=two_times(**overrides))


def test_the_proposal_form_starts_from_the_listings_address_and_the_employers_name(boss, interest):
    body = boss.get(page_of(interest)).get_data(as_text=True)
    assert 'value="Lundsvingen 4"' in body
    assert 'value="Kari Arbeidsgiver"' in body
    assert t("Send the times") in body


def test_an_employer_proposes_two_times_and_both_sides_see_them(boss, me, db_session, interest):
    response = proposed(boss, interest)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"#card-{interest.id}")

    db_session.expire_all()
    fresh = db_session.get(Interest, interest.id)
    assert fresh.status is InterestStatus.TALK
    assert [s.position for s in fresh.meetings[0].slots] == [1, 2]
    pipeline = boss.get(f"/employer/listings/{interest.listing_id}/interests").get_data(
        as_text=True
    )
    assert t("Waiting for the young person to pick a time") in pipeline
    mine = me.get("/me/interests").get_data(as_text=True)
    assert t("Which time suits you?") in mine
    assert "Lundsvingen 4, bakdøra" in mine
    assert 'name="position" value="2"' in mine
    assert "14:30" in mine


def test_the_young_person_picks_a_time_and_both_download_the_same_calendar_event(
    app, boss, me, db_session, interest
):
    proposed(boss, interest)
    response = me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "2"},
    )
    assert response.status_code == 303

    mine = me.get("/me/interests").get_data(as_text=True)
    theirs = boss.get(f"/employer/listings/{interest.listing_id}/interests").get_data(as_text=True)
    for body in (mine, theirs):
        for shown in ("14:30", "Lundsvingen 4, bakdøra", "912 34 567"):
            assert shown in body
        assert t("Add to calendar (.ics)") in body

    events = []
    for client, url in (
        (me, f"/me/interests/{interest.id}/meeting.ics"),
        (boss, page_of(interest) + ".ics"),
    ):
        download = client.get(url)
        assert download.status_code == 200
        assert download.mimetype == "text/calendar"
        assert "attachment" in download.headers["Content-Disposition"]
        (event,) = icalendar.Calendar.from_ical(download.data).walk("VEVENT")
        events.append(event)
    assert events[0]["UID"] == events[1]["UID"]
    start = events[0].decoded("DTSTART")
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (
        OTHER_DAY,
        14,
        30,
        "Europe/Oslo",
    )
    assert str(events[0]["LOCATION"]) == "Lundsvingen 4, bakdøra"
    assert "Kari, 912 34 567" in str(events[0]["DESCRIPTION"])
    assert f"/me/interests#interest-{interest.id}" in str(events[0]["DESCRIPTION"])
    assert f"#card-{interest.id}" in str(events[1]["DESCRIPTION"])


def test_there_is_no_calendar_file_before_a_time_is_picked(boss, me, interest):
    assert me.get(f"/me/interests/{interest.id}/meeting.ics").status_code == 404
    proposed(boss, interest)
    assert me.get(f"/me/interests/{interest.id}/meeting.ics").status_code == 404
    assert boss.get(page_of(interest) + ".ics").status_code == 404


def test_an_employer_of_another_organisation_cannot_propose_see_or_download(
    app, boss, me, db_session, interest
):
    proposed(boss, interest)
    me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    stranger = factories.employer(db_session, organisation_name="Annen AS")
    other_listing = factories.published_listing(db_session, stranger)
    db_session.commit()
    client = app.test_client()
    client.login(stranger.email)
    for listing_id in (interest.listing_id, other_listing.id):
        url = f"/employer/listings/{listing_id}/interests/{interest.id}/meeting"
        assert client.get(url).status_code == 404
        assert client.get(url + ".ics").status_code == 404
        assert client.post(url, data=two_times(seen_round="1")).status_code == 404
    db_session.expire_all()
    assert len(db_session.get(Interest, interest.id).meetings) == 1


def test_a_colleague_can_propose_and_download(app, boss, me, db_session, employer, interest):
    colleague = factories.employer(db_session)
    colleague.organisation_id = employer.organisation_id
    db_session.commit()
    client = app.test_client()
    client.login(colleague.email)
    assert proposed(client, interest).status_code == 303
    me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    assert client.get(page_of(interest) + ".ics").status_code == 200


def test_another_young_person_cannot_see_pick_or_download(app, boss, me, db_session, interest):
    proposed(boss, interest)
    me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    other = factories.young_person(db_session, name="Per")
    db_session.commit()
    client = app.test_client()
    client.login(other.email)
    base = f"/me/interests/{interest.id}/meeting"
    assert client.get(base).status_code == 404
    assert client.get(base + ".ics").status_code == 404
    assert client.post(base, data={"seen_round": "1", "position": "1"}).status_code == 404
    another = {"seen_round": "1", "seen_status": "chosen", "note": "Nei"}
    assert client.post(base + "/another", data=another).status_code == 404
    db_session.expire_all()
    assert db_session.get(Interest, interest.id).meetings[0].status is MeetingStatus.CHOSEN


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_1": "09:00"}, "The end must be after the start."),
        (
            {"day_1": (local_today() - timedelta(days=1)).isoformat()},
            "This time has already passed. Choose a later one.",
        ),
        ({"place": "  "}, "Write where you meet."),
        ({"contact_name": ""}, "Write the name of the person to ask for."),
        ({"start_2": ""}, "Write when it starts, like 10:00."),
        (
            {"day_1": "", "start_1": "", "end_1": "", "day_2": "", "start_2": "", "end_2": ""},
            "Propose at least one time.",
        ),
        ({"contact_phone": "ring meg"}, "Write a phone number, like 912 34 567."),
        ({"start_1": "25:99"}, None),
    ],
)
def test_a_bad_proposal_is_told_what_to_fix_and_nothing_is_sent(
    boss, db_session, interest, young, overrides, message
):
    response = proposed(boss, interest, **overrides)
    assert response.status_code == 422
    if message is not None:
        assert t(message) in response.get_data(as_text=True)
    db_session.expire_all()
    fresh = db_session.get(Interest, interest.id)
    assert (fresh.meetings, fresh.status) == ([], InterestStatus.SENT)


def test_no_times_once_the_interest_is_over(boss, db_session, interest):
    interests.employer_step(
        interest, "decline", decline_message=DeclineMessage.FILLED, now=utcnow()
    )
    db_session.commit()
    page = boss.get(page_of(interest)).get_data(as_text=True)
    assert t("Times can be proposed only while the interest is open.") in page
    assert t("Send the times") not in page
    response = proposed(boss, interest, expected="declined")
    assert response.status_code == 409


def test_a_pick_that_crosses_new_times_is_refused_kindly(boss, me, db_session, interest):
    proposed(boss, interest)
    proposed(boss, interest, expected="talk", seen_round="1", seen_status="proposed")
    response = me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert (
        t(
            "The employer proposed new times a moment ago, so your choice was not saved. "
            "Here are the new times."
        )
        in body
    )
    assert t("Earlier proposals (%(count)d)") % {"count": 1} in body
    db_session.expire_all()
    assert [m.status for m in db_session.get(Interest, interest.id).meetings] == [
        MeetingStatus.REPLACED,
        MeetingStatus.PROPOSED,
    ]


def test_a_pick_after_the_interest_ended_is_refused_kindly(boss, me, db_session, interest):
    proposed(boss, interest)
    db_session.expire_all()
    interests.employer_step(
        db_session.get(Interest, interest.id),
        "decline",
        decline_message=DeclineMessage.TIMING,
        now=utcnow(),
    )
    db_session.commit()
    response = me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    assert response.status_code == 409
    assert t("This interest has ended, so no time can be picked any more.") in (
        response.get_data(as_text=True)
    )


def test_new_times_that_cross_the_young_persons_pick_are_refused_kindly(
    boss, me, db_session, interest
):
    proposed(boss, interest)
    me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    response = proposed(boss, interest, expected="talk", seen_round="1", seen_status="proposed")
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert (
        t(
            "The young person answered a moment ago, so your new times were not sent. "
            "See their answer below."
        )
        in body
    )
    assert t("Time agreed") in body


def test_asking_for_another_time_reaches_the_employers_card(boss, me, db_session, interest):
    proposed(boss, interest)
    assert me.get(f"/me/interests/{interest.id}/meeting/another").status_code == 303
    response = me.post(
        f"/me/interests/{interest.id}/meeting/another",
        data={"seen_round": "1", "seen_status": "proposed", "note": "Etter kl. 15?"},
    )
    assert response.status_code == 303
    pipeline = boss.get(f"/employer/listings/{interest.listing_id}/interests").get_data(
        as_text=True
    )
    assert t("The young person asks for another time") in pipeline
    assert "Etter kl. 15?" in pipeline
    # The employer proposes again, from the page as it is now.
    page = boss.get(page_of(interest)).get_data(as_text=True)
    assert 'name="seen_status" value="another_time"' in page
    again = proposed(boss, interest, expected="talk", seen_round="1", seen_status="another_time")
    assert again.status_code == 303
    assert t("Which time suits you?") in me.get("/me/interests").get_data(as_text=True)


def test_a_time_that_has_begun_is_not_offered(boss, me, db_session, interest):
    proposed(boss, interest)
    db_session.expire_all()
    slot = db_session.get(Interest, interest.id).meetings[0].slots[0]
    slot.starts_at = utcnow() - timedelta(minutes=5)
    db_session.commit()
    mine = me.get("/me/interests").get_data(as_text=True)
    assert f'id="time-{interest.id}-1" name="position" value="1" disabled' in mine
    response = me.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": "1", "seen_status": "proposed", "position": "1"},
    )
    assert response.status_code == 422
    assert t("That time has already begun. Choose another, or ask for one.") in (
        response.get_data(as_text=True)
    )


def test_asking_again_from_a_page_that_is_out_of_date_is_told_it_was_answered(
    boss, me, db_session, interest
):
    proposed(boss, interest)
    url = f"/me/interests/{interest.id}/meeting/another"
    first = {"seen_round": "1", "seen_status": "proposed", "note": "Etter kl. 15?"}
    assert me.post(url, data=first).status_code == 303
    again = me.post(url, data={**first, "seen_status": "another_time"})
    assert again.status_code == 409
    assert t("You answered this already. Here is how it stands.") in again.get_data(as_text=True)
