"""Conversations through the browser's eyes: who may read and write which, and how it reads."""

import re

import pytest
from sqlalchemy import select

from jobbes.models import DeclineMessage, InterestStatus, Message, Report, ReportedMessage
from jobbes.models.base import utcnow
from jobbes.services import interests, messages, own_data, users
from jobbes.services.state_machine import compare_and_set
from tests import factories
from tests.text import t

SAME_SITE = {"Sec-Fetch-Site": "same-origin"}
SWAP = {"HX-Request": "true", "HX-Target": "div#conversation"}
POLL = {"HX-Request": "true", "HX-Target": "div#conversation-messages", **SAME_SITE}


@pytest.fixture
def world(db_session):
    employer = factories.employer(db_session, organisation_name="Lund Kafé")
    colleague = factories.employer(db_session, email="kollega@example.no")
    colleague.organisation_id = employer.organisation_id
    listing = factories.published_listing(
        db_session, employer, title="Kokk på Lund", minimum_age=15
    )
    young = factories.young_person(db_session, name="Sara", age=19)
    interest = factories.interest(db_session, young, listing, message="Jeg liker å lage mat.")
    db_session.commit()
    return {
        "employer": employer,
        "colleague": colleague,
        "young": young,
        "listing": listing,
        "interest": interest,
        "other_employer": factories.employer(db_session, organisation_name="Annen AS"),
        "other_young": factories.young_person(db_session, name="Ola"),
        "moderator": factories.staff(db_session),
        "nobodys_colleague": _employer_without_organisation(db_session),
    }


def _employer_without_organisation(db_session):
    user = factories.employer(db_session)
    user.organisation_id = None
    db_session.commit()
    return user


def client_for(app, user):
    client = app.test_client()
    client.login(user.email)
    return client


def page_of(response):
    return response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["young", "employer", "colleague"])
def test_the_people_of_an_interest_can_read_and_write_its_conversation(app, world, who):
    client = client_for(app, world[who])
    url = f"/messages/{world['interest'].id}"
    assert client.get(url).status_code == 200
    response = client.post(url, data={"body": f"Hei fra {who}", "expected": "sent"})
    assert response.status_code == 303
    assert response.headers["Location"].startswith(url)
    assert f"Hei fra {who}" in page_of(client.get(url))


@pytest.mark.parametrize("who", ["other_employer", "other_young", "moderator", "nobodys_colleague"])
def test_anyone_else_gets_a_404_for_reading_writing_and_reporting(app, db_session, world, who):
    sent = messages.send(
        db_session, world["interest"], sender=world["employer"], body="Hei", now=utcnow()
    )
    db_session.commit()
    client = client_for(app, world[who])
    url = f"/messages/{world['interest'].id}"
    assert client.get(url).status_code == 404
    assert client.post(url, data={"body": "Inn!", "expected": "sent"}).status_code == 404
    assert client.get(f"{url}/report/{sent.id}").status_code == 404
    assert client.post(f"{url}/report/{sent.id}", data={"reason": "scam"}).status_code == 404
    assert "Kokk på Lund" not in page_of(client.get("/messages"))
    assert db_session.scalars(select(Message.body)).all() == ["Hei"]


def test_a_conversation_that_does_not_exist_is_a_404(app, world):
    assert client_for(app, world["young"]).get("/messages/999999").status_code == 404


def test_the_list_shows_unread_conversations_and_the_menu_counts_them(app, db_session, world):
    messages.send(db_session, world["interest"], sender=world["employer"], body="Hei", now=utcnow())
    db_session.commit()
    client = client_for(app, world["young"])
    page = page_of(client.get("/messages"))
    assert "Lund Kafé – Kokk på Lund" in page
    assert "conversation-list__item--unread" in page
    assert re.search(r'id="messages-link"[^>]*>[^<]*<span class="notification-count">1<', page)
    client.get(f"/messages/{world['interest'].id}", headers=SAME_SITE)
    page = page_of(client.get("/messages"))
    assert "conversation-list__item--unread" not in page
    assert not re.search(r'id="messages-link"[^>]*>[^<]*<span class="notification-count">', page)


def test_an_employer_opening_it_reads_the_interest_and_the_young_person_sees_read(
    app, db_session, world
):
    young = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    assert t("Read") not in page_of(young.get(url))
    client_for(app, world["employer"]).get(url, headers=SAME_SITE)
    db_session.refresh(world["interest"])
    assert world["interest"].status is InterestStatus.SEEN
    page = page_of(young.get(url))
    assert f'<p class="chat__receipt">{t("Read")}</p>' in page


def test_a_link_from_another_site_does_not_mark_anything_read(app, db_session, world):
    messages.send(db_session, world["interest"], sender=world["young"], body="Hei", now=utcnow())
    db_session.commit()
    client = client_for(app, world["employer"])
    client.get(f"/messages/{world['interest'].id}", headers={"Sec-Fetch-Site": "cross-site"})
    assert db_session.scalars(select(Message.read_at)).all() == [None]


def test_links_are_shown_never_fetched_and_markup_stays_text(app, db_session, world):
    messages.send(
        db_session,
        world["interest"],
        sender=world["employer"],
        body="Se https://example.no/jobb. <script>alert(1)</script>",
        now=utcnow(),
    )
    db_session.commit()
    page = page_of(client_for(app, world["young"]).get(f"/messages/{world['interest'].id}"))
    assert (
        '<a class="ds-link" href="https://example.no/jobb" rel="nofollow noopener ugc" '
        'referrerpolicy="no-referrer">https://example.no/jobb</a>.' in page
    )
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_htmx_sends_and_swaps_the_conversation_in_place(app, world):
    client = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    response = client.post(url, data={"body": "Via htmx", "expected": "sent"}, headers=SWAP)
    assert response.status_code == 200
    body = page_of(response)
    assert body.lstrip().startswith('<div id="conversation">')
    assert "Via htmx" in body
    assert "<html" not in body
    # The box is empty again for the next message.
    assert re.search(r"<textarea[^>]*>\s*</textarea>", body)


def test_polling_gets_the_messages_block_and_stops_when_the_conversation_closes(
    app, db_session, world
):
    client = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    block = page_of(client.get(url, headers=POLL))
    assert block.lstrip().startswith('<div id="conversation-messages"')
    assert 'hx-trigger="every 10s"' in block
    assert 'name="body"' not in block  # the box being typed in is never swapped by a poll
    # Asked again with what it shows: nothing new, nothing sent.
    shown = re.search(r'hx-get="([^"]+)"', block).group(1).replace("&amp;", "&")
    assert client.get(shown, headers=POLL).status_code == 204
    messages.send(db_session, world["interest"], sender=world["employer"], body="Ny", now=utcnow())
    db_session.commit()
    fresh = client.get(shown, headers=POLL)
    assert fresh.status_code == 200
    assert "Ny" in page_of(fresh)
    # A whole page is never empty, whatever it is asked with.
    assert client.get(shown).status_code == 200
    interests.employer_step(
        world["interest"], "decline", now=utcnow(), decline_message=DeclineMessage.NOT_NOW
    )
    db_session.commit()
    block = page_of(client.get(url, headers=POLL))
    assert "hx-trigger" not in block
    page = page_of(client.get(url))
    closed = t("This conversation is closed because the interest has ended. You can still read it.")
    assert closed in page
    assert 'name="body"' not in page


def test_a_message_sent_as_the_interest_ends_is_refused_kindly_and_keeps_the_words(
    app, db_session, world
):
    client = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    client.get(url)
    # The employer declines from their own page while the young person writes.
    interest = world["interest"]
    compare_and_set(
        interest, expected={"status": interest.status}, values={"status": InterestStatus.DECLINED}
    )
    db_session.commit()
    response = client.post(url, data={"body": "Mine ord her", "expected": "sent"})
    assert response.status_code == 409
    page = page_of(response)
    assert (
        t(
            "This conversation closed while you were writing, so your message was not sent. "
            "Your words are still in the box if you want to keep them."
        )
        in page
    )
    assert "Mine ord her" in page
    assert db_session.scalars(select(Message)).all() == []


def test_an_empty_or_too_long_message_is_refused_with_the_words_kept(app, world):
    client = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    assert client.post(url, data={"body": "   ", "expected": "sent"}).status_code == 422
    response = client.post(url, data={"body": "x" * 2001, "expected": "sent"})
    assert response.status_code == 422
    assert "x" * 2001 in page_of(response)


def test_the_safety_notice_shows_on_both_sides_with_an_under_18_and_no_birth_date(
    app, db_session, world
):
    minor = factories.young_person(db_session, name="Lise", age=16)
    interest = factories.interest(db_session, minor, world["listing"])
    db_session.commit()
    url = f"/messages/{interest.id}"
    for user in (minor, world["employer"]):
        page = page_of(client_for(app, user).get(url))
        assert 'id="safety-notice"' in page
        assert minor.profile.birth_date.isoformat() not in page
        assert str(minor.profile.birth_date.year) not in page
    adult_page = page_of(client_for(app, world["young"]).get(f"/messages/{world['interest'].id}"))
    assert 'id="safety-notice"' not in adult_page


def test_reporting_a_message_reaches_the_moderator_with_the_messages_before_it(
    app, db_session, world
):
    for n in range(3):
        messages.send(
            db_session, world["interest"], sender=world["young"], body=f"Svar {n}", now=utcnow()
        )
    bad = messages.send(
        db_session,
        world["interest"],
        sender=world["employer"],
        body="Send meg BankID-koden din",
        now=utcnow(),
    )
    db_session.commit()
    young = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    assert f"/report/{bad.id}" in page_of(young.get(url))
    assert young.get(f"{url}/report/{bad.id}").status_code == 200
    response = young.post(f"{url}/report/{bad.id}", data={"reason": "scam", "text": "Svindel"})
    assert response.status_code == 303
    report = db_session.scalars(select(Report)).one()
    assert report.subject_type == "conversation"
    assert len(db_session.scalars(select(ReportedMessage)).all()) == 4
    moderator = client_for(app, world["moderator"])
    page = page_of(moderator.get(f"/moderation/reports/{report.id}"))
    assert "Send meg BankID-koden din" in page
    assert "Svar 0" in page
    assert "Kokk på Lund" in page_of(moderator.get("/moderation/reports"))
    # Only through the report: the conversation itself stays closed to them.
    assert moderator.get(url).status_code == 404


def test_ones_own_messages_and_earlier_words_cannot_be_reported(app, db_session, world):
    mine = messages.send(
        db_session, world["interest"], sender=world["young"], body="Mitt", now=utcnow()
    )
    db_session.commit()
    young = client_for(app, world["young"])
    url = f"/messages/{world['interest'].id}"
    assert "/report/" not in page_of(young.get(url))
    assert young.get(f"{url}/report/{mine.id}").status_code == 404


def test_a_suspended_employers_messages_are_hidden_and_a_deleted_ones_read_deleted(
    app, db_session, world
):
    messages.send(
        db_session, world["interest"], sender=world["colleague"], body="Fra kollega", now=utcnow()
    )
    messages.send(
        db_session, world["interest"], sender=world["employer"], body="Fra sjefen", now=utcnow()
    )
    users.suspend(
        db_session, world["colleague"], moderator=world["moderator"], reason="Svindel", now=utcnow()
    )
    own_data.delete_account(db_session, world["employer"], now=utcnow())
    db_session.commit()
    page = page_of(client_for(app, world["young"]).get(f"/messages/{world['interest'].id}"))
    assert "Fra kollega" not in page
    assert "Fra sjefen" not in page
    assert t("Deleted") in page


def test_the_data_page_lists_my_messages(app, db_session, world):
    messages.send(
        db_session, world["interest"], sender=world["young"], body="Mine ord", now=utcnow()
    )
    db_session.commit()
    page = page_of(client_for(app, world["young"]).get("/me/data"))
    assert "Mine ord" in page
    download = client_for(app, world["young"]).get("/me/data/download").get_json()
    assert [m["words"] for m in download["messages"]] == ["Mine ord"]


def test_staff_reach_the_list_but_are_told_they_read_only_reported_messages(app, world):
    page = page_of(client_for(app, world["moderator"]).get("/messages"))
    assert (
        t(
            "Conversations are between young people and employers. Staff read one only when "
            "someone reports a message in it, on the report's page."
        )
        in page
    )
    assert 'id="messages-link"' not in page


@pytest.mark.parametrize("who", ["young", "employer"])
def test_the_list_and_a_conversation_cost_the_same_queries_for_1_and_4(app, db_session, world, who):
    from tests.views.test_finding import count_requests_queries

    engine = db_session.get_bind().engine
    client = client_for(app, world[who])
    counts = {"list": [], "page": []}
    for _round in range(2):
        for n in range(3 if _round else 0):
            other = factories.published_listing(db_session, world["employer"], title=f"Jobb {n}")
            interest = factories.interest(db_session, world["young"], other)
            messages.send(db_session, interest, sender=world["employer"], body="Hei", now=utcnow())
        for n in range(2):
            messages.send(
                db_session, world["interest"], sender=world["employer"], body=f"{n}", now=utcnow()
            )
            messages.send(
                db_session, world["interest"], sender=world["young"], body=f"{n}", now=utcnow()
            )
        db_session.commit()
        url = f"/messages/{world['interest'].id}"
        client.get("/messages")
        counts["list"].append(count_requests_queries(client, "/messages", engine))
        client.get(url, headers=SAME_SITE)
        counts["page"].append(count_requests_queries(client, url, engine, headers=SAME_SITE))
    assert counts["list"][0] == counts["list"][1]
    assert counts["page"][0] == counts["page"][1]
