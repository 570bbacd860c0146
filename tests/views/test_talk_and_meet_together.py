"""Conversations, times to meet and no ghosting on the pages both sides look at: the times in the
conversation and on the young person's front page, new messages told to screen readers, the
sending limit, and picking a time in place."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from sqlalchemy.orm import sessionmaker

from jobbes.db import EXTENSION_KEY
from jobbes.models import MeetingKind, Message
from jobbes.models.base import local_today, utcnow
from jobbes.services import meetings, messages
from jobbes.views.messages import MESSAGE_LIMIT
from tests import factories
from tests.conftest import make_test_app
from tests.text import t

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
POLL = {"HX-Request": "true", "HX-Target": "div#conversation-messages", **SAME_SITE}
SOON = meetings.Time(local_today() + timedelta(days=7), time(10), time(11))
LATER = meetings.Time(local_today() + timedelta(days=8), time(14, 30), time(15, 30))


@pytest.fixture
def world(db_session):
    employer = factories.employer(db_session, organisation_name="Lund Kafé")
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    young = factories.young_person(db_session, name="Sara", age=19)
    interest = factories.interest(db_session, young, listing, message="Jeg liker å lage mat.")
    db_session.commit()
    return employer, young, interest


def client_for(app, user):
    client = app.test_client()
    client.login(user.email)
    return client


def text(response):
    return response.get_data(as_text=True)


def propose(db_session, interest, employer, *times):
    meeting = meetings.propose(
        db_session,
        interest,
        by=employer,
        kind=MeetingKind.TALK,
        times=list(times),
        place="Lundsvingen 4, bakdøra",
        contact_name="Kari",
        contact_phone="912 34 567",
        now=utcnow(),
    )
    db_session.commit()
    return meeting


def test_the_conversation_shows_the_proposed_times_and_the_young_person_picks_there(
    app, db_session, world
):
    employer, young, interest = world
    meeting = propose(db_session, interest, employer, SOON, LATER)
    url = f"/messages/{interest.id}"

    mine = text(client_for(app, young).get(url))
    assert f'id="times-{interest.id}"' in mine
    assert "Lundsvingen 4, bakdøra" in mine
    assert f'action="/me/interests/{interest.id}/meeting"' in mine
    assert t("Which time suits you?") in mine
    theirs = text(client_for(app, employer).get(url))
    assert t("Waiting for the young person to pick a time") in theirs

    picked = client_for(app, young).post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": meeting.round, "seen_status": "proposed", "position": "2"},
    )
    assert picked.status_code == 303
    for side in (young, employer):
        page = text(client_for(app, side).get(url))
        assert t("Add to calendar (.ics)") in page
        assert "14:30" in page
    assert t("Time agreed") in text(client_for(app, employer).get(url))


def test_the_young_persons_front_page_lists_their_times_still_ahead(app, db_session, world):
    employer, young, interest = world
    client = client_for(app, young)
    assert t("Your times to meet") not in text(client.get("/me"))
    meeting = propose(db_session, interest, employer, SOON)
    assert t("Your times to meet") not in text(client.get("/me"))  # not picked yet
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    db_session.commit()

    page = text(client.get("/me"))
    assert t("Your times to meet") in page
    assert "Lundsvingen 4, bakdøra" in page
    assert f'href="/me/interests/{interest.id}/meeting.ics"' in page
    assert f'href="/messages/{interest.id}"' in page


def test_a_poll_tells_screen_readers_the_new_messages_only(app, db_session, world):
    employer, young, interest = world
    client = client_for(app, young)
    url = f"/messages/{interest.id}"
    full = text(client.get(url))
    # The announcer is on the page from the start, empty, outside what the poll replaces.
    assert re.search(
        r'<div id="conversation-news" class="ds-sr-only" aria-live="polite">\s*</div>', full
    )
    poll = re.search(r'hx-get="([^"]+)"', full).group(1).replace("&amp;", "&")
    assert "after=0" in poll

    messages.send(db_session, interest, sender=young, body="Mitt eget ord", now=utcnow())
    messages.send(
        db_session, interest, sender=employer, body="Velkommen til en prat!", now=utcnow()
    )
    db_session.commit()
    block = text(client.get(poll, headers=POLL))
    news = re.search(
        r'<div id="conversation-news" hx-swap-oob="innerHTML">(.*?)</div>', block, re.S
    )
    assert news is not None
    assert "Velkommen til en prat!" in news.group(1)
    assert "Kari Arbeidsgiver" in news.group(1)
    assert "Mitt eget ord" not in news.group(1)  # one's own words are not news
    # The next poll asks from the newest message on: nothing new is announced again.
    again = re.search(r'hx-get="([^"]+)"', block).group(1).replace("&amp;", "&")
    messages.mark_read(db_session, interest, reader=employer, now=utcnow())  # only a receipt
    db_session.commit()
    later = text(client.get(again, headers=POLL))
    assert "conversation-news" not in later


@pytest.fixture
def limited_app(database_url, smtp_sink, connection):
    app = make_test_app(database_url, smtp_sink[1], RATELIMIT_ENABLED=True)
    app.extensions[EXTENSION_KEY] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    return app


def test_sending_is_limited_and_the_words_are_kept(limited_app, db_session, world):
    _employer, young, interest = world
    per_minute = int(MESSAGE_LIMIT.split()[0])
    client = client_for(limited_app, young)
    url = f"/messages/{interest.id}"
    for number in range(per_minute):
        sent = client.post(url, data={"body": f"Melding {number}", "expected": "sent"})
        assert sent.status_code == 303
    refused = client.post(url, data={"body": "Dette ville jeg si", "expected": "sent"})
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) <= 60
    page = text(refused)
    assert "Dette ville jeg si</textarea>" in page
    assert (
        t(
            "You have sent a lot of messages in a short time, so this one was not sent. Wait a "
            "minute and send it again: your words are still in the box."
        )
        in page
    )
    count = db_session.query(Message).filter(Message.interest_id == interest.id).count()
    assert count == per_minute
    # With htmx the same answer comes as the conversation block, swapped in place.
    swap = {"HX-Request": "true", "HX-Target": "div#conversation"}
    in_place = client.post(url, data={"body": "Og dette", "expected": "sent"}, headers=swap)
    assert in_place.status_code == 429
    assert text(in_place).lstrip().startswith('<div id="conversation">')
    assert "Og dette</textarea>" in text(in_place)
    # Someone else's sending is counted on its own.
    other = client_for(limited_app, _employer)
    assert other.post(url, data={"body": "Hei Sara", "expected": "sent"}).status_code == 303


def test_picking_a_time_works_in_place_and_without_javascript(app, db_session, world):
    employer, young, interest = world
    meeting = propose(db_session, interest, employer, SOON, LATER)
    client = client_for(app, young)
    page = text(client.get("/me/interests"))
    form = re.search(r'<form[^>]*class="meeting-choose"[^>]*>', page).group(0)
    assert f'hx-post="/me/interests/{interest.id}/meeting"' in form
    assert f'hx-target="#times-{interest.id}"' in form
    assert f'hx-select="#times-{interest.id}"' in form
    # The answer page reloads whole: its "another time" form depends on the answer.
    answer = text(client.get(f"/me/interests/{interest.id}/meeting"))
    assert "hx-post" not in re.search(r'<form[^>]*class="meeting-choose"[^>]*>', answer).group(0)

    swap = {"HX-Request": "true", "HX-Target": f"section#times-{interest.id}"}
    picked = client.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": meeting.round, "seen_status": "proposed", "position": "1"},
        headers=swap,
    )
    # The browser follows to the interests page (with the same headers), and htmx takes this
    # interest's times out of it, and the flash.
    assert picked.status_code == 303
    followed = text(client.get(picked.headers["Location"], headers=swap))
    times = re.search(
        rf'<section class="meeting" id="times-{interest.id}".*?</section>', followed, re.S
    )
    assert t("Add to calendar (.ics)") in times.group(0)
    assert t("You have picked a time. The employer is told. See you there!") in followed

    # A refused pick in place shows the error in the same place.
    refused = client.post(
        f"/me/interests/{interest.id}/meeting",
        data={"seen_round": meeting.round, "seen_status": "proposed", "position": "1"},
        headers=swap,
    )
    assert refused.status_code == 409
    assert f'id="times-{interest.id}"' in text(refused)


def test_a_suspended_members_times_are_not_shown_to_the_young_person(app, db_session, world):
    employer, young, interest = world
    meeting = propose(db_session, interest, employer, SOON)
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    employer.suspended_at = utcnow()
    db_session.commit()
    client = client_for(app, young)
    assert "Lundsvingen 4, bakdøra" not in text(client.get("/me/interests"))
    assert "Lundsvingen 4, bakdøra" not in text(client.get(f"/messages/{interest.id}"))
    assert "Lundsvingen 4, bakdøra" not in text(client.get("/me"))
    assert client.get(f"/me/interests/{interest.id}/meeting.ics").status_code == 404


def test_a_poll_redraws_the_times_only_when_they_changed(app, db_session, world):
    employer, young, interest = world
    client = client_for(app, young)
    url = f"/messages/{interest.id}"

    def poll_of(page):
        return re.search(r'hx-get="([^"]+)"', page).group(1).replace("&amp;", "&")

    full = text(client.get(url))
    assert '<div id="conversation-times">' in full
    meeting = propose(db_session, interest, employer, SOON, LATER)
    block = text(client.get(poll_of(full), headers=POLL))
    redrawn = '<div id="conversation-times" hx-swap-oob="true">'
    assert redrawn in block
    assert t("Which time suits you?") in block
    # A message only: the card (with whatever she is choosing) is left alone.
    messages.send(db_session, interest, sender=employer, body="Velg en tid!", now=utcnow())
    db_session.commit()
    block = text(client.get(poll_of(block), headers=POLL))
    assert "Velg en tid!" in block
    assert redrawn not in block
    # The employer's open page sees her answer arrive.
    theirs = text(client_for(app, employer).get(url))
    meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
    db_session.commit()
    block = text(client_for(app, employer).get(poll_of(theirs), headers=POLL))
    assert redrawn in block
    assert t("Time agreed") in block


@pytest.mark.parametrize("answer", ["message", "times"])
def test_the_waiting_clocks_go_once_the_employer_answers(app, db_session, world, answer):
    employer, young, interest = world
    mine, theirs = client_for(app, young), client_for(app, employer)
    pipeline = f"/employer/listings/{interest.listing_id}/interests"
    assert 'class="waiting-clock"' in text(mine.get("/me/interests"))
    assert 'class="answer-clock' in text(theirs.get(pipeline))

    if answer == "message":
        sent = theirs.post(
            f"/messages/{interest.id}", data={"body": "Takk! Vi ser på det.", "expected": "seen"}
        )
        assert sent.status_code == 303
    else:
        propose(db_session, interest, employer, SOON)

    assert 'class="waiting-clock"' not in text(mine.get("/me/interests"))
    assert 'class="answer-clock' not in text(theirs.get(pipeline))


def test_times_proposed_from_the_conversation_lead_back_to_it(app, world):
    from tests.views.test_meetings import two_times

    employer, _young, interest = world
    boss = client_for(app, employer)
    conversation = text(boss.get(f"/messages/{interest.id}"))
    link = re.search(r'href="([^"]*/meeting\?back=conversation)"', conversation)
    assert link is not None
    form_page = text(boss.get(link.group(1).replace("&amp;", "&")))
    assert f'href="/messages/{interest.id}"' in form_page
    assert 'meeting?back=conversation"' in form_page  # the form posts with it

    sent = boss.post(link.group(1), data=two_times())
    assert sent.status_code == 303
    assert sent.headers["Location"].endswith(f"/messages/{interest.id}")
    # Any other "back" is not followed: the pipeline, as from its card.
    other = boss.post(
        link.group(1).replace("conversation", "https://example.com"),
        data=two_times(seen_round="1", seen_status="proposed", expected="talk"),
    )
    assert other.status_code == 303
    assert "/interests" in other.headers["Location"]
    assert "example.com" not in other.headers["Location"]


def test_an_interest_card_says_how_many_new_messages_wait_in_its_conversation(
    app, db_session, world
):
    employer, young, interest = world
    mine = client_for(app, young)
    new_messages = "2 nye meldinger"
    assert new_messages not in text(mine.get("/me/interests"))
    for words in ("Hei Sara!", "Kan du komme tirsdag?"):
        messages.send(db_session, interest, sender=employer, body=words, now=utcnow())
    db_session.commit()

    assert new_messages in text(mine.get("/me/interests"))
    mine.get(f"/messages/{interest.id}", headers=SAME_SITE)  # read
    assert new_messages not in text(mine.get("/me/interests"))
    # And on the employer's card, for what she writes back.
    messages.send(db_session, interest, sender=young, body="Ja!", now=utcnow())
    db_session.commit()
    pipeline = text(
        client_for(app, employer).get(f"/employer/listings/{interest.listing_id}/interests")
    )
    assert "1 ny melding" in pipeline


def test_the_front_page_costs_the_same_queries_for_1_and_3_times_ahead(app, db_session, world):
    from tests.views.test_finding import count_requests_queries

    employer, young, interest = world
    engine = db_session.get_bind().engine
    client = client_for(app, young)
    counts = []
    for extra in (0, 2):
        for _n in range(extra):
            listing = factories.published_listing(db_session, employer)
            other = factories.interest(db_session, young, listing)
            meeting = propose(db_session, other, employer, LATER)
            meetings.choose(other, seen_round=meeting.round, position=1, now=utcnow())
        if not extra:
            meeting = propose(db_session, interest, employer, SOON)
            meetings.choose(interest, seen_round=meeting.round, position=1, now=utcnow())
        db_session.commit()
        client.get("/me")
        counts.append(count_requests_queries(client, "/me", engine))
    assert text(client.get("/me")).count('class="upcoming-meeting"') == 3
    assert counts[0] == counts[1]
