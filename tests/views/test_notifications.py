"""The inbox, the unread count in the header and the settings, used as a person uses them."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import Category, Channel, Frequency, Notification, NotificationKind
from jobbes.models.base import utcnow
from jobbes.services import notifications
from tests import factories

K = NotificationKind
PARAMS = {"organisation": "Kafé Kvadraturen", "listing": "Kjøkkenhjelp"}


@pytest.fixture
def young(db_session):
    user = factories.young_person(db_session, name="Sara")
    db_session.commit()
    return user


@pytest.fixture
def me(client, young):
    client.login(young.email)
    return client


def tell(db_session, user, kind=K.INTEREST_READ, *, link="/me/interests", when=None):
    note = notifications.notify(
        db_session, user, kind, link=link, params=PARAMS, now=when or utcnow()
    )
    db_session.commit()
    return note


def test_young_person_sees_what_will_appear_before_anything_happens(me):
    page = me.get("/notifications").get_data(as_text=True)
    assert "Nothing new yet" in page or "Ingenting nytt ennå" in page
    assert 'class="notification-count"' not in page


def test_young_person_sees_a_notification_in_their_language(me, db_session, young):
    tell(db_session, young, K.INTEREST_OFFERED)
    page = me.get("/notifications", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "You have been offered the place" in page
    assert "Kafé Kvadraturen offers you “Kjøkkenhjelp”" in page
    assert "notification--unread" in page
    norsk = me.get("/notifications", headers={"Accept-Language": "nb"}).get_data(as_text=True)
    assert "Du har fått tilbud om plassen" in norsk


def test_the_header_counts_unread_notifications_on_every_page(me, db_session, young):
    for _ in range(3):
        tell(db_session, young)
    for url in ("/", "/me", "/listings"):
        page = me.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
        assert '<span class="notification-count">3<span class="ds-sr-only"> unread</span>' in page


def test_opening_a_notification_marks_it_read_and_goes_to_the_thing(me, db_session, young):
    note = tell(db_session, young, link="/me/interests")
    response = me.get(f"/notifications/{note.id}/open")
    assert response.status_code == 303
    assert response.headers["Location"] == "/me/interests"
    db_session.refresh(note)
    assert note.read_at is not None


def test_a_link_off_the_site_is_never_followed(me, db_session, young):
    note = tell(db_session, young, link="//evil.example/")
    response = me.get(f"/notifications/{note.id}/open")
    assert response.headers["Location"] == "/notifications"


def test_nobody_can_open_or_mark_another_persons_notification(me, db_session):
    other = factories.young_person(db_session)
    note = tell(db_session, other)
    assert me.get(f"/notifications/{note.id}/open").status_code == 404
    assert me.post(f"/notifications/{note.id}/read", data={}).status_code == 404
    db_session.refresh(note)
    assert note.read_at is None


def test_young_person_can_mark_one_and_then_all_read(me, db_session, young):
    first = tell(db_session, young)
    tell(db_session, young)
    tell(db_session, young)
    response = me.post(f"/notifications/{first.id}/read", data={})
    assert response.status_code == 303
    assert notifications.unread_count(db_session, young) == 2
    response = me.post("/notifications/read", data={}, follow_redirects=True)
    assert notifications.unread_count(db_session, young) == 0
    assert "notification--unread" not in response.get_data(as_text=True)


def test_the_inbox_pages_newest_first_and_as_a_fragment(me, db_session, young):
    start = utcnow()
    notes = [tell(db_session, young, when=start + timedelta(minutes=i)) for i in range(25)]
    page = me.get("/notifications").get_data(as_text=True)
    assert f'id="notification-{notes[-1].id}"' in page
    assert f'id="notification-{notes[4].id}"' not in page
    assert 'rel="next"' in page
    fragment = me.htmx("GET", "/notifications?page=2", "notification-list").get_data(as_text=True)
    assert fragment.startswith('<section id="notification-list"')
    assert "<html" not in fragment
    assert f'id="notification-{notes[0].id}"' in fragment
    assert 'rel="prev"' in fragment


@pytest.mark.parametrize("role", ["employer", "moderator", "admin"])
def test_every_role_has_an_inbox_and_settings(client, db_session, role):
    from jobbes.models import Role

    user = factories.user_with_role(db_session, Role(role))
    db_session.commit()
    client.login(user.email)
    assert client.get("/notifications").status_code == 200
    settings = client.get("/notifications/settings").get_data(as_text=True)
    for category in notifications.CATEGORIES_FOR_ROLE[Role(role)]:
        assert f'name="{category.value}_channel"' in settings
    assert 'name="saved_searches_channel"' not in settings


def test_settings_show_the_defaults_and_save_a_choice(me, db_session, young):
    page = me.get("/notifications/settings").get_data(as_text=True)
    assert 'name="invitations_channel" value="email" checked' in page
    # No confirmed number: SMS is there but cannot be chosen, and the page says why.
    assert 'value="sms" disabled' in page
    data = {}
    for category in notifications.CATEGORIES_FOR_ROLE[young.role]:
        data[f"{category.value}_channel"] = "email"
        data[f"{category.value}_frequency"] = "immediate"
    data["invitations_channel"] = "in_app"
    data["saved_searches_frequency"] = "daily"
    response = me.post("/notifications/settings", data=data)
    assert response.status_code == 303
    chosen = notifications.preferences_of(db_session, young)
    assert chosen[Category.INVITATIONS].channel is Channel.IN_APP
    assert chosen[Category.SAVED_SEARCHES].frequency is Frequency.DAILY
    assert chosen[Category.MY_INTERESTS].channel is Channel.EMAIL


def test_sms_cannot_be_forced_through_the_form(me, db_session, young):
    data = {}
    for category in notifications.CATEGORIES_FOR_ROLE[young.role]:
        data[f"{category.value}_channel"] = "sms"
        data[f"{category.value}_frequency"] = "immediate"
    response = me.htmx("POST", "/notifications/settings", "notification-settings", data=data)
    assert response.status_code == 422
    fragment = response.get_data(as_text=True)
    assert fragment.startswith('<form id="notification-settings"')
    assert "ds-error-summary" in fragment
    assert db_session.scalar(select(Notification).where(Notification.user_id == young.id)) is None


def test_the_language_switcher_remembers_the_language_for_emails(me, db_session, young):
    me.post("/language", data={"language": "en", "next": "/me"})
    db_session.refresh(young)
    assert young.language == "en"


def test_logging_in_remembers_the_language_of_the_page(client, db_session, young):
    client.set_cookie("jobbes_lang", "en")
    client.login(young.email)
    db_session.refresh(young)
    assert young.language == "en"


def test_visitors_are_sent_to_log_in(client):
    response = client.get("/notifications")
    assert response.status_code in (302, 303)
    assert "/auth/login" in response.headers["Location"]


def test_the_header_count_is_one_query_per_page(me, db_session, young, engine):
    from sqlalchemy import event

    tell(db_session, young)
    statements = []

    def remember(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", remember)
    try:
        assert me.get("/notifications").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    counts = [s for s in statements if "count(" in s.lower() and "notifications" in s]
    assert len(counts) == 1
