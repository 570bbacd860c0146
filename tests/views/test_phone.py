"""Adding a mobile number on the web: the code comes by text (here the log backend), wrong and
guessed codes, invalid and foreign numbers, a gateway that fails, removing the number, and the
short links in texts that open only for their owner after logging in."""

from __future__ import annotations

import logging
import re

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select

from jobbes.models import Category, Channel, Frequency, NotificationKind, SmsLink
from jobbes.models.base import utcnow
from jobbes.services import notifications, phones
from tests import factories

NB = {"Accept-Language": "nb"}


@pytest.fixture
def young(db_session):
    user = factories.young_person(db_session, name="Sara")
    db_session.commit()
    return user


@pytest.fixture
def me(client, young):
    client.login(young.email)
    return client


@pytest.fixture
def sms_log(caplog):
    caplog.set_level(logging.INFO, logger="jobbes.sms")
    return lambda: [r.getMessage() for r in caplog.records if r.name == "jobbes.sms"]


def allowed(db_session, user) -> bool:
    """Read afresh: the app changed the rows in its own session."""
    db_session.expire_all()
    return notifications.sms_allowed(user)


def page(client, url="/notifications/phone") -> str:
    return client.get(url, headers=NB).get_data(as_text=True)


def add(client, number: str):
    return client.post("/notifications/phone", data={"number": number}, headers=NB)


def confirm(client, code: str):
    return client.post("/notifications/phone/confirm", data={"code": code}, headers=NB)


def last_code(sms_log) -> str:
    match = re.search(r"Koden din fra Jobbes er (\d{6})\.", sms_log()[-1])
    assert match, sms_log()
    return match.group(1)


def test_adding_and_confirming_a_number_lets_a_person_choose_sms(me, db_session, young, sms_log):
    settings = page(me, "/notifications/settings")
    assert 'href="/notifications/phone"' in settings
    assert re.search(r'value="sms"[^>]*disabled', settings)

    response = add(me, "412 34 567")
    assert response.status_code == 303
    assert "+4741234567" in sms_log()[-1]
    shown = page(me)
    assert "Vi har sendt en kode til +47 41 23 45 67." in shown
    assert 'autocomplete="one-time-code"' in shown

    response = confirm(me, last_code(sms_log))
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/notifications/settings")
    settings = page(me, "/notifications/settings")
    assert "Mobilnummeret ditt er bekreftet." in settings
    assert not re.search(r'value="sms"[^>]*disabled', settings)
    data = {}
    for category in notifications.CATEGORIES_FOR_ROLE[young.role]:
        data[f"{category.value}_channel"] = "email"
        data[f"{category.value}_frequency"] = "immediate"
    data["invitations_channel"] = "sms"
    assert me.post("/notifications/settings", data=data).status_code == 303
    db_session.expire_all()
    chosen = notifications.preference_for(db_session, young, Category.INVITATIONS)
    assert chosen.channel is Channel.SMS
    assert "SMS-ene går til +47 41 23 45 67." in page(me)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12ab", "Det kjenner vi ikke igjen som et telefonnummer."),
        ("+46 70 123 45 67", "Jobbes kan bare sende SMS til norske mobilnumre (+47)."),
        ("22 12 34 56", "Det ser ut som et fasttelefonnummer."),
        ("", "Skriv mobilnummeret ditt."),
        ("4" * 40, "Det er for langt til å være et telefonnummer."),
    ],
)
def test_invalid_and_foreign_numbers_get_a_clear_message(me, sms_log, typed, message):
    response = add(me, typed)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert sms_log() == []


def test_guessing_the_code_locks_the_number_for_an_hour(me, db_session, young, sms_log):
    add(me, "41234567")
    code = last_code(sms_log)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for left in range(phones.MAX_ATTEMPTS - 1, 0, -1):
        response = confirm(me, wrong)
        assert response.status_code == 422
        assert f"Du kan prøve {left} ganger til." in response.get_data(as_text=True)
    response = confirm(me, wrong)
    assert response.status_code == 303
    locked = page(me)
    assert "For mange forsøk." in locked
    assert 'name="code"' not in locked
    assert 'name="number"' not in locked
    # The right code is no use now, and no new code is sent.
    assert confirm(me, code).status_code == 303
    assert add(me, "41234567").status_code == 303
    assert len(sms_log()) == 1
    assert not allowed(db_session, young)


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", "' OR 1=1 --"])
def test_a_code_that_is_not_six_digits_is_refused_without_counting(
    me, db_session, young, sms_log, code
):
    add(me, "41234567")
    response = confirm(me, code)
    db_session.expire_all()
    assert response.status_code == 422
    assert "Koden har seks sifre." in response.get_data(as_text=True)
    assert young.phone is not None
    assert young.phone.failed_attempts == 0


def test_a_code_without_a_number_is_refused_kindly(me):
    assert confirm(me, "123456").status_code == 303
    assert "Koden har gått ut." in page(me)


@pytest.mark.parametrize("status", [400, 500, 503])
def test_a_failing_gateway_is_explained_never_a_500(app, me, httpserver: HTTPServer, status):
    app.config.update(
        SMS_BACKEND="sveve",
        SMS_SVEVE_URL=httpserver.url_for("/SMS/SendMessage"),
        SMS_SVEVE_USER="jobbes",
        SMS_SVEVE_PASSWORD="hemmelig",
    )
    app.extensions.pop("jobbes_sms", None)
    httpserver.expect_oneshot_request("/SMS/SendMessage", method="POST").respond_with_data(
        "error", status=status
    )
    response = add(me, "41234567")
    assert response.status_code == 303
    assert "Vi fikk ikke sendt SMS-en akkurat nå." in page(me)
    httpserver.check_assertions()


def test_removing_the_number_stops_texts(me, db_session, young, sms_log):
    add(me, "41234567")
    confirm(me, last_code(sms_log))
    assert allowed(db_session, young)
    response = me.post("/notifications/phone/remove", data={}, headers=NB)
    assert response.status_code == 303
    assert "Mobilnummeret ditt er fjernet." in page(me)
    assert not allowed(db_session, young)
    assert "+47 41 23 45 67" not in page(me)


def test_the_phone_page_needs_a_login(client):
    response = client.get("/notifications/phone")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def text_link(db_session, user, *, link="/me/interests") -> str:
    note = notifications.notify(
        db_session, user, NotificationKind.INTEREST_OFFERED, link=link, now=utcnow()
    )
    assert note is not None
    code = "Ab3xK9pQ"
    db_session.add(SmsLink(code=code, user_id=user.id, notification_id=note.id))
    db_session.commit()
    return code


def test_a_short_link_asks_for_a_login_then_opens_the_notification(client, db_session, young):
    code = text_link(db_session, young)
    response = client.get(f"/v/{code}")
    assert response.status_code == 302
    assert f"next=/v/{code}" in response.headers["Location"]
    login = client.post(
        "/auth/login",
        data={"email": young.email, "password": "password123", "next": f"/v/{code}"},
    )
    assert login.headers["Location"].endswith(f"/v/{code}")
    opened = client.get(f"/v/{code}")
    assert opened.status_code == 303
    assert opened.headers["Location"].endswith("/me/interests")
    assert notifications.unread_count(db_session, young) == 0


def test_someone_else_s_short_link_is_not_found(client, db_session, young):
    code = text_link(db_session, young)
    other = factories.young_person(db_session, email="other@example.no")
    db_session.commit()
    client.login(other.email)
    assert client.get(f"/v/{code}").status_code == 404
    assert client.get("/v/nothere").status_code == 404
    for odd in ("a" * 500, "Ab3x%00K9pQ", "Ab3x'--", "%C3%A6%C3%B8"):
        assert client.get(f"/v/{odd}").status_code == 404
    assert notifications.unread_count(db_session, young) == 1


def test_a_folded_text_s_link_opens_the_inbox(me, db_session, young):
    db_session.add(SmsLink(code="Fold1234", user_id=young.id, notification_id=None))
    db_session.commit()
    response = me.get("/v/Fold1234")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/notifications")


def test_sms_preferences_fall_back_to_email_once_the_number_is_gone(db_session, young):
    sent = phones.request_code(db_session, young, "41234567", now=utcnow())
    phones.confirm(db_session, young, sent.code, now=utcnow())
    notifications.set_preference(
        db_session, young, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
    )
    phones.remove(db_session, young)
    note = notifications.notify(
        db_session, young, NotificationKind.INTEREST_INVITED, link="/me", now=utcnow()
    )
    assert note is not None
    assert [d.channel for d in note.deliveries] == [Channel.EMAIL]
    assert db_session.scalars(select(SmsLink)).all() == []


def test_the_number_shows_among_the_person_s_data(me, sms_log):
    add(me, "41234567")
    data = page(me, "/me/data")
    assert "<dt>Mobilnummer</dt><dd>+4741234567</dd>" in data
    assert '"mobile_number": "+4741234567"' in me.get("/me/data/download").get_data(as_text=True)


def test_the_phone_forms_are_rate_limited_per_address(database_url, smtp_sink, connection, young):
    from sqlalchemy.orm import sessionmaker

    from jobbes.db import EXTENSION_KEY
    from tests.conftest import make_test_app

    app = make_test_app(database_url, smtp_sink[1], RATELIMIT_ENABLED=True)
    app.extensions[EXTENSION_KEY] = sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint"
    )
    client = app.test_client()
    client.login(young.email)
    for _ in range(10):
        assert confirm(client, "abc").status_code == 422
    limited = confirm(client, "abc")
    assert limited.status_code == 429
    assert "<html" in limited.get_data(as_text=True)


@pytest.mark.parametrize("typed", ["4123\x004567", "41234567\x00", "\u202e41234567", "٤١٢٣٤٥٦٧"])
def test_odd_characters_in_a_number_never_break_the_page(me, typed):
    assert add(me, typed).status_code in (303, 422)
    assert confirm(me, "12345\x00").status_code == 422
