"""One-click unsubscribe from an email's category (RFC 8058), and the page a browser sees."""

from jobbes.models import Category, Channel
from jobbes.notification_mail import unsubscribe_token
from jobbes.services import notifications
from tests import factories


def channel_of(db_session, user, category):
    db_session.expire_all()
    return notifications.preference_for(db_session, user, category).channel


def test_one_click_post_works_without_cookies_or_csrf(app, db_session):
    young = factories.young_person(db_session)
    db_session.commit()
    with app.test_request_context():
        token = unsubscribe_token(young, Category.MY_INTERESTS)
    client = app.test_client()
    response = client.post(
        f"/unsubscribe/{token}", data={"List-Unsubscribe": "One-Click"}, csrf=False
    )
    assert response.status_code == 200
    assert channel_of(db_session, young, Category.MY_INTERESTS) is Channel.IN_APP
    assert channel_of(db_session, young, Category.INVITATIONS) is Channel.EMAIL


def test_opening_the_link_changes_nothing_and_offers_a_button(app, client, db_session):
    young = factories.young_person(db_session)
    db_session.commit()
    with app.test_request_context():
        token = unsubscribe_token(young, Category.INVITATIONS)
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'action="/unsubscribe/{token}"' in html
    assert "<button" in html
    assert channel_of(db_session, young, Category.INVITATIONS) is Channel.EMAIL


def test_a_reused_link_says_nothing_changed(app, client, db_session):
    young = factories.young_person(db_session)
    db_session.commit()
    with app.test_request_context():
        token = unsubscribe_token(young, Category.INVITATIONS)
    client.post(f"/unsubscribe/{token}", data={}, csrf=False)
    again = client.post(f"/unsubscribe/{token}", data={}, csrf=False)
    assert again.status_code == 200
    assert "Nothing was changed" in again.get_data(as_text=True) or "Ingenting" in again.get_data(
        as_text=True
    )


def test_a_forged_token_is_refused_harmlessly(app, client, db_session):
    young = factories.young_person(db_session)
    db_session.commit()
    with app.test_request_context():
        token = unsubscribe_token(young, Category.MY_INTERESTS)
    forged = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    for response in (
        client.get(f"/unsubscribe/{forged}"),
        client.post(f"/unsubscribe/{forged}", data={}, csrf=False),
        client.post("/unsubscribe/not-a-token", data={}, csrf=False),
    ):
        assert response.status_code == 400
        assert "<h1" in response.get_data(as_text=True)
    assert channel_of(db_session, young, Category.MY_INTERESTS) is Channel.EMAIL
