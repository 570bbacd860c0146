"""Counsellors through the browser's eyes: nothing without consent, every look seen, the caseload
in a constant number of queries, and the admins' and young people's pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import func, select

from jobbes.models import CounsellorLook, CounsellorNote, Role, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import counselling
from tests import factories
from tests.text import t
from tests.views.test_finding import count_requests_queries


@pytest.fixture
def counsellor(db_session):
    user = factories.counsellor(db_session, name="Vera", organisation="NAV Kristiansand")
    db_session.commit()
    return user


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Lund Kafé")


@pytest.fixture
def as_counsellor(app, counsellor):
    client = app.test_client()
    client.login(counsellor.email)
    return client


def _looks(db_session, young) -> int:
    return db_session.scalar(select(func.count()).where(CounsellorLook.young_person_id == young.id))


def _everything_about(young, listing_id: int) -> list[tuple[str, str, dict[str, str]]]:
    base = f"/counsellor/people/{young.id}"
    return [
        ("GET", base, {}),
        ("POST", f"{base}/notes", {"text": "Hei"}),
        ("POST", f"{base}/suggestions", {"listing": str(listing_id), "note": "Se her"}),
    ]


def test_without_consent_everything_about_a_young_person_is_a_404(
    as_counsellor, db_session, counsellor
):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.findable_young_person(db_session)
    other = factories.counsellor(db_session)
    factories.following(db_session, young, other)  # someone else's consent is not this one's
    counselling.ask_to_follow(db_session, counsellor, young.email, now=utcnow())  # only asked
    db_session.commit()
    for method, url, data in _everything_about(young, listing.id):
        response = as_counsellor.get(url) if method == "GET" else as_counsellor.post(url, data=data)
        assert response.status_code == 404, (method, url)
    assert _looks(db_session, young) == 0
    assert young.name not in as_counsellor.get("/counsellor").get_data(as_text=True)


def test_an_ended_consent_is_gone_at_once(app, as_counsellor, db_session, counsellor):
    young = factories.findable_young_person(db_session, name="Sunniva")
    factories.following(db_session, young, counsellor)
    db_session.commit()
    assert "Sunniva" in as_counsellor.get("/counsellor").get_data(as_text=True)
    assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 200
    own = app.test_client()
    own.login(young.email)
    ended = own.post(f"/me/counsellors/{counsellor.id}/end", data={})
    assert ended.status_code == 303
    assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 404
    assert "Sunniva" not in as_counsellor.get("/counsellor").get_data(as_text=True)


def test_a_lapsed_consent_shows_nothing_without_any_job_running(
    as_counsellor, db_session, counsellor
):
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    db_session.commit()
    with time_machine.travel(utcnow() + timedelta(days=366)):
        as_counsellor.login(counsellor.email)  # a year on, the old login has long expired
        assert as_counsellor.get("/counsellor").status_code == 200
        assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 404


def test_a_suspended_young_person_is_out_of_reach(as_counsellor, db_session, counsellor):
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    young.suspended_at = utcnow()
    db_session.commit()
    assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 404


def test_every_look_is_recorded_and_the_young_person_sees_who_and_from_where(
    app, as_counsellor, db_session, counsellor
):
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    db_session.commit()
    for _ in range(3):
        assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 200
    assert _looks(db_session, young) == 3
    own = app.test_client()
    own.login(young.email)
    page = own.get("/me").get_data(as_text=True)
    assert "Hvem har sett på dataene mine" in page
    assert page.count("Vera (NAV Kristiansand)") == 3
    assert own.get("/me/counsellors").get_data(as_text=True).count("Vera (NAV Kristiansand)") == 3


def test_the_person_page_shows_the_timeline_but_never_the_birth_date(
    as_counsellor, db_session, counsellor, employer
):
    young = factories.findable_young_person(db_session, name="Nora", age=17)
    listing = factories.published_listing(db_session, employer, title="Kokk på Lund")
    factories.interest(db_session, young, listing)
    factories.following(db_session, young, counsellor)
    db_session.commit()
    page = as_counsellor.get(f"/counsellor/people/{young.id}").get_data(as_text=True)
    assert "Kokk på Lund" in page
    assert t("15–17 years") in page
    assert t("Joined Jobbes") in page
    assert young.profile.birth_date.isoformat() not in page
    assert str(young.profile.birth_date.year) not in page
    assert young.email not in page


def test_the_caseload_costs_the_same_number_of_queries_for_2_and_200_young_people(
    app, as_counsellor, db_session, counsellor, employer
):
    listing = factories.published_listing(db_session, employer)
    engine = db_session.get_bind().engine
    counts = []
    for total in (2, 200):
        while (
            len(counselling.caseload(db_session, counsellor, now=utcnow(), today=local_today()))
            < total
        ):
            young = factories.young_person(db_session)
            factories.interest(db_session, young, listing)
            factories.following(db_session, young, counsellor)
        db_session.commit()
        counts.append(count_requests_queries(as_counsellor, "/counsellor", engine))
    assert counts[0] == counts[1]
    body = as_counsellor.get("/counsellor").get_data(as_text=True)
    assert len(re.findall(r'id="person-\d+"', body)) == 200


def test_the_caseload_filters_by_flag(as_counsellor, db_session, counsellor, employer):
    listing = factories.published_listing(
        db_session, employer, deadline=local_today() + timedelta(days=90)
    )
    waiting = factories.findable_young_person(db_session, name="Ventesen")
    with time_machine.travel(utcnow() - timedelta(weeks=9)):
        factories.interest(db_session, waiting, listing)
    fine = factories.findable_young_person(db_session, name="Fintsen")
    for young in (waiting, fine):
        factories.following(db_session, young, counsellor)
    db_session.commit()
    everyone = as_counsellor.get("/counsellor").get_data(as_text=True)
    assert "Ventesen" in everyone
    assert "Fintsen" in everyone
    assert t("Waiting too long") in everyone
    flagged = as_counsellor.get("/counsellor?flag=waiting").get_data(as_text=True)
    assert "Ventesen" in flagged
    assert "Fintsen" not in flagged
    fragment = as_counsellor.get(
        "/counsellor?flag=waiting&sort=name",
        headers={"HX-Request": "true", "HX-Target": "div#caseload"},
    ).get_data(as_text=True)
    assert "Ventesen" in fragment
    assert "<html" not in fragment
    assert as_counsellor.get("/counsellor?flag=nonsense&sort=nonsense").status_code == 200


def test_a_young_person_adds_a_counsellor_by_code_and_sees_what_they_can_see(
    app, client, db_session, counsellor
):
    young = factories.young_person(db_session)
    db_session.commit()
    client.login(young.email)
    refused = client.post("/me/counsellors", data={"code_or_email": "XXXXXX"})
    assert refused.status_code == 422
    assert t(
        "We found no counsellor with that code or address. Check it with your counsellor."
    ) in (refused.get_data(as_text=True))
    code = counselling.counsellor_record(db_session, counsellor).code
    added = client.post(
        "/me/counsellors", data={"code_or_email": code.lower()}, follow_redirects=True
    )
    page = added.get_data(as_text=True)
    assert "Vera" in page
    assert "NAV Kristiansand" in page
    assert t("What a counsellor can see") in page
    assert counselling.consent_for(db_session, counsellor, young.id).in_force(utcnow())


def test_a_counsellors_request_is_answered_on_the_young_persons_front_page(
    app, as_counsellor, client, db_session, counsellor
):
    young = factories.young_person(db_session)
    db_session.commit()
    asked = as_counsellor.post("/counsellor", data={"email": young.email}, follow_redirects=True)
    nobody = as_counsellor.post(
        "/counsellor", data={"email": "ingen@example.no"}, follow_redirects=True
    )
    # The same words whether or not anyone has the address.
    said = t(
        "If a young person uses Jobbes with that address, they are asked now. "
        "They appear in your list when they say yes."
    )
    assert said in asked.get_data(as_text=True)
    assert said in nobody.get_data(as_text=True)
    client.login(young.email)
    front = client.get("/me").get_data(as_text=True)
    assert (
        t("%(name)s at %(organisation)s asks to follow you")
        % {
            "name": "Vera",
            "organisation": "NAV Kristiansand",
        }
        in front
    )
    answered = client.post(
        f"/me/counsellors/{counsellor.id}/answer", data={"answer": "yes", "from": "me"}
    )
    assert answered.headers["Location"] == "/me"
    assert as_counsellor.get(f"/counsellor/people/{young.id}").status_code == 200


def test_a_young_person_cannot_answer_or_end_someone_elses_consent(
    app, client, db_session, counsellor
):
    young, other = factories.young_person(db_session), factories.young_person(db_session)
    factories.following(db_session, other, counsellor)
    db_session.commit()
    client.login(young.email)
    for action in ("answer", "end", "renew"):
        assert client.post(f"/me/counsellors/{counsellor.id}/{action}", data={}).status_code == 404
    assert counselling.consent_for(db_session, counsellor, other.id).in_force(utcnow())


def test_a_suggestion_appears_on_the_young_persons_page(
    app, as_counsellor, client, db_session, counsellor, employer
):
    listing = factories.published_listing(db_session, employer, title="Kjøkkenhjelp på Lund")
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    db_session.commit()
    page = as_counsellor.get(f"/counsellor/people/{young.id}").get_data(as_text=True)
    assert "Kjøkkenhjelp på Lund" in page  # offered from the listings that fit
    refused = as_counsellor.post(
        f"/counsellor/people/{young.id}/suggestions", data={"listing": "999999"}
    )
    assert refused.status_code == 422
    sent = as_counsellor.post(
        f"/counsellor/people/{young.id}/suggestions",
        data={"listing": str(listing.id), "note": "Denne passer for deg!"},
    )
    assert sent.status_code == 303
    client.login(young.email)
    front = client.get("/me").get_data(as_text=True)
    assert "Kjøkkenhjelp på Lund" in front
    assert "Denne passer for deg!" in front


def test_notes_are_kept_within_the_organisation_and_never_shown_to_employers(
    app, as_counsellor, db_session, counsellor, employer
):
    young = factories.findable_young_person(db_session)
    listing = factories.published_listing(db_session, employer)
    factories.interest(db_session, young, listing)
    factories.following(db_session, young, counsellor)
    school = factories.counsellor(db_session, organisation="Kvadraturen skole")
    factories.following(db_session, young, school)
    db_session.commit()
    assert (
        as_counsellor.post(f"/counsellor/people/{young.id}/notes", data={"text": " "}).status_code
        == 422
    )
    as_counsellor.post(f"/counsellor/people/{young.id}/notes", data={"text": "Hemmelig notat"})
    assert db_session.scalar(select(func.count()).select_from(CounsellorNote)) == 1
    assert "Hemmelig notat" in as_counsellor.get(f"/counsellor/people/{young.id}").get_data(
        as_text=True
    )
    other = app.test_client()
    other.login(school.email)
    assert "Hemmelig notat" not in other.get(f"/counsellor/people/{young.id}").get_data(
        as_text=True
    )
    boss = app.test_client()
    boss.login(employer.email)
    for url in ("/employer", f"/employer/listings/{listing.id}/interests"):
        assert "Hemmelig notat" not in boss.get(url).get_data(as_text=True)


def test_an_admin_creates_a_counsellor_who_joins_from_the_emailed_link(app, db_session, mail):
    admin = factories.staff(db_session, role=Role.ADMIN)
    db_session.commit()
    client = app.test_client()
    client.login(admin.email)
    assert client.get("/moderation/counsellors").status_code == 200
    refused = client.post(
        "/moderation/counsellors", data={"email": "vera@nav.no", "organisation": ""}
    )
    assert refused.status_code == 422
    created = client.post(
        "/moderation/counsellors", data={"email": "Vera@NAV.no", "organisation": "NAV Kristiansand"}
    )
    assert created.status_code == 303
    user = db_session.scalar(select(User).where(User.email == "vera@nav.no"))
    assert user.role is Role.COUNSELLOR
    [message] = mail.to("vera@nav.no")
    link = re.search(r"http://localhost(/auth/invitation/\S+)", mail.body(message)).group(1)
    assert app.test_client().get(link).status_code == 200  # no organisation of users' own
    joined = app.test_client().post(link, data={"name": "Vera", "password": "long-enough-1"})
    assert joined.status_code == 303
    assert joined.headers["Location"] == "/counsellor"
    moderator = factories.staff(db_session)
    db_session.commit()
    other = app.test_client()
    other.login(moderator.email)
    assert other.get("/moderation/counsellors").status_code == 403


def test_the_young_person_and_the_moderator_see_words_written_with_the_counsellor(
    app, as_counsellor, client, db_session, counsellor
):
    young = factories.findable_young_person(db_session)
    factories.following(db_session, young, counsellor)
    db_session.commit()
    too_long = as_counsellor.post(f"/counsellor/people/{young.id}/about", data={"about": "x" * 301})
    assert too_long.status_code == 422
    saved = as_counsellor.post(
        f"/counsellor/people/{young.id}/about", data={"about": "Jeg liker å lage mat."}
    )
    assert saved.status_code == 303
    client.login(young.email)
    mark = t("Edited with your counsellor %(name)s, %(day)s.").split("%")[0]
    assert mark in client.get("/me/profile").get_data(as_text=True)
    moderator = factories.staff(db_session)
    db_session.commit()
    reviewer = app.test_client()
    reviewer.login(moderator.email)
    db_session.expire_all()
    pending = db_session.get(User, young.id).profile.pending_submission
    page = reviewer.get(f"/moderation/profiles/{pending.id}").get_data(as_text=True)
    assert "Jeg liker å lage mat." in page
    assert "Vera" in page
