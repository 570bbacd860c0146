"""The indicators page and its CSV: who may see them, what they show, and that the CSV is
the page."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.services import indicators, interests
from jobbes.services.indicators import Period
from tests import factories
from tests.services.test_indicators import MAY, _interest, at, frozen, world  # noqa: F401
from tests.text import t


class Tables(HTMLParser):
    """Every `data-table` table of a page, as rows of cell texts (header row first)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and "data-table" in attributes:
            self._table = attributes["data-table"]
            self.tables[self._table] = []
        elif self._table and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def page_tables(html: str) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.fixture
def moderator_client(app, db_session):
    moderator = factories.staff(db_session)
    db_session.commit()
    client = app.test_client()
    client.login(moderator.email)
    return client


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN, Role.PROGRAMME])
def test_staff_and_the_programme_can_see_the_numbers(app, db_session, role):
    user = factories.user_with_role(db_session, role)
    db_session.commit()
    client = app.test_client()
    client.login(user.email)
    response = client.get("/moderation/indicators")
    assert response.status_code == 200
    assert t("The programme's numbers") in response.get_data(as_text=True)
    assert client.get("/moderation/indicators.csv?table=funnel").status_code == 200


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.EMPLOYER])
def test_young_people_and_employers_cannot_see_the_numbers(app, db_session, role):
    user = factories.user_with_role(db_session, role)
    db_session.commit()
    client = app.test_client()
    client.login(user.email)
    assert client.get("/moderation/indicators").status_code == 403
    assert client.get("/moderation/indicators.csv?table=funnel").status_code == 403


def test_the_programme_role_sees_nothing_but_the_numbers(app, db_session):
    user = factories.staff(db_session, role=Role.PROGRAMME)
    db_session.commit()
    client = app.test_client()
    client.login(user.email)
    for url in ("/moderation", "/moderation/listings", "/moderation/people", "/moderation/audit"):
        assert client.get(url).status_code == 403, url
    page = client.get("/moderation/indicators").get_data(as_text=True)
    # No links into the moderators' area it could not open.
    assert 'href="/moderation/listings"' not in page
    assert 'href="/moderation"' not in page


def test_the_page_shows_the_funnel_with_small_numbers_protected(db_session, world, app):  # noqa: F811
    client = app.test_client()
    moderator = factories.staff(db_session)
    db_session.commit()
    client.login(moderator.email)
    response = client.get(f"/moderation/indicators?period={MAY.key}")
    assert response.status_code == 200
    funnel = page_tables(response.get_data(as_text=True))["funnel"]
    # Every count in this small world is under 5, so none is shown, nor any share.
    assert [row[1:] for row in funnel[1:]] == [["<5", "–", "<5", "–"]] * 9
    assert 'src="data:image/svg+xml;base64,' in response.get_data(as_text=True)


def test_every_csv_matches_its_table_on_the_page(db_session, frozen, app):  # noqa: F811
    # Enough people for real numbers: six interested in May, five answered.
    moderator = factories.staff(db_session)
    employer = factories.employer(db_session)
    trial = factories.published_listing(db_session, employer, moderator)
    for n in range(6):
        person = factories.young_person(db_session, age=20)
        sent = _interest(db_session, person, trial, at(5, 2 + n))
        if n < 5:
            interests.employer_step(sent, "invite_to_talk", now=at(5, 9 + n))
    indicators.refresh(db_session, today=local_today(), now=utcnow())
    db_session.commit()
    client = app.test_client()
    client.login(moderator.email)
    query = f"period={MAY.key}&age_band=18-24"
    shown = page_tables(client.get(f"/moderation/indicators?{query}").get_data(as_text=True))
    assert shown["funnel"][3][1:3] == ["6", "–"]  # first interest: 6; registered in June
    assert shown["funnel"][4][1:3] == ["5", "83\u00a0%"]  # first answer: 5 of 6
    for name, rows in shown.items():
        response = client.get(f"/moderation/indicators.csv?table={name}&{query}")
        assert response.status_code == 200
        assert response.mimetype == "text/csv"
        assert f"jobbes-{name}-2026-05.csv" in response.headers["Content-Disposition"]
        assert csv_rows(response) == rows, name


def test_the_period_can_be_a_quarter_or_a_year(moderator_client):
    for key in ("2026-Q2", "2025"):
        response = moderator_client.get(f"/moderation/indicators?period={key}")
        assert response.status_code == 200
        assert f'<option selected value="{key}">' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    ["period=2026-13", "age_band=12-14", "area=oslo", "listing_type=cruise"],
)
def test_unknown_filters_are_a_400_with_the_defaults(moderator_client, query):
    assert moderator_client.get(f"/moderation/indicators?{query}").status_code == 400
    assert moderator_client.get(f"/moderation/indicators.csv?{query}").status_code == 400


def test_an_unknown_table_is_a_400(moderator_client):
    assert moderator_client.get("/moderation/indicators.csv?table=people").status_code == 400


def test_the_current_period_is_the_default(moderator_client):
    page = moderator_client.get("/moderation/indicators").get_data(as_text=True)
    assert f'<option selected value="{Period.containing("month", local_today()).key}">' in page


def test_the_outcomes_show_evaluations_and_follow_ups(db_session, app):
    from jobbes.models import Attendance, Outcome
    from jobbes.services import evaluations, notifications
    from jobbes.services.evaluations import EmployerPart

    done = factories.finished_agreement(db_session)
    evaluation = evaluations.ask(db_session, done, today=local_today(), now=utcnow())
    employer = notifications.members_of(db_session, done.organisation)[0]
    evaluations.write_employer_part(
        db_session,
        evaluation,
        employer,
        EmployerPart(Attendance.COMPLETED, "Bra", None, Outcome.NO_OFFER),
        now=utcnow(),
    )
    indicators.refresh(db_session, today=local_today(), now=utcnow())
    moderator = factories.staff(db_session)
    db_session.commit()
    client = app.test_client()
    client.login(moderator.email)
    month = f"{evaluation.employer_at:%Y-%m}"
    html = client.get(f"/moderation/indicators?period={month}").get_data(as_text=True)
    shown = page_tables(html)
    assert shown["evaluations"][5] == [t("No offer this time"), "<5", "–", "<5", "–"]
    assert [row[0] for row in shown["follow_ups"][1:]][-1] == t("Not answered")
    assert "not yet collected" not in html
    response = client.get(f"/moderation/indicators.csv?table=follow_ups&period={month}")
    assert csv_rows(response) == shown["follow_ups"]
