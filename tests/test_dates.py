"""Every date and time a person reads is written in their language's own way (Babel's formats)."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from jobbes.i18n import DATE_STYLES, format_date, format_datetime
from jobbes.models.base import local_today
from tests import factories

TEMPLATES = Path(__file__).parent.parent / "templates"
FILTER_CALL = re.compile(r"\|\s*(dateformat|datetimeformat)(?:\(([^)]*)\))?")


@pytest.mark.parametrize(
    ("language", "style", "expected"),
    [
        ("en", "long", "December 9, 2026"),
        ("nb", "long", "9. desember 2026"),
        ("en", "day_month", "December 9"),
        ("nb", "day_month", "9. desember"),
        ("en", "day_month_short", "Dec 9"),
        ("nb", "day_month_short", "9. des."),
    ],
)
def test_a_date_reads_as_the_language_writes_it(app, language, style, expected):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert format_date(date(2026, 12, 9), style) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "December 9, 2026, 10:05\u202fAM"), ("nb", "9. desember 2026, 10:05")],
)
def test_a_moment_is_shown_on_the_clock_in_kristiansand(app, language, expected):
    with app.test_request_context(headers={"Accept-Language": language}):
        assert format_datetime(datetime(2026, 12, 9, 9, 5, tzinfo=UTC)) == expected


def test_a_hand_made_pattern_is_refused(app):
    with app.test_request_context(), pytest.raises(ValueError, match="unknown date style"):
        format_date(date(2026, 12, 9), "d. MMMM y")


def test_templates_write_dates_only_in_named_styles():
    calls = []
    for path in TEMPLATES.rglob("*.html"):
        for match in FILTER_CALL.finditer(path.read_text()):
            style = (match.group(2) or '"long"').strip().strip("\"'")
            calls.append((path.name, style))
    assert calls, "templates show dates"
    assert [call for call in calls if call[1] not in DATE_STYLES] == []


def test_an_english_listing_page_writes_its_dates_the_english_way(client, db_session):
    employer = factories.employer(db_session)
    deadline = local_today() + timedelta(days=20)
    listing = factories.published_listing(db_session, employer, deadline=deadline)
    db_session.commit()
    page = client.get(f"/listings/{listing.id}", headers={"Accept-Language": "en"})
    text = page.get_data(as_text=True)
    english = f"{deadline:%B} {deadline.day}, {deadline.year}"
    assert english in text
    assert f"{deadline.day}. {deadline:%B}" not in text


@pytest.mark.parametrize(
    ("start", "end", "duration", "expected"),
    [
        (date(2027, 6, 14), date(2027, 8, 6), None, "14. juni – 6. august 2027"),
        (date(2027, 6, 14), None, "3 uker", "Fra 14. juni 2027, 3 uker"),
        (date(2027, 6, 14), None, None, "Fra 14. juni 2027"),
        (None, None, "<b>2 uker</b>", "&lt;b&gt;2 uker&lt;/b&gt;"),
        (None, None, None, "Etter avtale"),
    ],
)
def test_when_a_listing_runs_reads_the_same_on_cards_and_pages(app, start, end, duration, expected):
    """The `listing_when` filter (one Python function for the cards and the macro), escaped."""
    version = type("Version", (), {"start_date": start, "end_date": end, "duration": duration})
    with app.test_request_context(headers={"Accept-Language": "nb"}):
        for source in ("{{ v|listing_when }}", "{{ listings.when(v) }}"):
            assert app.jinja_env.from_string(source).render(v=version) == expected
