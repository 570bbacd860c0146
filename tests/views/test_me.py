"""The young person's pages, used as a young person uses them."""

import json
import re
from itertools import pairwise

import pytest
from babel.dates import format_date
from sqlalchemy import select

from jobbes.models import Profile, User
from jobbes.models.base import utcnow
from jobbes.services import interests, profiles
from jobbes.services.moderation import Decision
from tests import factories
from tests.test_access import routes
from tests.text import plain, t

WISHES = {"opportunities": ["job_trial", "summer_job"], "fields": ["food_restaurant", "it"]}
WHERE_AND_WHEN = {
    "home_area": "vagsbygd",
    "max_travel_minutes": "30",
    "weekparts": ["weekdays", "weekends"],
    "available_from": "",
}
SKILLS = {
    "skills": ["cooking", "team_player"],
    "own_skills": "Fotball, Excel",
    "norwegian": "2",
    "english": "3",
    "other_language_1": "ar",
    "other_level_1": "4",
    "other_language_2": "",
    "other_level_2": "",
}
ABOUT = {"name": "Sara", "about": "Jeg liker å lage mat og å hjelpe folk."}
STEP_DATA = {"wishes": WISHES, "where-and-when": WHERE_AND_WHEN, "skills": SKILLS, "about": ABOUT}


@pytest.fixture
def young(db_session):
    user = factories.young_person(db_session, name="Sara", age=17)
    db_session.commit()
    return user


@pytest.fixture
def me(client, young):
    client.login(young.email)
    return client


def fill_profile(client):
    for step, data in STEP_DATA.items():
        response = client.post(f"/me/profile/{step}", data={**data, "action": "next"})
        assert response.status_code == 303, (step, response.get_data(as_text=True)[:2000])


def test_each_step_saves_and_leads_to_the_next(me, db_session, young):
    expected_next = {
        "wishes": "/me/profile/where-and-when",
        "where-and-when": "/me/profile/skills",
        "skills": "/me/profile/about",
        "about": "/me/profile",
    }
    for step, data in STEP_DATA.items():
        assert me.get(f"/me/profile/{step}").status_code == 200
        response = me.post(f"/me/profile/{step}", data={**data, "action": "next"})
        assert response.headers["Location"] == expected_next[step]
    profile = db_session.get(Profile, young.id)
    db_session.refresh(profile)
    assert profiles.completeness(profile).percent == 100
    assert profile.skills == ["cooking", "team_player", "Fotball", "Excel"]
    assert {lang.value: int(level) for lang, level in profile.languages.items()} == {
        "nb": 2,
        "en": 3,
        "ar": 4,
    }


def test_a_saved_step_shows_what_was_saved(me):
    fill_profile(me)
    page = me.get("/me/profile/skills").get_data(as_text=True)
    assert re.search(r'value="cooking"[^>]*checked|checked[^>]*value="cooking"', page)
    assert 'value="Fotball, Excel"' in page


def test_save_and_finish_later_goes_to_my_page(me):
    response = me.post("/me/profile/wishes", data={**WISHES, "action": "later"})
    assert response.headers["Location"] == "/me"
    page = me.get("/me").get_data(as_text=True)
    assert t("Saved. You can carry on whenever you like.") in page
    assert "29 % ferdig" in page


def test_my_page_shows_what_is_missing_and_the_next_step(me):
    page = me.get("/me").get_data(as_text=True)
    assert t("What you are looking for") in page
    assert 'href="/me/profile/wishes"' in page
    fill_profile(me)
    page = me.get("/me").get_data(as_text=True)
    assert t("Your profile is complete") in page


def test_a_step_refuses_a_value_that_is_not_on_the_list(me):
    response = me.post(
        "/me/profile/wishes", data={"opportunities": ["space_pirate"], "action": "next"}
    )
    assert response.status_code == 422
    assert t("Choose from the list.") in response.get_data(as_text=True)


def test_an_unknown_step_is_404(me):
    assert me.get("/me/profile/secrets").status_code == 404
    assert me.post("/me/profile/secrets", data={}).status_code == 404


def test_a_too_long_about_text_is_refused_with_a_count(me):
    response = me.post(
        "/me/profile/about", data={"name": "Sara", "about": "x" * 310, "action": "next"}
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Hold det under 300 tegn." in page
    assert "10 tegn for mye" in page


def test_checking_as_you_type_returns_the_form_and_only_speaks_of_filled_fields(me):
    response = me.htmx(
        "POST",
        "/me/profile/about/check",
        target="profile-step",
        data={"name": "", "about": "Hei", "contact_email": "rita@"},
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<form id="profile-step"')
    assert "3 av 300 tegn" in page
    assert t("Write a whole email address, like navn@example.no.") in page  # typed, and wrong
    assert t("Write the name you want to be called.") not in page  # empty: not nagged about yet
    assert "ds-error-summary" not in page  # it would pull the focus away from typing
    # The redrawn form still saves the step being checked, and checks it again.
    assert 'action="/me/profile/about"' in page
    assert 'hx-post="/me/profile/about/check"' in page


def test_checking_never_saves(me, db_session, young):
    me.htmx("POST", "/me/profile/about/check", target="profile-step", data=ABOUT)
    db_session.expire_all()
    assert db_session.get(Profile, young.id).about is None


def test_the_preview_shows_what_employers_see_and_never_the_birth_date(me, young):
    fill_profile(me)
    page = me.get("/me/profile/preview").get_data(as_text=True)
    assert "Sara, 17 år" in page
    assert t("Food and restaurants") in page
    assert young.email not in page
    assert young.profile.birth_date.isoformat() not in page


def test_turning_on_discoverability_needs_a_profile_that_says_what_you_want(me):
    response = me.post("/me/profile/visibility", data={"discoverable": "on"})
    assert response.status_code == 303
    page = me.get("/me/profile").get_data(as_text=True)
    assert "Fyll ut dette først" in page
    assert t("Let employers find me") in page


def test_turning_on_discoverability_sends_the_profile_to_review(me, db_session, young):
    fill_profile(me)
    me.post("/me/profile/visibility", data={"discoverable": "on"})
    page = me.get("/me/profile").get_data(as_text=True)
    assert (
        t("A counsellor is reviewing your profile. Employers can find you once it is approved.")
        in page
    )
    assert t("Hide my profile from employers") in page
    db_session.expire_all()
    profile = db_session.get(Profile, young.id)
    assert profile.discoverable
    assert profile.pending_submission is not None


def test_a_moderators_request_for_changes_is_shown(me, db_session, young):
    fill_profile(me)
    me.post("/me/profile/visibility", data={"discoverable": "on"})
    db_session.expire_all()
    profile = db_session.get(Profile, young.id)
    factories.decide_profile(
        db_session,
        profile,
        Decision.REQUEST_CHANGES,
        comment="Fortell litt mer om hva du har gjort før.",
    )
    db_session.commit()
    page = me.get("/me/profile").get_data(as_text=True)
    assert "Fortell litt mer om hva du har gjort før." in page


def test_my_data_page_and_download(me, young):
    fill_profile(me)
    page = me.get("/me/data").get_data(as_text=True)
    assert young.email in page
    response = me.get("/me/data/download")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["birth_date"] == young.profile.birth_date.isoformat()
    assert data["profile"]["skills"] == ["cooking", "team_player", "Fotball", "Excel"]


def test_my_data_page_shows_the_same_export_as_the_file(me, db_session, young):
    """Can a young person read everything the JSON file holds, on a page with sound headings?"""
    fill_profile(me)
    me.post("/me/profile/visibility", data={"discoverable": "on"})
    db_session.expire_all()
    listing = factories.published_listing(db_session, factories.employer(db_session))
    interest = factories.interest(db_session, young, listing, message="Jeg kan komme")
    interests.employer_step(
        interest, "invite_to_talk", now=utcnow(), message="Velkommen på besøk tirsdag"
    )
    factories.report(db_session, young, listing, text="Annonsen ber om penger")
    db_session.commit()

    page = me.get("/me/data").get_data(as_text=True)
    data = json.loads(me.get("/me/data/download").get_data(as_text=True))

    assert data["interests"][0]["timeline"][-1]["note"] == "Velkommen på besøk tirsdag"
    assert data["reports_made"][0]["my_words"] == "Annonsen ber om penger"
    assert data["profile"]["reviews"][0]["status"] == "submitted"
    for shown in (
        young.email,
        "Jeg liker å lage mat og å hjelpe folk.",  # the profile and the words sent for review
        "Kjøkkenhjelp på kafé",
        "Jeg kan komme",
        "Velkommen på besøk tirsdag",
        "Annonsen ber om penger",
    ):
        assert shown in page, shown
    assert page.count("Jeg liker å lage mat og å hjelpe folk.") == 2
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page)]
    assert levels.count(1) == 1
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    for section in ("account", "profile", "interests", "reviews", "reports"):
        assert f'<h3 id="{section}-heading"' in page
    assert '<th scope="col">' in page


def test_changing_email_needs_the_password(me, db_session, young, mail):
    wrong = me.post("/me/data/email", data={"email": "ny@example.no", "password": "nope"})
    assert wrong.status_code == 422
    assert t("The password is wrong.") in wrong.get_data(as_text=True)
    same = me.post("/me/data/email", data={"email": young.email, "password": factories.PASSWORD})
    assert same.status_code == 422
    assert mail.messages == []


def _email_link(mail, address):
    [message] = mail.to(address)
    return re.search(r"http://localhost(/auth/email/\S+)", mail.body(message)).group(1)


def test_changing_email_takes_the_link_sent_to_the_new_address(me, db_session, young, mail):
    old_email = young.email
    ok = me.post("/me/data/email", data={"email": "Ny@Example.no", "password": factories.PASSWORD})
    assert ok.status_code == 303
    assert t(
        "We have sent a link to %(email)s. Open it to change your email address; until then, "
        "nothing changes.",
        email="ny@example.no",
    ) in me.get("/me/data").get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(User, young.id).email == old_email  # nothing changes before the link
    link = _email_link(mail, "ny@example.no")
    # Opening the link (as a mail scanner does) changes nothing: a button does.
    page = me.get(link)
    assert page.status_code == 200
    assert "ny@example.no" in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(User, young.id).email == old_email
    done = me.post(link, data={})
    assert done.status_code == 303
    assert done.headers["Location"] == "/me/data"
    db_session.expire_all()
    assert db_session.get(User, young.id).email == "ny@example.no"
    # Used once: the account's address is no longer the one the link was sent from.
    assert me.post(link, data={}).status_code == 400
    assert me.get(link).status_code == 400


def test_changing_to_a_taken_address_answers_the_same_and_tells_its_owner(
    me, db_session, young, mail
):
    taken = factories.employer(db_session)
    db_session.commit()
    password = factories.PASSWORD
    free = me.post("/me/data/email", data={"email": "fri@example.no", "password": password})
    clash = me.post("/me/data/email", data={"email": taken.email, "password": password})
    assert clash.status_code == free.status_code == 303
    assert clash.headers["Location"] == free.headers["Location"]
    told = me.get("/me/data").get_data(as_text=True)
    assert (
        t(
            "We have sent a link to %(email)s. Open it to change your email address; until then, "
            "nothing changes.",
            email=taken.email,
        )
        in told
    )
    [warning] = mail.to(taken.email)
    body = mail.body(warning)
    assert (
        plain(
            "Someone tried to move another Jobbes account to this email address. It is yours, "
            "so nothing was changed."
        )
        in body
    )
    assert "/auth/email/" not in body
    db_session.expire_all()
    assert db_session.get(User, young.id).email != taken.email


def test_a_link_stops_working_once_its_address_is_taken(me, db_session, young, mail):
    me.post("/me/data/email", data={"email": "ny@example.no", "password": factories.PASSWORD})
    link = _email_link(mail, "ny@example.no")
    factories.employer(db_session, email="ny@example.no")
    db_session.commit()
    assert me.post(link, data={}).status_code == 400
    db_session.expire_all()
    assert db_session.get(User, young.id).email != "ny@example.no"


def test_deleting_the_account_needs_a_tick_and_the_password(me, db_session, young):
    user_id = young.id
    assert t("Delete your account?") in me.get("/me/data/delete").get_data(as_text=True)
    no_tick = me.post("/me/data/delete", data={"password": factories.PASSWORD})
    assert no_tick.status_code == 422
    wrong = me.post("/me/data/delete", data={"confirm": "y", "password": "nope"})
    assert wrong.status_code == 422
    response = me.post("/me/data/delete", data={"confirm": "y", "password": factories.PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert me.get("/me").status_code == 302  # logged out
    db_session.expire_all()
    assert db_session.scalar(select(User).where(User.id == user_id)) is None


def birth_date_spellings(birth_date):
    spellings = {
        birth_date.isoformat(),
        birth_date.strftime("%d.%m.%Y"),
        birth_date.strftime("%d/%m/%Y"),
    }
    for locale in ("nb", "en"):
        for pattern in ("d. MMMM y", "d. MMM y", "d MMMM y", "MMMM d, y", "d.M.y"):
            spellings.add(format_date(birth_date, pattern, locale=locale))
    return spellings


@pytest.mark.parametrize("viewer_role", ["employer", "other_young_person", "moderator"])
def test_no_page_or_fragment_shows_the_birth_date_to_anyone_else(
    app, db_session, young, viewer_role
):
    """Every GET route, whole and as every fragment, as an employer whose listing the young
    person is interested in, as another young person, and as a moderator."""
    owner = app.test_client()
    owner.login(young.email)
    fill_profile(owner)
    owner.post("/me/profile/visibility", data={"discoverable": "on"})
    db_session.expire_all()
    profile = db_session.get(Profile, young.id)
    submission_id = profile.pending_submission.id
    factories.decide_profile(db_session, profile, Decision.APPROVE)
    if viewer_role == "employer":
        viewer = factories.employer(db_session)
        listing = factories.published_listing(db_session, viewer)
        factories.interest(db_session, young, listing)
        own = [
            f"/employer/listings/{listing.id}{page}" for page in ("", "/interests", "/suggestions")
        ]
    elif viewer_role == "moderator":
        viewer = factories.staff(db_session)
        own = [f"/moderation/people/{young.id}", f"/moderation/profiles/{submission_id}"]
    else:
        viewer = factories.young_person(db_session, age=22)
        own = []
    db_session.commit()
    spellings = birth_date_spellings(profile.birth_date)
    client = app.test_client()
    client.login(viewer.email)
    targets = ["main", "messages", "profile-step", "results", "matches", "interests", "pipeline"]
    urls = [
        url for rule, method, url in routes(app) if method == "GET" and rule.endpoint != "static"
    ]
    for url in urls + own:
        for url_variant in {url, url.replace("/1", f"/{young.id}")}:
            for headers in [{}] + [
                {"HX-Request": "true", "HX-Target": f"div#{target}"} for target in targets
            ]:
                response = client.get(url_variant, headers=headers)
                body = response.get_data(as_text=True)
                leaked = [s for s in spellings if s in body]
                assert leaked == [], (url_variant, headers, leaked)
                if url in own and url_variant == url and not headers:
                    # the page really showed them
                    assert response.status_code == 200, (
                        url,
                        response.status_code,
                        response.location,
                    )
