"""The school question in the profile (under 18s only, never shown to employers, in the export)
and the page with the working-hours rules in plain words."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from jobbes.models import Profile
from jobbes.models.base import local_today, utcnow
from jobbes.services import profiles
from jobbes.working_hours import next_birthday
from tests import factories
from tests.text import t

WHERE_AND_WHEN = {
    "home_area": "vagsbygd",
    "max_travel_minutes": "30",
    "weekparts": ["weekdays"],
    "available_from": "",
    "action": "next",
}
QUESTION = "Are you at lower secondary school (ungdomsskolen)?"


def _login(client, db_session, age: int):
    user = factories.young_person(db_session, age=age)
    db_session.commit()
    client.login(user.email)
    return user


def _profile(db_session, user) -> Profile:
    profile = db_session.get(Profile, user.id)
    db_session.refresh(profile)
    return profile


def test_under_18s_are_asked_about_school(client, db_session):
    _login(client, db_session, 15)
    page = client.get("/me/profile/where-and-when").get_data(as_text=True)
    assert t(QUESTION) in page
    assert "Går du på ungdomsskolen?" in page


def test_adults_are_not_asked(client, db_session):
    _login(client, db_session, 19)
    page = client.get("/me/profile/where-and-when").get_data(as_text=True)
    assert t(QUESTION) not in page


@pytest.mark.parametrize(("answer", "stored"), [("yes", True), ("no", False), ("", None)])
def test_the_answer_is_saved(client, db_session, answer, stored):
    user = _login(client, db_session, 16)
    response = client.post(
        "/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": answer}
    )
    assert response.status_code == 303
    assert _profile(db_session, user).in_compulsory_school is stored
    page = client.get("/me/profile/where-and-when").get_data(as_text=True)
    if stored is not None:
        assert re.search(rf'<input[^>]*checked[^>]*value="{answer}"', page)


def test_an_answer_that_is_not_on_the_list_is_refused(client, db_session):
    user = _login(client, db_session, 16)
    response = client.post(
        "/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": "maybe"}
    )
    assert response.status_code == 422
    assert _profile(db_session, user).in_compulsory_school is None


def test_an_adults_answer_is_ignored(client, db_session):
    user = _login(client, db_session, 19)
    response = client.post(
        "/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": "yes"}
    )
    assert response.status_code == 303
    assert _profile(db_session, user).in_compulsory_school is None


def test_the_answer_is_in_the_export_and_never_shared(client, db_session):
    user = _login(client, db_session, 15)
    client.post("/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": "yes"})
    data = json.loads(client.get("/me/data/download").get_data(as_text=True))
    assert data["profile"]["in_compulsory_school"] is True
    shared = profiles.shared_view(_profile(db_session, user), today=local_today())
    assert "school" not in " ".join(f.name for f in dataclasses.fields(shared))
    preview = client.get("/me/profile/preview").get_data(as_text=True)
    assert t("At lower secondary school") not in preview


def test_my_profile_shows_the_answer_and_links_to_the_rules(client, db_session):
    _login(client, db_session, 15)
    client.post("/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": "no"})
    page = client.get("/me/profile").get_data(as_text=True)
    assert t("At lower secondary school") in page
    assert 'href="/me/working-hours"' in page


def test_a_15_year_old_who_has_not_answered_sees_the_stricter_rules(client, db_session):
    _login(client, db_session, 15)
    page = client.get("/me/working-hours").get_data(as_text=True)
    assert t("What the law says about your working hours") in page
    assert "høyst 2 timer" in page
    assert "20:00" in page
    assert "aml. § 11-2 (2) a" in page
    # Not answered: the stricter rules, and a way to answer.
    assert 'href="/me/profile/where-and-when"' in page


def test_a_17_year_old_out_of_school_and_their_next_birthday(client, db_session):
    user = _login(client, db_session, 17)
    client.post("/me/profile/where-and-when", data={**WHERE_AND_WHEN, "compulsory_school": "no"})
    page = client.get("/me/working-hours").get_data(as_text=True)
    assert "høyst 8 timer om dagen og 40 timer i uka" in page
    assert "23:00" in page
    assert 'href="/me/profile/where-and-when"' not in page
    birthday = next_birthday(_profile(db_session, user).birth_date, local_today())
    assert "aml. § 10-4 (1)" in page  # the adult rules from the 18th birthday
    assert str(birthday.year) in page


def test_the_helper_gives_the_rules_their_inputs(db_session):
    user = factories.young_person(db_session, age=15)
    profile = user.profile
    assert profiles.working_hours_person(profile) == profiles.WorkingHoursPerson(
        birth_date=profile.birth_date, in_compulsory_school=True, answered=False
    )
    profiles.answer_compulsory_school(profile, False, today=local_today(), now=utcnow())
    assert profiles.working_hours_person(profile).in_compulsory_school is False
    adult = factories.young_person(db_session, age=20).profile
    with pytest.raises(ValueError, match="under 18"):
        profiles.answer_compulsory_school(adult, True, today=local_today(), now=utcnow())


def test_the_rules_in_english(client, db_session):
    _login(client, db_session, 16)
    page = client.get("/me/working-hours", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "What the law says about your working hours" in page
    assert "On a school day you may work at most 2 hours" in page
