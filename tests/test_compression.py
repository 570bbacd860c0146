"""Pages are sent gzip-compressed to visitors who are not logged in, and to nobody else
(jobbes/views/compression.py says why)."""

import gzip

from tests import factories

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
FRAGMENT = {"HX-Request": "true", "HX-Target": "section#results"}


def test_a_visitor_gets_the_page_compressed(client):
    plain = client.get("/listings")
    compressed = client.get("/listings", headers=GZIP)
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed.headers["Vary"]
    assert len(compressed.data) < len(plain.data) / 2
    assert gzip.decompress(compressed.data) == plain.data


def test_the_htmx_fragment_is_compressed_too(client, db_session):
    employer = factories.employer(db_session)
    for title in ("Kokk", "Servitør", "Kjøkkenhjelp", "Oppvasker", "Bakerlærling"):
        factories.published_listing(db_session, employer, title=title)
    db_session.commit()
    plain = client.get("/listings", headers=FRAGMENT)
    compressed = client.get("/listings", headers={**FRAGMENT, **GZIP})
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.data) == plain.data


def test_nothing_is_compressed_for_a_browser_that_does_not_ask(client):
    response = client.get("/listings")
    assert "Content-Encoding" not in response.headers
    assert "Accept-Encoding" in response.headers["Vary"]
    assert (
        client.get("/listings", headers={"Accept-Encoding": "gzip;q=0"}).headers.get(
            "Content-Encoding"
        )
        is None
    )


def test_logged_in_pages_are_not_compressed(client, db_session):
    """Their CSRF token guards actions and they reflect input: no BREACH."""
    person = factories.young_person(db_session)
    db_session.commit()
    client.login(person.email)
    response = client.get("/listings?q=kokk", headers=GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert b"kokk" in response.data
