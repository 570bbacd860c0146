"""Default deny: every route, as every role, gets what the permission table says and no more."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from jobbes.models import Role
from jobbes.views.access import PUBLIC, required_access
from tests import factories

# Making a route public is a decision; it is written down here so that it is one.
PUBLIC_ENDPOINTS = {
    "public.index",
    "public.privacy",
    "public.accessibility",
    "public.choose_language",
    "public.healthz",
    "auth.register_page",
    "auth.register_young_person_page",
    "auth.register_young_person",
    "auth.register_employer_page",
    "auth.register_employer",
    "auth.check_email_page",
    "auth.confirm_page",
    "auth.confirm",
    # A link sent to a new address: the signed token, not a login, says whose address it is.
    "auth.email_change_page",
    "auth.email_change",
    "auth.login_page",
    "auth.login",
    "auth.logout",
    "auth.reset_request_page",
    "auth.reset_request",
    "auth.reset_page",
    "auth.reset_password",
    "auth.invitation_page",
    "auth.accept_invitation",
    "listings.index",
    "listings.listing_page",
    "organisations.organisation_page",
    # A guardian has no account: the single-use token in the link says which agreement it is.
    "agreements.guardian_page",
    "agreements.guardian_sign",
    "agreements.guardian_question",
    "agreements.guardian_question_page",
    "unsubscribe.page",
    "unsubscribe.unsubscribe",
    "static",
}

# Which roles may enter each area of the site, written independently of permissions.py.
AREAS = {
    "/me": {Role.YOUNG_PERSON},
    "/me/data": set(Role),
    "/employer": {Role.EMPLOYER},
    "/moderation": {Role.MODERATOR, Role.ADMIN},
    "/auth/password": set(Role),
    "/auth/name": set(Role),
    "/report": set(Role),
    "/notifications": set(Role),
    # Everyone reaches the area; only the people of an interest reach its conversation (404).
    "/messages": set(Role),
    "/v/": set(Role),  # the short links in text messages
    "/listings/1/interest": {Role.YOUNG_PERSON},
    "/listings/saved": {Role.YOUNG_PERSON},
    "/moderation/people/1/moderator": {Role.ADMIN},
    "/moderation/deliveries": {Role.ADMIN},
    # Every signed-in person has agreements (their own); changing one is for its employer and
    # the programme (its staff, or a counsellor chosen as its contact while the young person's
    # consent is in force: which agreement is an object rule, 404 otherwise), setting one up
    # for the programme's staff.
    "/agreements": set(Role),
    "/agreements/1/terms": {Role.EMPLOYER, Role.MODERATOR, Role.ADMIN, Role.COUNSELLOR},
    "/agreements/1/schedule": {Role.EMPLOYER, Role.MODERATOR, Role.ADMIN, Role.COUNSELLOR},
    "/agreements/1/send": set(Role),
    "/agreements/1/cancel": set(Role),
    "/agreements/for-interest": {Role.MODERATOR, Role.ADMIN},
    "/moderation/counsellors": {Role.ADMIN},
    "/moderation/programme-users": {Role.ADMIN},
    "/counsellor": {Role.COUNSELLOR},
    # After a trial: each side writes its own part of the evaluation; the certificate is the
    # young person's (and staff's); the follow-up question the young person's. Which agreement
    # or question is an object rule: everyone else gets a 404, the employer too.
    "/agreements/1/evaluation": set(Role),
    "/agreements/1/certificate": set(Role),
    "/agreements/follow-ups": set(Role),
    # The programme's numbers: counts only, so the municipality's read-only role sees them too.
    "/moderation/indicators": {Role.MODERATOR, Role.ADMIN, Role.PROGRAMME},
}


# Routes that end the login they were called with; a sweep as a signed-in person leaves them out.
SIGNS_OUT = {"auth.logout_everywhere"}


def sample_value(converter: object) -> object:
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "sample"


def routes(app: Flask) -> list[tuple[Rule, str, str]]:
    """Every (rule, method, url) of the app, with sample values for the URL's arguments."""
    adapter = app.url_map.bind("localhost")
    found = []
    for rule in app.url_map.iter_rules():
        values = {name: sample_value(c) for name, c in rule._converters.items()}
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule, method, adapter.build(rule.endpoint, values, method=method)))
    return found


def request(client, method: str, url: str):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={})


def area_of(url: str) -> str | None:
    """The most specific area a URL lies in."""
    matching = [prefix for prefix in AREAS if url.startswith(prefix)]
    return max(matching, key=len) if matching else None


def test_every_route_declares_who_may_use_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if required_access(app, rule.endpoint) is None
    ]
    assert undeclared == []


def test_the_public_routes_are_exactly_the_ones_decided_on(app):
    public = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if required_access(app, rule.endpoint) == PUBLIC
    }
    assert public == PUBLIC_ENDPOINTS


def test_every_private_route_lies_in_a_known_area(app):
    private = [url for rule, _m, url in routes(app) if rule.endpoint not in PUBLIC_ENDPOINTS]
    assert [url for url in private if area_of(url) is None] == []


def test_anonymous_visitors_are_sent_to_login_from_every_private_route(app, client):
    for rule, method, url in routes(app):
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        response = request(client, method, url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response.headers["Location"].startswith("/auth/login?next="), (method, url)


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_refused_where_it_does_not_belong(app, db_session, role):
    # Someone else first, so that the sample ids name another person's account: what staff may
    # do to their own account is an object rule (tests/services/test_roles.py), not the area's.
    factories.young_person(db_session)
    user = factories.user_with_role(db_session, role)
    db_session.commit()
    client = app.test_client()
    client.login(user.email)
    for rule, method, url in routes(app):
        area = area_of(url)
        if area is None or rule.endpoint in SIGNS_OUT:
            continue
        response = request(client, method, url)
        if role in AREAS[area]:
            assert response.status_code not in (401, 403), (role, method, url)
            assert response.status_code < 500, (role, method, url)
        else:
            assert response.status_code in (403, 404), (role, method, url, response.status_code)
