"""Error pages speak the site's language in the site's layout; nothing ever shows a traceback."""

import pytest
from flask import Blueprint

from jobbes.views.access import public
from tests.text import t


@pytest.fixture
def app_with_failures(fresh_app):
    app = fresh_app
    broken = Blueprint("broken", __name__)

    @broken.get("/boom")
    @public
    def boom():
        raise RuntimeError("secret internals")

    app.register_blueprint(broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


def test_an_unknown_page_gets_a_404_in_the_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert t("We could not find this page") in page
    assert 'class="ds-skip-link"' in page
    assert page.count("<h1") == 1


def test_error_pages_follow_the_language(client):
    response = client.get("/no-such-page", headers={"Accept-Language": "en"})
    assert "We could not find this page" in response.get_data(as_text=True)


def test_a_wrong_method_gets_a_405_page(client):
    response = client.get("/auth/logout")
    assert response.status_code == 405
    assert t("That did not work") in response.get_data(as_text=True)


def test_an_unexpected_error_gets_a_500_page_without_details(app_with_failures):
    response = app_with_failures.test_client().get("/boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert t("Something went wrong on our side") in page
    assert "secret internals" not in page
    assert "Traceback" not in page


def test_errors_during_an_htmx_swap_go_to_the_message_area(app_with_failures):
    response = app_with_failures.test_client().get(
        "/boom", headers={"HX-Request": "true", "HX-Target": "div#results"}
    )
    assert response.status_code == 500
    assert response.headers["HX-Retarget"] == "#messages"
    assert response.headers["HX-Reswap"] == "innerHTML"
    body = response.get_data(as_text=True)
    assert "<html" not in body
    assert 'class="ds-alert"' in body


def test_a_request_too_large_gets_a_413_page(client):
    response = client.post("/auth/login", data={"email": "x" * (2 * 1024 * 1024)}, csrf=False)
    assert response.status_code == 413
