"""The employer's pages: the organisation, colleagues and listings, as an employer uses them."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import Listing, ListingStatus, Role, User
from jobbes.models.base import local_today
from tests import factories
from tests.test_access import routes
from tests.text import t

TODAY = local_today()


def job_trial_form(**overrides):
    return {
        "listing_type": "job_trial",
        "title": "Kjøkkenhjelp på kafé",
        "description": "Du hjelper til på kjøkkenet.",
        "field": "food_restaurant",
        "area": "kvadraturen",
        "trial_pay": "nav_funded",
        "places": "1",
        "minimum_age": "16",
        "language_need": "basic_norwegian",
        "deadline": (TODAY + timedelta(days=14)).isoformat(),
        **overrides,
    }


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Kafé Kvadraturen")
    db_session.commit()
    return user


@pytest.fixture
def as_employer(client, employer):
    client.login(employer.email)
    return client


def created_listing(db_session, employer):
    return db_session.scalars(
        select(Listing).where(Listing.organisation_id == employer.organisation_id)
    ).one()


def test_employer_posts_a_job_trial_previews_and_submits(as_employer, db_session, employer):
    assert as_employer.get("/employer/listings/new?type=job_trial").status_code == 200
    response = as_employer.post("/employer/listings/new", data=job_trial_form())
    assert response.status_code == 303
    listing = created_listing(db_session, employer)
    assert response.headers["Location"] == f"/employer/listings/{listing.id}"

    preview = as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert t("This is how young people see it") in preview
    assert "Kjøkkenhjelp på kafé" in preview
    assert t("Funded through NAV") in preview
    assert t("Draft") in preview

    response = as_employer.post(f"/employer/listings/{listing.id}/submit", data={})
    assert response.status_code == 303
    db_session.expire_all()
    assert db_session.get(Listing, listing.id).status is ListingStatus.IN_REVIEW
    overview = as_employer.get("/employer").get_data(as_text=True)
    assert t("Waiting for review") in overview
    assert re.search(r"venter i [0-9]+ sekund", overview)
    # Not public: nothing unreviewed is ever shown.
    assert as_employer.get(f"/listings/{listing.id}").status_code == 404


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"listing_type": "summer_job", "trial_pay": ""}, "Skriv hva jobben betaler."),
        ({"trial_pay": ""}, "Si om jobbtreningen er betalt"),
        ({"title": ""}, "Skriv en tittel."),
        (
            {"start_date": TODAY.isoformat(), "end_date": (TODAY - timedelta(days=1)).isoformat()},
            "Sluttdatoen må være etter startdatoen.",
        ),
        ({"deadline": (TODAY - timedelta(days=1)).isoformat()}, "Fristen kan ikke være passert."),
        (
            {
                "start_date": (TODAY + timedelta(days=7)).isoformat(),
                "deadline": (TODAY + timedelta(days=14)).isoformat(),
            },
            "Søknadsfristen må være før oppstart",
        ),
        ({"police_certificate": "y"}, "Velg hvorfor det kreves politiattest."),
        ({"places": "0"}, "Mellom 1 og 50 plasser."),
        ({"area": "narnia"}, "Ikke et gyldig valg"),
    ],
)
def test_a_listing_with_a_mistake_is_refused_with_a_clear_message(
    as_employer, db_session, employer, overrides, message
):
    response = as_employer.post("/employer/listings/new", data=job_trial_form(**overrides))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page or message.lower() in page.lower(), page[:300]
    assert db_session.scalar(select(Listing)) is None


def test_a_summer_job_with_pay_is_accepted(as_employer, db_session, employer):
    response = as_employer.post(
        "/employer/listings/new",
        data=job_trial_form(listing_type="summer_job", trial_pay="", pay="kr 170 i timen"),
    )
    assert response.status_code == 303
    assert created_listing(db_session, employer).current_version.pay == "kr 170 i timen"


def test_the_form_shows_the_pay_field_for_the_chosen_type_as_you_change_it(as_employer):
    response = as_employer.htmx(
        "POST",
        "/employer/listings/check",
        target="listing-form",
        data=job_trial_form(listing_type="summer_job", trial_pay=""),
    )
    page = response.get_data(as_text=True)
    assert page.lstrip().startswith('<form id="listing-form"')
    assert 'name="trial_pay"' not in page
    assert 'name="pay"' in page


def test_an_employer_never_sees_or_changes_another_organisations_listing(app, db_session, employer):
    other = factories.employer(db_session, organisation_name="Konkurrenten AS")
    theirs = factories.published_listing(db_session, other)
    db_session.commit()
    client = app.test_client()
    client.login(employer.email)
    for rule, method, url in routes(app):
        if "<int:listing_id>" not in rule.rule or not rule.rule.startswith("/employer"):
            continue
        url = url.replace("/1", f"/{theirs.id}")
        response = client.get(url) if method == "GET" else client.post(url, data=job_trial_form())
        assert response.status_code == 404, (method, url)
    db_session.expire_all()
    assert db_session.get(Listing, theirs.id).status is ListingStatus.PUBLISHED


def test_editing_a_published_listing_keeps_the_old_text_public_until_reviewed(
    as_employer, db_session, employer
):
    listing = factories.published_listing(db_session, employer, title="Gammel tittel")
    db_session.commit()
    assert "Gammel tittel" in as_employer.get(f"/listings/{listing.id}").get_data(as_text=True)
    edit = as_employer.get(f"/employer/listings/{listing.id}/edit").get_data(as_text=True)
    assert 'value="Gammel tittel"' in edit
    as_employer.post(
        f"/employer/listings/{listing.id}/edit", data=job_trial_form(title="Ny tittel")
    )
    as_employer.post(f"/employer/listings/{listing.id}/submit", data={})
    public = as_employer.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert "Gammel tittel" in public
    assert "Ny tittel" not in public
    page = as_employer.get(f"/employer/listings/{listing.id}").get_data(as_text=True)
    assert t("Published – your changes are waiting for review") in page


def test_copy_and_close(as_employer, db_session, employer):
    listing = factories.published_listing(db_session, employer, title="Oppvask")
    db_session.commit()
    response = as_employer.post(f"/employer/listings/{listing.id}/copy", data={})
    assert response.status_code == 303
    copy_id = int(response.headers["Location"].split("/")[-2])
    assert copy_id != listing.id
    assert 'value="Oppvask"' in as_employer.get(f"/employer/listings/{copy_id}/edit").get_data(
        as_text=True
    )
    as_employer.post(f"/employer/listings/{listing.id}/close", data={})
    db_session.expire_all()
    assert db_session.get(Listing, listing.id).status is ListingStatus.CLOSED
    closed = as_employer.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert t("This listing is no longer open") in closed
    assert "Oppvask" not in closed


def test_the_organisations_details_are_saved(as_employer, db_session, employer):
    response = as_employer.post(
        "/employer/organisation",
        data={
            "name": "Kafé Kvadraturen AS",
            "sector": "private",
            "area": "kvadraturen",
            "address": "Markens gate 1",
            "description": "En liten kafé i sentrum.",
            "website": "https://kafe.example.no",
        },
    )
    assert response.status_code == 303
    db_session.expire_all()
    organisation = db_session.get(User, employer.id).organisation
    assert organisation.name == "Kafé Kvadraturen AS"
    assert organisation.website == "https://kafe.example.no"


def test_a_colleague_is_invited_by_email_and_joins_the_organisation(
    app, as_employer, db_session, employer, mail
):
    response = as_employer.post("/employer/organisation/colleagues", data={"email": "per@kafe.no"})
    assert response.status_code == 303
    [message] = mail.to("per@kafe.no")
    link = re.search(r"http://localhost(/auth/invitation/\S+)", mail.body(message)).group(1)

    colleague = app.test_client()
    no_password_yet = colleague.post(
        "/auth/login", data={"email": "per@kafe.no", "password": "anything"}
    )
    assert no_password_yet.status_code == 422
    assert "Kafé Kvadraturen" in colleague.get(link).get_data(as_text=True)
    response = colleague.post(link, data={"name": "Per", "password": "et-godt-passord"})
    assert response.headers["Location"] == "/employer"
    assert "Kafé Kvadraturen" in colleague.get("/employer").get_data(as_text=True)
    user = db_session.scalar(select(User).where(User.email == "per@kafe.no"))
    assert (user.role, user.organisation_id) == (Role.EMPLOYER, employer.organisation_id)
    # The link is spent.
    assert app.test_client().get(link).status_code == 400


def test_the_live_check_while_editing_keeps_the_form_posting_to_the_same_listing(
    as_employer, db_session, employer
):
    """Does the form htmx redraws as the employer types still save the listing being edited?"""
    listing = factories.published_listing(db_session, employer, title="Gammel tittel")
    db_session.commit()
    edit = as_employer.get(f"/employer/listings/{listing.id}/edit").get_data(as_text=True)
    check_url = re.search(r'<form id="listing-form"[^>]*hx-post="([^"]+)"', edit).group(1)
    redrawn = as_employer.htmx(
        "POST", check_url, target="listing-form", data=job_trial_form(title="Ny tittel")
    ).get_data(as_text=True)
    form_tag = re.search(r'<form id="listing-form"[^>]*>', redrawn).group(0)
    assert f'action="/employer/listings/{listing.id}/edit"' in form_tag
    assert f'hx-post="{check_url}"' in form_tag
    assert 'value="Ny tittel"' in redrawn
    assert "<h1" not in redrawn  # a fragment, not the page


def test_the_live_check_of_another_organisations_listing_is_not_found(
    as_employer, db_session, employer
):
    theirs = factories.published_listing(
        db_session, factories.employer(db_session, organisation_name="Andre AS")
    )
    db_session.commit()
    response = as_employer.htmx(
        "POST", f"/employer/listings/{theirs.id}/check", target="listing-form", data={}
    )
    assert response.status_code == 404
