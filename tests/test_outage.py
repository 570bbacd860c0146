"""A database that goes away gets the site's own 503, made without the database."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Blueprint
from sqlalchemy import event, exc
from sqlalchemy.orm import sessionmaker

from jobbes.db import EXTENSION_KEY, make_engine
from jobbes.models import Role
from jobbes.views.access import public
from tests import factories


@pytest.fixture(params=["sqlite", "postgresql"])
def outage(app, db_session, tmp_path, request) -> dict[str, Any]:
    """A signed-in young person, then a database nobody can connect to; counts the tries."""
    young = factories.user_with_role(db_session, Role.YOUNG_PERSON)
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    token = client.csrf_token()
    dead = make_engine(
        f"sqlite:///{tmp_path / 'no-such-folder' / 'jobbes.db'}"
        if request.param == "sqlite"
        else "postgresql+psycopg://jobbes@127.0.0.1:1/jobbes"  # nothing listens on port 1
    )
    tries = {"connect": 0}

    @event.listens_for(dead, "do_connect")
    def _count(*_args: Any) -> None:
        tries["connect"] += 1

    app.extensions[EXTENSION_KEY] = sessionmaker(dead, expire_on_commit=False)
    return {"client": client, "tries": tries, "token": token}


@pytest.mark.parametrize(
    ("language", "title"),
    [("nb", "Vi får ikke kontakt med dataene våre akkurat nå"), ("en", "reach our data just now")],
)
def test_a_signed_in_person_gets_the_kind_503_page(outage, language, title):
    response = outage["client"].get("/me", headers={"Accept-Language": language})

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    page = response.get_data(as_text=True)
    assert title in page
    assert f'<html lang="{language}"' in page
    assert 'href="/me">' in page  # try again: the front page would need the database too
    # Only the request's own query tried the database; the error page did not try again.
    assert outage["tries"]["connect"] == 1


def test_an_htmx_swap_gets_the_message_in_the_message_area(outage):
    response = outage["client"].htmx(
        "POST",
        "/me/profile/wishes",
        "profile-step",
        data={"opportunities": "job_trial", "csrf_token": outage["token"]},
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert response.headers["HX-Retarget"] == "#messages"
    assert "Prøv igjen om et minutt" in response.get_data(as_text=True)
    assert "<html" not in response.get_data(as_text=True)
    assert outage["tries"]["connect"] == 1


def test_healthz_still_says_503(outage):
    response = outage["client"].get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == "unreachable"


@pytest.mark.parametrize(
    "error",
    [
        exc.TimeoutError("QueuePool limit of size 5 overflow 10 reached"),
        exc.DBAPIError("SELECT 1", {}, Exception("server closed"), connection_invalidated=True),
        exc.InterfaceError("SELECT 1", {}, Exception("connection already closed")),
    ],
    ids=["pool timeout", "connection lost", "connection closed"],
)
def test_every_kind_of_database_unavailable_gets_the_503(fresh_app, error):
    app = fresh_app
    broken = Blueprint("broken", __name__)

    @broken.get("/boom")
    @public
    def boom():
        raise error

    app.register_blueprint(broken)
    response = app.test_client().get("/boom")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"


def test_other_database_errors_stay_500s(fresh_app):
    app = fresh_app
    broken = Blueprint("broken", __name__)

    @broken.get("/boom")
    @public
    def boom():
        raise exc.IntegrityError("INSERT", {}, Exception("duplicate key"))

    app.register_blueprint(broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    assert app.test_client().get("/boom").status_code == 500
