"""Kept rendered parts of pages: bounded, keyed, and never shown once what they show changed."""

from datetime import timedelta

import pytest

from jobbes.models.base import local_today, utcnow
from jobbes.page_cache import PageCache, cache_of, memo_of
from jobbes.services import listings
from jobbes.services.listings import Decision
from tests import factories


def test_a_key_is_rendered_once_and_then_kept():
    cache = PageCache(size=2)
    calls = []

    def render(text):
        return lambda: calls.append(text) or text

    assert cache.get_or_render("a", render("A")) == "A"
    assert cache.get_or_render("a", render("other")) == "A"
    assert calls == ["A"]
    assert (cache.hits, cache.misses) == (1, 1)


def test_the_least_recently_used_is_forgotten_first():
    cache = PageCache(size=2)
    cache.get_or_render("a", lambda: "A")
    cache.get_or_render("b", lambda: "B")
    cache.get_or_render("a", lambda: "not rendered again")
    cache.get_or_render("c", lambda: "C")  # "b" was used longest ago
    assert cache.get_or_render("a", lambda: "A again") == "A"
    assert cache.get_or_render("b", lambda: "B again") == "B again"


@pytest.mark.parametrize(("size", "key"), [(0, "a"), (10, None)])
def test_no_key_or_no_room_renders_every_time(size, key):
    cache = PageCache(size=size)
    assert cache.get_or_render(key, lambda: "1") == "1"
    assert cache.get_or_render(key, lambda: "2") == "2"


def test_the_template_tag_renders_its_body_only_for_a_new_key(app):
    template = app.jinja_env.from_string("{% cached key %}<b>{{ make() }}</b>{% endcached %}")
    made = []

    def make():
        made.append(1)
        return f"<{len(made)}>"

    with app.test_request_context("/"):
        first = template.render(key=("t", 1), make=make)
        assert template.render(key=("t", 1), make=make) == first == "<b>&lt;1&gt;</b>"
        assert template.render(key=("t", 2), make=make) == "<b>&lt;2&gt;</b>"
        assert template.render(key=None, make=make) == "<b>&lt;3&gt;</b>"


def test_a_static_part_is_rendered_once_per_key_even_with_the_page_cache_off(app, monkeypatch):
    monkeypatch.setattr(cache_of(app), "size", 0)
    template = app.jinja_env.from_string("{% once key %}<b>{{ make() }}</b>{% endonce %}")
    made = []

    def make():
        made.append(1)
        return len(made)

    with app.test_request_context("/"):
        first = template.render(key=("t", "once"), make=make)
        assert template.render(key=("t", "once"), make=make) == first == "<b>1</b>"
        assert template.render(key=("t", "again"), make=make) == "<b>2</b>"


def test_the_search_form_shows_what_was_chosen_each_time(client):
    """Each filter is kept rendered per value: a kept one never shows another search's choice."""
    chosen = client.get("/listings?area=lund&type=job_trial&sort=newest").get_data(as_text=True)
    assert 'selected value="lund"' in chosen
    assert '<input checked class="ds-input" id="type-0"' in chosen
    plain = client.get("/listings").get_data(as_text=True)
    assert 'selected value="lund"' not in plain
    assert 'selected value="newest"' not in plain
    assert '<input class="ds-input" id="type-0"' in plain
    assert 'selected value="newest"' in client.get("/listings?sort=newest").get_data(as_text=True)


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Kvadraturen Kafé")
    db_session.commit()
    return user


def test_search_results_show_a_change_at_once(app, client, db_session, employer):
    moderator = factories.staff(db_session)
    first = factories.published_listing(db_session, employer, moderator, title="Kjøkkenhjelp")
    db_session.commit()
    assert "Kjøkkenhjelp" in client.get("/listings").get_data(as_text=True)
    assert "Kjøkkenhjelp" in client.get("/listings").get_data(as_text=True)
    assert cache_of(app).hits >= 2  # the form and the results, the second time

    factories.published_listing(db_session, employer, moderator, title="Lagermedarbeider")
    db_session.commit()
    page = client.get("/listings").get_data(as_text=True)
    assert "Lagermedarbeider" in page
    assert "2 annonser" in page

    listings.close_listing(first, now=utcnow())
    db_session.commit()
    page = client.get("/listings").get_data(as_text=True)
    assert "Kjøkkenhjelp" not in page
    assert "1 annonse" in page


def test_kept_results_are_per_language_and_per_age(app, db_session, employer):
    factories.published_listing(db_session, employer, title="Nattevakt", minimum_age=18)
    sixteen = factories.young_person(db_session, age=16)
    twenty = factories.young_person(db_session, age=20)
    db_session.commit()
    visitor = app.test_client()
    assert "1 annonse" in visitor.get("/listings").get_data(as_text=True)
    english = visitor.get("/listings", headers={"Accept-Language": "en"})
    assert "1 listing" in english.get_data(as_text=True)
    for person, expected in ((sixteen, "0 annonser"), (twenty, "1 annonse")):
        client = app.test_client()
        client.login(person.email)
        assert expected in client.get("/listings?my_age=y").get_data(as_text=True)


def test_tomorrow_is_searched_afresh(app, client, db_session, employer, monkeypatch):
    factories.published_listing(
        db_session, employer, title="Siste sjanse", deadline=local_today() + timedelta(days=1)
    )
    db_session.commit()
    assert "Siste sjanse" in client.get("/listings").get_data(as_text=True)
    day_after = local_today() + timedelta(days=2)
    monkeypatch.setattr("jobbes.views.listings.local_today", lambda: day_after)
    assert "Siste sjanse" not in client.get("/listings").get_data(as_text=True)


def test_a_card_is_remembered_by_all_it_shows_with_kept_results_off(
    app, client, db_session, employer, monkeypatch
):
    """The search runs every time; a card is rendered again only when its row changed, and an
    edit of one listing leaves the other cards remembered."""
    monkeypatch.setattr(cache_of(app), "size", 0)
    memo = memo_of(app)
    moderator = factories.staff(db_session)
    kitchen = factories.published_listing(db_session, employer, moderator, title="Kjøkkenhjelp")
    factories.published_listing(db_session, employer, moderator, title="Lagermedarbeider")
    db_session.commit()
    client.get("/listings")
    hits = memo.hits
    page = client.get("/listings").get_data(as_text=True)
    assert memo.hits == hits + 2
    assert page.count('class="ds-card listing-card"') == 2

    listings.save_listing(
        db_session, kitchen, author=employer, content={"title": "Pizzabaker"}, now=utcnow()
    )
    listings.submit_listing(kitchen, today=local_today(), now=utcnow())
    listings.decide_listing(
        db_session,
        kitchen.current_version,
        moderator=moderator,
        decision=Decision.APPROVE,
        now=utcnow(),
    )
    db_session.commit()
    hits, misses = memo.hits, memo.misses
    page = client.get("/listings").get_data(as_text=True)
    assert "Pizzabaker" in page
    assert "Kjøkkenhjelp" not in page
    assert (memo.hits, memo.misses) == (hits + 1, misses + 1)
    english = client.get("/listings", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Apply by" in english
    assert "Søk innen" not in english
