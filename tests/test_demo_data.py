"""The demo data is what new people see first: it must follow the rules the forms enforce."""

from datetime import date, timedelta

import pytest

from jobbes.seed import demo

# Every day of a year, so dates computed from "today" (a summer job's June start) are all tried.
DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(366)]


@pytest.mark.parametrize("today", DAYS[::7] + [date(2026, 6, 1), date(2026, 6, 19)])
def test_no_demo_listing_asks_for_answers_after_it_has_started(today):
    for _, content in demo._listing_texts(today):
        start, deadline = content.get("start_date"), content["deadline"]
        assert deadline >= today, content["title"]
        if start is not None:
            assert deadline <= start, (content["title"], start, deadline)
