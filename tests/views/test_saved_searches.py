"""Saving a search from /listings and keeping it at /listings/saved, as a young person does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import AlertFrequency, SavedSearch
from jobbes.models.base import utcnow
from jobbes.services import saved_searches
from tests import factories

EN = {"Accept-Language": "en"}


@pytest.fixture
def young(db_session):
    user = factories.young_person(db_session, name="Sara")
    db_session.commit()
    return user


@pytest.fixture
def me(client, young):
    client.login(young.email)
    return client


def kept(db_session, user) -> list[SavedSearch]:
    db_session.expire_all()
    return list(
        db_session.scalars(
            select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.id)
        )
    )


def keep(db_session, user, name="Kafé", query="q=kaf%C3%A9", frequency=AlertFrequency.DAILY):
    saved = saved_searches.save_search(
        db_session, user, name=name, query=query, frequency=frequency, now=utcnow()
    )
    db_session.commit()
    return saved


def test_young_person_sees_the_save_form_with_the_search_and_a_name_made_from_it(me):
    page = me.get("/listings?q=kafé&type=summer_job&page=2", headers=EN).get_data(as_text=True)
    assert "Save this search" in page
    assert 'name="query" type="hidden" value="q=kaf%C3%A9&amp;type=summer_job"' in page
    assert 'value="“kafé” · Summer job"' in page


def test_visitors_are_asked_to_log_in_and_employers_see_no_save_form(client, db_session):
    page = client.get("/listings?q=kafé", headers=EN).get_data(as_text=True)
    assert "Save this search" not in page
    assert 'href="/auth/login?next=/listings?q%3Dkaf%C3%A9">Log in to save this search' in page
    employer = factories.employer(db_session)
    db_session.commit()
    client.login(employer.email)
    assert "Save this search" not in client.get("/listings", headers=EN).get_data(as_text=True)


def test_young_person_can_save_a_search_and_is_sent_back_to_it(me, db_session, young):
    response = me.post(
        "/listings/saved",
        data={"query": "type=job_trial&q=kafé&page=3", "name": " Kafé ", "frequency": "weekly"},
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "/listings?q=kaf%C3%A9&type=job_trial"
    [saved] = kept(db_session, young)
    assert (saved.name, saved.query, saved.frequency) == (
        "Kafé",
        "q=kaf%C3%A9&type=job_trial",
        AlertFrequency.WEEKLY,
    )
    assert saved.alerts_until > utcnow() + timedelta(days=180)


def test_a_search_without_a_name_comes_back_with_the_error_in_place(me, db_session, young):
    response = me.htmx(
        "POST", "/listings/saved", "save-search", data={"query": "q=kafé", "name": ""}, headers=EN
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<details class="ds-details save-search" id="save-search" open')
    assert "Give the search a name." in body
    assert kept(db_session, young) == []


def test_a_made_up_query_is_refused(me, db_session, young):
    response = me.post("/listings/saved", data={"query": "field=nonsense", "name": "X"})
    assert response.status_code == 400
    assert kept(db_session, young) == []


def test_the_list_shows_each_search_and_links_back_to_its_listings(me, db_session, young):
    saved = keep(db_session, young, query="no_experience=y&q=kaf%C3%A9")
    page = me.get("/listings/saved", headers=EN).get_data(as_text=True)
    assert "Kafé" in page
    assert "“kafé” · No experience needed" in page
    assert "Daily" in page
    assert "Alerts until" in page
    assert f'href="/listings/saved/{saved.id}"' in page

    opened = me.get(f"/listings/saved/{saved.id}")
    assert opened.status_code == 303
    assert opened.headers["Location"] == "/listings?no_experience=y&q=kaf%C3%A9"
    assert kept(db_session, young)[0].last_seen_at > saved.created_at


def test_the_list_counts_new_listings_since_the_last_look(me, db_session, young):
    saved = keep(db_session, young, query="")
    employer = factories.employer(db_session)
    factories.published_listing(db_session, employer)
    db_session.commit()
    page = me.get("/listings/saved", headers=EN).get_data(as_text=True)
    assert "New since you last looked</dt>\n        <dd>1</dd>" in page
    me.get(f"/listings/saved/{saved.id}")
    page = me.get("/listings/saved", headers=EN).get_data(as_text=True)
    assert "New since you last looked</dt>\n        <dd>0</dd>" in page


def test_an_empty_list_says_how_to_save_one(me):
    page = me.get("/listings/saved", headers=EN).get_data(as_text=True)
    assert "You have not saved any searches yet" in page


def test_young_person_can_rename_and_change_the_alerts(me, db_session, young):
    saved = keep(db_session, young)
    response = me.post(
        f"/listings/saved/{saved.id}",
        data={f"s{saved.id}-name": "Sommerjobb", f"s{saved.id}-frequency": "none"},
    )
    assert response.status_code == 303
    [changed] = kept(db_session, young)
    assert (changed.name, changed.frequency) == ("Sommerjobb", AlertFrequency.NONE)


def test_an_empty_name_is_refused_in_place(me, db_session, young):
    saved = keep(db_session, young)
    response = me.htmx(
        "POST",
        f"/listings/saved/{saved.id}",
        "saved-search-list",
        data={f"s{saved.id}-name": "", f"s{saved.id}-frequency": "daily"},
        headers=EN,
    )
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="saved-search-list">')
    assert "Give the search a name." in body
    assert kept(db_session, young)[0].name == "Kafé"


def test_young_person_can_renew_and_delete(me, db_session, young):
    saved = keep(db_session, young)
    saved.alerts_until = utcnow() + timedelta(days=3)
    saved.expiry_warned_at = utcnow()
    db_session.commit()
    assert me.post(f"/listings/saved/{saved.id}/renew", data={}).status_code == 303
    [renewed] = kept(db_session, young)
    assert renewed.alerts_until > utcnow() + timedelta(days=180)
    assert renewed.expiry_warned_at is None

    assert me.post(f"/listings/saved/{saved.id}/delete", data={}).status_code == 303
    assert kept(db_session, young) == []


def test_someone_elses_saved_search_is_not_found(me, db_session):
    other = factories.young_person(db_session)
    theirs = keep(db_session, other)
    assert me.get(f"/listings/saved/{theirs.id}").status_code == 404
    assert me.post(f"/listings/saved/{theirs.id}/delete", data={}).status_code == 404
    assert me.post(f"/listings/saved/{theirs.id}/renew", data={}).status_code == 404
    assert kept(db_session, other) != []


def test_saved_is_not_taken_for_a_listing_number(client):
    """/listings/saved is its own page, never /listings/<id>; visitors are asked to log in."""
    response = client.get("/listings/saved")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_my_data_page_shows_the_saved_searches(me, db_session, young):
    keep(db_session, young, name="Kafé i sentrum", frequency=AlertFrequency.WEEKLY)
    page = me.get("/me/data", headers=EN).get_data(as_text=True)
    assert (
        '<h3 id="saved-searches-heading" class="ds-heading" data-size="sm">Saved searches' in page
    )
    assert "<dd>Kafé i sentrum</dd>" in page
    assert "<dd>Weekly</dd>" in page
    assert 'href="/listings?q=kaf%C3%A9"' in page


def test_saving_through_htmx_loads_the_search_again_with_the_message(me, db_session, young):
    response = me.htmx(
        "POST",
        "/listings/saved",
        "save-search",
        data={"query": "q=kafé", "name": "Kafé", "frequency": "daily"},
    )
    assert response.status_code == 200
    assert response.headers["HX-Redirect"] == "/listings?q=kaf%C3%A9"
    assert [s.frequency for s in kept(db_session, young)] == [AlertFrequency.DAILY]
