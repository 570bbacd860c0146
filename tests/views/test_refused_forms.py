"""A refused form keeps an address that can be reloaded: htmx is told not to push the POST's URL,
and every URL that can show a refused form also opens with GET."""

import inspect

import pytest

from jobbes.models import Role
from tests import factories
from tests.test_access import routes


def test_every_address_that_shows_a_refused_form_opens_with_get(app):
    """Is there a GET for each POST URL whose view can answer 422 (a form shown with errors)?"""
    gettable = {rule.rule for rule, method, _ in routes(app) if method == "GET"}
    refusing = {
        rule.rule
        for rule, method, _ in routes(app)
        if method == "POST" and "status=422" in inspect.getsource(app.view_functions[rule.endpoint])
    }
    assert refusing, "the sweep found the forms"
    assert refusing - gettable == set()


@pytest.fixture
def as_moderator(client, db_session):
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    client.login(moderator.email)
    return client


def test_rejecting_an_organisation_without_a_reason_keeps_a_reloadable_address(
    as_moderator, db_session
):
    employer = factories.employer(db_session, organisation_name="Lund Kafé")
    db_session.commit()
    organisation_id = employer.organisation_id
    decision = f"/moderation/organisations/{organisation_id}/decision"
    refused = as_moderator.post(
        decision,
        data={"step": "reject", "reason": ""},
        headers={"HX-Request": "true", "HX-Target": "div#review"},
    )
    assert refused.status_code == 422
    assert refused.headers["HX-Push-Url"] == "false"
    # Reload, Back, or the address pasted again: the organisation's page, never 405.
    opened = as_moderator.get(decision)
    assert opened.status_code == 303
    assert opened.headers["Location"] == f"/moderation/organisations/{organisation_id}"
    assert as_moderator.get(opened.headers["Location"]).status_code == 200


@pytest.mark.parametrize("kind", ["listings", "profiles"])
def test_a_review_decisions_address_opens_the_item(as_moderator, kind):
    response = as_moderator.get(f"/moderation/{kind}/7/decision")
    assert response.status_code == 303
    assert response.headers["Location"] == f"/moderation/{kind}/7"
