"""One template gives the page and its fragments; htmx picks a block by the id it swaps."""

import pytest
from flask import Blueprint

from jobbes.htmx import render
from jobbes.views.access import public


@pytest.fixture
def demo_app(fresh_app, tmp_path):
    app = fresh_app
    (tmp_path / "demo.html").write_text(
        '{% extends "base.html" %}{% block title %}Demo{% endblock %}'
        "{% block content %}<h1>Page</h1>"
        '{% block results %}<ul id="results">{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>'
        "{% endblock %}{% block search_form %}{{ forms.submit('Go') }}{% endblock %}"
        "{% endblock %}"
    )
    app.jinja_loader.searchpath.append(str(tmp_path))
    demo = Blueprint("demo", __name__)

    @demo.route("/demo", methods=["GET", "POST"])
    @public
    def page():
        return render("demo.html", items=["a", "b"])

    app.register_blueprint(demo)
    return app


def test_a_plain_request_gets_the_whole_page(demo_app):
    response = demo_app.test_client().get("/demo")
    body = response.get_data(as_text=True)
    assert body.startswith("<!doctype html>")
    assert "<li>a</li>" in body
    assert set(response.vary) >= {"HX-Request", "HX-Target"}


def test_htmx_gets_only_the_block_named_by_its_target(demo_app):
    response = demo_app.test_client().get(
        "/demo", headers={"HX-Request": "true", "HX-Target": "ul#results"}
    )
    assert response.get_data(as_text=True) == (
        '<ul id="results"><li>a</li><li>b</li></ul>\n<title>Demo – Jobbes</title>'
    )


def test_a_swap_brings_the_title_of_what_it_shows(demo_app):
    """htmx moves a <title> in the swapped content to the document (WCAG 2.4.2)."""
    response = demo_app.test_client().get(
        "/demo", headers={"HX-Request": "true", "HX-Target": "ul#results"}
    )
    assert response.get_data(as_text=True).endswith("<title>Demo – Jobbes</title>")


def test_a_page_rendered_for_a_post_never_becomes_the_address(demo_app):
    """A refused form must not leave its POST URL in the address bar, where reload gives 405."""
    client = demo_app.test_client()
    swap = {"HX-Request": "true", "HX-Target": "ul#results"}
    assert client.post("/demo", data={}, headers=swap).headers["HX-Push-Url"] == "false"
    assert "HX-Push-Url" not in client.get("/demo", headers=swap).headers


def test_hyphenated_ids_name_underscored_blocks_and_macros_work_in_fragments(demo_app):
    response = demo_app.test_client().get(
        "/demo", headers={"HX-Request": "true", "HX-Target": "div#search-form"}
    )
    body = response.get_data(as_text=True)
    # Only the block: nothing of the page around it (which holds a button of its own).
    assert body.startswith("<button")
    assert "<h1>" not in body
    assert 'class="ds-button"' in body


@pytest.mark.parametrize(
    "headers",
    [
        {"HX-Request": "true", "HX-Target": "div#no_such_block"},
        {"HX-Request": "true", "HX-Target": "body"},
        {"HX-Request": "true", "HX-Target": "ul#results", "HX-Request-Type": "full"},
        {"HX-Request": "true", "HX-Target": "ul#results", "HX-History-Restore-Request": "true"},
    ],
)
def test_anything_else_gets_the_whole_page(demo_app, headers):
    body = demo_app.test_client().get("/demo", headers=headers).get_data(as_text=True)
    assert body.startswith("<!doctype html>")


def test_an_expired_login_during_a_swap_sends_the_window_to_login(client):
    response = client.get(
        "/me",
        headers={
            "HX-Request": "true",
            "HX-Target": "div#matches",
            "HX-Current-URL": "http://localhost/me?page=2",
        },
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == "/auth/login?next=/me?page%3D2"
