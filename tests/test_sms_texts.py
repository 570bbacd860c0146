"""No text message carries anything personal: for every kind of notification, in both
languages, the text names neither a person nor an employer, a listing, a place, a date nor a
message, only what kind of thing happened and a short link."""

from __future__ import annotations

import re

import pytest

from jobbes.models import Notification, NotificationKind, User
from jobbes.sms.texts import composer

# Every param any notification's words use, filled with things that must never be in a text.
PERSONAL = {
    "name": "Nora Nordmann",
    "organisation": "Kvadraturen Kafé",
    "listing": "Kjøkkenhjelp hos Kvadraturen",
    "message": "Ring meg på 98765432, hilsen Per",
    "start": "2026-12-24",
    "end": "2026-12-31",
    "day": "2026-12-24",
    "search": "Barnehage Vågsbygd",
    "count": "17",
    "overdue": "4",
    "reports": "9",
    "reason": "other",
    "decline_message": "position_filled",
    "place": "Markens gate 12",
}
PIECES = {piece for value in PERSONAL.values() for piece in re.findall(r"\w{4,}|\d+", value)}
SHAPE = {
    "nb": re.compile(r"^Jobbes: [^\d%]+\. Se jobbes\.no/v/Ab3xK9pQ$"),
    "en": re.compile(r"^Jobbes: [^\d%]+\. See jobbes\.no/v/Ab3xK9pQ$"),
}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("kind", list(NotificationKind))
def test_no_text_carries_personal_details(app, kind, language):
    person = User(name="Nora Nordmann", language=language)
    note = Notification(kind=kind, params=PERSONAL, link="/me/interests/7")
    with app.test_request_context():
        text = composer("jobbes.no")(person, [note], "Ab3xK9pQ")
    assert SHAPE[language].match(text), text
    words = text.rsplit(" ", 2)[0]  # without "Se jobbes.no/v/...", whose code is random
    leaked = set(re.findall(r"\w+", words.lower())) & {p.lower() for p in PIECES}
    assert leaked == set(), f"{kind}: {text}"
    assert len(text) <= 160, "one SMS, not several"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nb", "Jobbes: Du har 3 nye varsler. Se jobbes.no/v/Ab3xK9pQ"),
        ("en", "Jobbes: You have 3 new notifications. See jobbes.no/v/Ab3xK9pQ"),
    ],
)
def test_several_notifications_fold_into_one_text(app, language, expected):
    person = User(name="Nora", language=language)
    notes = [Notification(kind=NotificationKind.INTEREST_NEW, params=PERSONAL) for _ in range(3)]
    with app.test_request_context():
        assert composer("jobbes.no")(person, notes, "Ab3xK9pQ") == expected


def test_the_text_is_in_the_reader_s_language_not_the_page_s(app):
    """A text written while an English page is served still reaches a Norwegian in Bokmål."""
    person = User(name="Nora", language="nb")
    note = Notification(kind=NotificationKind.INTEREST_OFFERED, params={})
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from jobbes.i18n import gettext

        assert gettext("Save") == "Save"
        text = composer("jobbes.no")(person, [note], "Ab3xK9pQ")
        assert gettext("Save") == "Save", "the page's language is put back"
    assert text.startswith("Jobbes: Du har")
