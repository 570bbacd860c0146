"""Every notification kind reads well in both languages, and no title carries anything personal."""

import pytest

from jobbes import notification_texts
from jobbes.models import NotificationKind

FULL = {
    "name": "Sara Personsen",
    "organisation": "Kafé Kvadraturen",
    "listing": "Kjøkkenhjelp",
    "start": "2026-12-07",
    "end": "2026-12-11",
    "day": "2026-12-24",
    "message": "Møt opp kl. 9 i Markens gate 1",
    "decline_message": "filled",
    "reason": "not_a_real_job",
    "search": "kafé",
    "count": 3,
    "overdue": 2,
    "reports": 1,
}


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("kind", list(NotificationKind))
def test_every_kind_has_a_title_and_a_body(app, kind, language):
    with app.test_request_context("/", headers={"Accept-Language": language}):
        title = notification_texts.title(kind)
        body = notification_texts.body(kind, FULL)
        assert title
        assert body
        for personal in ("Sara", "Kafé", "Kjøkkenhjelp", "Markens"):
            assert personal not in title
        assert "%(" not in body
        # An old notification missing a param still reads, rather than failing.
        assert "%(" not in notification_texts.body(kind, {})


def test_the_words_follow_the_readers_language(app):
    kind = NotificationKind.INTEREST_TRIAL_AGREED
    with app.test_request_context("/", headers={"Accept-Language": "nb"}):
        norwegian = notification_texts.body(kind, FULL)
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        english = notification_texts.body(kind, FULL)
    assert "Jobbtreningen din hos Kafé Kvadraturen" in norwegian
    assert "7. desember 2026" in norwegian
    assert "Your job trial at Kafé Kvadraturen" in english
    assert "Møt opp kl. 9" in english


def test_a_decline_carries_the_kind_message(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        body = notification_texts.body(NotificationKind.INTEREST_DECLINED, FULL)
    assert "The place has been filled this time" in body
