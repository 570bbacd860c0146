"""No input gives a 500: every route, as every role, with what an attacker or a bad day sends.

Three kinds: ids larger than the database holds, blank or unknown values in choice fields (and
numbers too large in number fields), and files sent into text fields. Each route is tried with
ids of real things, so the form behind it is really reached.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import Connection
from werkzeug.routing import IntegerConverter, Rule
from wtforms import IntegerField, SelectFieldBase
from wtforms.fields.choices import SelectChoice

import jobbes.forms
from jobbes.forms.base import Form
from jobbes.models import FollowUp, ListingVersion, ReportReason, Role
from jobbes.models.base import local_today, utcnow
from jobbes.routing import MAX_ID
from jobbes.services import agreements, listings, messages, notifications, reports
from jobbes.services.profiles import STEPS
from tests import factories
from tests.conftest import CSRF_INPUT

TOO_LARGE = (2**31, 2**63)
# Answers that show the role was turned away before any form was read.
REFUSED = (302, 403, 404)


def _import_all_forms() -> None:
    for module in pkgutil.iter_modules(jobbes.forms.__path__):
        importlib.import_module(f"jobbes.forms.{module.name}")


def _all_forms(cls: type = Form) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_forms(sub)


def _field_names(kind: type, *, read_from_query: bool = False) -> set[str]:
    return {
        name
        for form in _all_forms()
        if not read_from_query or getattr(form.Meta, "csrf", True) is False
        for name, unbound in form._unbound_fields or _unbound(form)
        if issubclass(unbound.field_class, kind)
    }


def _a_valid_choice(name: str) -> str | None:
    for form in _all_forms():
        for field_name, unbound in form._unbound_fields or _unbound(form):
            choices = unbound.kwargs.get("choices") if field_name == name else None
            for choice in choices or []:
                value = choice.value if isinstance(choice, SelectChoice) else choice[0]
                if value:
                    return str(value)
    return None


def _unbound(form: type) -> list[tuple[str, Any]]:
    return [
        (name, value)
        for name in dir(form)
        if not name.startswith("_") and hasattr(value := getattr(form, name), "_formfield")
    ]


_import_all_forms()
CHOICE_FIELDS = _field_names(SelectFieldBase)
GET_CHOICE_FIELDS = _field_names(SelectFieldBase, read_from_query=True)
NUMBER_FIELDS = _field_names(IntegerField)
TEXT_FIELDS = _field_names(object) - CHOICE_FIELDS - NUMBER_FIELDS - {"csrf_token"}
# A whole, sensible answer to any of the forms, so that one odd value is all that is wrong. The
# decision and the step lead to the choices that only they read (a reject's reason, a decline's
# message).
GOOD: dict[str, str] = {
    **{name: value for name in CHOICE_FIELDS if (value := _a_valid_choice(name)) is not None},
    "decision": "reject",
    "step": "decline",
    "name": "Kari",
    "organisation_name": "Kafé Test AS",
    "title": "Kjøkkenhjelp",
    "description": "Du hjelper til på kjøkkenet.",
    "deadline": (local_today() + timedelta(days=20)).isoformat(),
    "places": "1",
    "hours_per_week": "10",
    "about": "Jeg liker å lage mat.",
    "text": "Noe er galt her.",
    "message": "Hei!",
    "body": "Hei igjen!",
    # A trial's evaluation: an offer's start, and the young person's words.
    "offer_start": (local_today() + timedelta(days=30)).isoformat(),
    "how_it_was": "Fint.",
}


@pytest.fixture
def world(db_session) -> dict[str, Any]:
    moderator = factories.staff(db_session)
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, moderator)
    pending = factories.listing(db_session, employer, title="Lagerhjelp")
    listings.submit_listing(pending, today=local_today(), now=utcnow())
    young = factories.findable_young_person(db_session)
    interest = factories.interest(db_session, young, listing)
    # A message from the employer: the young person may report it (its form is reached).
    message = messages.send(db_session, interest, sender=employer, body="Hei!", now=utcnow())
    waiting = factories.findable_young_person(db_session, name="Emil", approved=False)
    report = reports.create_report(
        db_session,
        reporter=young,
        subject_type="listing",
        subject_id=listing.id,
        reason=ReportReason.OTHER,
        text="Rart",
        now=utcnow(),
    )
    agreement = factories.agreement(
        db_session, young=young, employer_user=employer, moderator=moderator
    )
    agreements.send_for_signature(
        db_session,
        agreement,
        moderator,
        seen_version=agreement.version,
        today=local_today(),
        now=utcnow(),
    )
    # A trial that is over, for its evaluation and certificate, and its follow-up question.
    finished = factories.finished_agreement(db_session, young=young, moderator=moderator)
    follow_up = FollowUp(agreement_id=finished.id, months=3, asked_at=utcnow())
    db_session.add(follow_up)
    db_session.flush()
    ids = {
        "agreement_id": agreement.id,
        "finished_agreement_id": finished.id,
        "follow_up_id": follow_up.id,
        "listing_id": listing.id,
        "interest_id": interest.id,
        "message_id": message.id,
        "profile_id": young.id,
        "organisation_id": employer.organisation_id,
        "user_id": young.id,
        "report_id": report.id,
        "subject_id": listing.id,
        # The young person's own: "profile approved" (everyone else's is a 404).
        "notification_id": notifications.inbox(db_session, young).notifications[0].id,
    }
    version = db_session.get(ListingVersion, pending.current_version_id)
    users = {
        Role.YOUNG_PERSON: young,
        Role.EMPLOYER: employer,
        Role.MODERATOR: moderator,
        Role.ADMIN: factories.staff(db_session, role=Role.ADMIN),
        Role.COUNSELLOR: factories.counsellor(db_session),
        Role.PROGRAMME: factories.staff(db_session, role=Role.PROGRAMME),
    }
    # The counsellor follows the young person, so their forms are really reached.
    factories.following(db_session, young, users[Role.COUNSELLOR])
    ids["counsellor_id"] = users[Role.COUNSELLOR].id
    ids["programme_user_id"] = users[Role.PROGRAMME].id
    db_session.commit()
    return {
        "ids": ids,
        "listing_item": version.id,
        "profile_item": waiting.profile.pending_submission.id,
        "users": users,
    }


def _values(rule: Rule, world: dict[str, Any], too_large: int | None) -> Iterator[dict[str, Any]]:
    values: dict[str, Any] = {}
    for name, converter in rule._converters.items():
        if isinstance(converter, IntegerConverter):
            if too_large is not None:
                values[name] = too_large
            elif name == "item_id":
                kind = "listing" if rule.endpoint.startswith("moderation.listing") else "profile"
                values[name] = world[f"{kind}_item"]
            elif name == "agreement_id" and rule.endpoint.startswith("evaluations."):
                values[name] = world["ids"]["finished_agreement_id"]
            else:
                # Ids of things this world does not make (yet) still get a number to try.
                values[name] = world["ids"].get(name, 1)
        elif name == "subject_type":
            values[name] = "listing"
        else:
            values[name] = "sample"
    if "step" in rule.arguments:
        for step in STEPS:
            yield {**values, "step": step}
    else:
        yield values


def _requests(app: Flask, world: dict[str, Any], too_large: int | None = None):
    adapter = app.url_map.bind("localhost")
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "auth.logout"):
            continue  # whitenoise serves files; logging out would end the role's sweep
        if too_large is not None and not any(
            isinstance(c, IntegerConverter) for c in rule._converters.values()
        ):
            continue
        for values in _values(rule, world, too_large):
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                yield method, adapter.build(rule.endpoint, values, method=method)


def _client(app: Flask, world: dict[str, Any], role: Role | None):
    client = app.test_client()
    if role is not None:
        client.login(world["users"][role].email)
    token = CSRF_INPUT.search(client.get("/privacy").get_data(as_text=True))
    assert token
    return client, token.group(1)


ROLES = [None, *Role]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_ids_too_large_for_the_database_are_pages_that_do_not_exist(app, world, role):
    client, token = _client(app, world, role)
    answers = []
    for too_large in TOO_LARGE:
        for method, url in _requests(app, world, too_large):
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data={"csrf_token": token}, csrf=False)
            answers.append((method, url, response.status_code))
    assert answers
    # A 405 where a rule for another method has the same path: Werkzeug rules out the method
    # before it reads the number. Neither answer shows or touches anything.
    assert [a for a in answers if a[2] not in (404, 405)] == []


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_blank_and_unknown_choices_and_huge_numbers_are_refused_kindly(
    app, world, connection, role
):
    client, token = _client(app, world, role)
    failures = []
    for method, url in _requests(app, world):
        if method == "GET":
            if client.get(url).status_code in REFUSED:
                continue
            for data in _odd_inputs(GET_CHOICE_FIELDS, {}):
                response = client.get(url, query_string=data)
                if response.status_code >= 500:
                    failures.append((method, url, data))
            continue
        with _undone(connection):
            probe = client.post(url, data={**GOOD, "csrf_token": token}, csrf=False)
        if probe.status_code in REFUSED:
            continue
        for data in _odd_inputs(CHOICE_FIELDS, GOOD):
            with _undone(connection):
                response = client.post(url, data={**data, "csrf_token": token}, csrf=False)
            if response.status_code >= 500:
                failures.append((method, url, data))
    assert failures == []


def _odd_inputs(names: set[str], good: dict[str, str]) -> Iterator[dict[str, str]]:
    """One blank choice at a time among good values, so the form gets as far as reading it."""
    for name in sorted(names):
        yield {**good, name: " "}
    yield {**good, **dict.fromkeys(names, "nonsense")}
    yield {**good, **{name: str(2**63) for name in NUMBER_FIELDS}}


@contextmanager
def _undone(connection: Connection) -> Iterator[None]:
    # Each try starts from the same world: a decision the last try took would stop the next.
    savepoint = connection.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value if r else "anonymous")
def test_a_file_sent_into_a_text_field_is_a_clear_400(app, world, role):
    client, token = _client(app, world, role)
    answers = []
    for method, url in _requests(app, world):
        if method != "POST":
            continue
        files = {name: (io.BytesIO(b"%PDF-1.4 not text"), "cv.pdf") for name in TEXT_FIELDS}
        response = client.post(
            url,
            data={**files, "csrf_token": token},
            headers={"Accept-Language": "en"},
            csrf=False,
        )
        answers.append((url, response.status_code))
        if response.status_code == 400:
            assert "Files cannot be sent here" in response.get_data(as_text=True)
    assert answers
    assert [a for a in answers if a[1] >= 500] == []
    if role is None:
        public = ["/auth/login", "/auth/register/young-person", "/auth/reset"]
        assert {url: code for url, code in answers if url in public} == dict.fromkeys(public, 400)


def test_the_audit_log_refuses_numbers_beyond_the_database_with_a_400(app, world):
    client, _token = _client(app, world, Role.ADMIN)
    for args in ({"page": str(MAX_ID + 1)}, {"subject_id": str(2**63)}, {"actor": " "}):
        assert client.get("/moderation/audit", query_string=args).status_code == 400, args
    assert client.get("/moderation/audit", query_string={"page": "2"}).status_code == 200
