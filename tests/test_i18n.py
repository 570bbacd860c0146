"""Norwegian Bokmål by default, English on request, and no string left untranslated."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).parent.parent / "jobbes/translations/nb/LC_MESSAGES/messages.po"


def test_pages_are_in_norwegian_by_default(client):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="nb"' in page
    assert "Jobbtrening, læreplass og jobb i Kristiansand" in page


@pytest.mark.parametrize("header", ["en", "en-GB,en;q=0.9", "de, en;q=0.5"])
def test_browsers_asking_for_english_get_english(client, header):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert '<html lang="en"' in page
    assert "Job trials, apprenticeships and jobs in Kristiansand" in page


@pytest.mark.parametrize("header", ["nb-NO", "no", "nn-NO,en;q=0.5", "sv-SE", ""])
def test_norwegian_and_unknown_languages_get_bokmal(client, header):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert '<html lang="nb"' in page


def test_the_language_switcher_remembers_the_choice(client):
    response = client.post("/language", data={"language": "en", "next": "/privacy"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/privacy"
    page = client.get("/privacy").get_data(as_text=True)
    assert "How Jobbes handles your data" in page
    # The switcher now offers the way back.
    assert 'value="nb" lang="nb">Norsk</button>' in page


def test_the_language_switcher_ignores_unknown_languages_and_foreign_targets(client):
    response = client.post("/language", data={"language": "xx", "next": "https://evil.com"})
    assert response.headers["Location"] == "/"
    assert "jobbes_lang" not in response.headers.get("Set-Cookie", "")


def translated(string: str | tuple[str, ...]) -> bool:
    """A plural message is translated only when every one of its forms is."""
    forms = string if isinstance(string, tuple) else (string,)
    return all(forms)


def test_every_message_has_a_norwegian_translation():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file, locale="nb")
    untranslated = [m.id for m in catalogue if m.id and not translated(m.string)]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_emails_are_sent_in_the_language_of_the_page(client, db_session, mail):
    from tests import factories

    user = factories.young_person(db_session)
    db_session.commit()
    client.post("/auth/reset", data={"email": user.email}, headers={"Accept-Language": "en"})
    [message] = mail.to(user.email)
    assert message["Subject"] == "Reset your password on Jobbes"
