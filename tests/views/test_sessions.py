"""Logging out ends the session on the server, not only in the browser that pressed the button."""

from tests import factories

SESSION_COOKIE = "jobbes_session"
REMEMBER_COOKIE = "jobbes_remember"


def _cookies(client, *names):
    return {name: client.get_cookie(name).value for name in names if client.get_cookie(name)}


def _replay(app, cookies):
    """A fresh browser that carries cookies someone copied."""
    other = app.test_client()
    for name, value in cookies.items():
        other.set_cookie(name, value)
    return other


def _log_in(client, email, *, remember=False):
    data = {"email": email, "password": factories.PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/auth/login", data=data).status_code == 303


def test_a_session_cookie_copied_before_logout_no_longer_opens_the_page(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client = app.test_client()
    _log_in(client, user.email)
    copied = _cookies(client, SESSION_COOKIE)
    assert _replay(app, copied).get("/me").status_code == 200

    assert client.post("/auth/logout", data={}).status_code == 303
    assert _replay(app, copied).get("/me").status_code == 302


def test_a_remember_me_cookie_copied_before_logout_no_longer_logs_in(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client = app.test_client()
    _log_in(client, user.email, remember=True)
    copied = _cookies(client, REMEMBER_COOKIE)
    assert copied, "ticking the box sets a remember-me cookie"
    assert _replay(app, copied).get("/me").status_code == 200

    client.post("/auth/logout", data={})
    assert _replay(app, copied).get("/me").status_code == 302


def test_logging_out_on_one_device_keeps_the_other_logged_in(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    phone, laptop = app.test_client(), app.test_client()
    _log_in(phone, user.email)
    _log_in(laptop, user.email, remember=True)

    phone.post("/auth/logout", data={})
    assert phone.get("/me").status_code == 302
    assert laptop.get("/me").status_code == 200


def test_a_person_can_log_out_on_all_devices(app, db_session):
    user = factories.employer(db_session)
    db_session.commit()
    phone, laptop = app.test_client(), app.test_client()
    _log_in(phone, user.email)
    _log_in(laptop, user.email, remember=True)
    remembered = _cookies(laptop, REMEMBER_COOKIE)

    page = phone.get("/auth/password").get_data(as_text=True)
    assert 'action="/auth/password/logout-everywhere"' in page
    assert phone.get("/auth/password/logout-everywhere").status_code == 405
    response = phone.post("/auth/password/logout-everywhere", data={})
    assert response.status_code == 303
    assert phone.get("/employer").status_code == 302
    assert laptop.get("/employer").status_code == 302
    assert _replay(app, remembered).get("/employer").status_code == 302


def test_logging_out_everywhere_needs_a_csrf_token(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    client = app.test_client()
    _log_in(client, user.email)
    response = client.post("/auth/password/logout-everywhere", data={}, csrf=False)
    assert response.status_code == 400
    assert client.get("/me").status_code == 200


def test_changing_the_password_ends_remembered_logins_too(app, db_session):
    user = factories.young_person(db_session)
    db_session.commit()
    phone, laptop = app.test_client(), app.test_client()
    _log_in(phone, user.email)
    _log_in(laptop, user.email, remember=True)
    remembered = _cookies(laptop, REMEMBER_COOKIE)

    phone.post(
        "/auth/password",
        data={"current_password": factories.PASSWORD, "password": "a-new-password"},
    )
    assert phone.get("/me").status_code == 200
    assert _replay(app, remembered).get("/me").status_code == 302
