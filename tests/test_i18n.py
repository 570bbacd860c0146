"""Norwegian Bokmål by default, English on request, and no string left untranslated."""

import re
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


def test_every_message_in_the_code_is_in_the_catalogue():
    """Extraction itself can fail quietly (a template it cannot parse yields no messages)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    root = CATALOGUE.parents[4]
    with (root / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(root), method_map, options_map, keywords=keywords
        )
    }
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file, locale="nb")
    assert "Job trials, apprenticeships and jobs" in found  # from a template with {% cached %}
    assert sorted(found - {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue}) == []


def test_wtforms_own_messages_follow_the_language(app):
    from werkzeug.datastructures import MultiDict

    from jobbes.forms.search import SearchForm

    for language, expected in (("nb", "Ikke en gyldig"), ("en", "Not a valid")):
        with app.test_request_context("/", headers={"Accept-Language": language}):
            form = SearchForm(MultiDict({"page": "x"}))
            assert not form.validate()
            assert form.page.errors[0].startswith(expected)


# One word for one thing: a listing or profile is *reviewed* ("gjennomgang"), an organisation is
# *verified* ("godkjent"). The Norwegian for each English term, as a stem that must appear.
GLOSSARY = {r"\breview": "gjennom", r"\bverif": "godkj"}


def test_one_word_for_one_thing_in_both_languages():
    with CATALOGUE.open("rb") as file:
        catalogue = read_po(file, locale="nb")
    mismatched = []
    for message in catalogue:
        english = message.id if isinstance(message.id, str) else message.id[0]
        norwegian = message.string if isinstance(message.string, str) else message.string[0]
        for term, stem in GLOSSARY.items():
            said = english and re.search(term, english, re.IGNORECASE)
            if said and stem not in norwegian.lower():
                mismatched.append((english, norwegian))
        # Staff review; "check" is for what a person checks themself.
        if re.search(r"(moderator|counsellor|staff)s? (is |are )?check", english, re.IGNORECASE):
            mismatched.append((english, norwegian))
    assert mismatched == []
