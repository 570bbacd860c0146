"""Employer sign-up looks the organisation number up in Brønnøysundregistrene, and keeps working
when the register cannot be reached; the moderator sees which it was."""

import pytest
from sqlalchemy import select

from jobbes.models import Organisation, RegisterCheck, Role
from jobbes.vocabulary import Sector
from tests import factories
from tests.test_brreg import NUMBER, UNIT
from tests.views.test_auth import employer_form

PATH = f"/enhetsregisteret/api/enheter/{NUMBER}"


@pytest.fixture
def app_config(httpserver):
    return {"BRREG_URL": httpserver.url_for("/enhetsregisteret/api"), "BRREG_TIMEOUT": 0.5}


def sign_up(client):
    return client.post(
        "/auth/register/employer",
        data=employer_form(org_number=NUMBER, organisation_name="Kafeen i Markens"),
    )


def moderator_sees(app, db_session):
    moderator = factories.staff(db_session, role=Role.MODERATOR)
    db_session.commit()
    organisation = db_session.scalar(select(Organisation))
    staff = app.test_client()
    staff.login(moderator.email)
    return staff.get(f"/moderation/organisations/{organisation.id}").get_data(as_text=True)


def test_a_known_organisation_gets_its_address_and_sector_from_the_register(
    app, client, db_session, httpserver
):
    httpserver.expect_request(PATH).respond_with_json(UNIT)
    assert sign_up(client).status_code == 303
    organisation = db_session.scalar(select(Organisation))
    assert organisation.name == "Kafeen i Markens"
    assert organisation.address == "Markens gate 1, 4611 KRISTIANSAND S"
    assert organisation.sector is Sector.PRIVATE
    page = moderator_sees(app, db_session)
    assert "KVADRATUREN KAFÉ AS" in page
    assert "Drift av restauranter og kafeer" in page


def test_a_bankrupt_organisation_is_flagged_to_the_moderator(app, client, db_session, httpserver):
    httpserver.expect_request(PATH).respond_with_json({**UNIT, "konkurs": True})
    assert sign_up(client).status_code == 303
    assert "Konkurs" in moderator_sees(app, db_session)


@pytest.mark.parametrize(
    ("code", "words"), [(404, "har ingen virksomhet"), (410, "virksomheten slettet")]
)
def test_an_unknown_or_deleted_number_is_refused(client, db_session, httpserver, code, words):
    httpserver.expect_request(PATH).respond_with_data("{}", status=code)
    response = sign_up(client)
    assert response.status_code == 422
    assert words in response.get_data(as_text=True)
    assert db_session.scalar(select(Organisation)) is None


def test_when_the_register_fails_sign_up_goes_on_and_the_moderator_is_told(
    app, client, db_session, httpserver
):
    httpserver.expect_request(PATH).respond_with_data("down", status=500)
    assert sign_up(client).status_code == 303
    check = db_session.scalar(select(RegisterCheck))
    assert check.status == "unavailable"
    assert "Ikke slått opp" in moderator_sees(app, db_session)


def test_looking_the_number_up_fills_in_the_name(client, httpserver):
    httpserver.expect_request(PATH).respond_with_json(UNIT)
    response = client.get(f"/auth/register/employer?lookup={NUMBER}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="KVADRATUREN KAFÉ AS"' in page
    assert f'value="{NUMBER}"' in page
    assert "Markens gate 1, 4611 KRISTIANSAND S" in page
    # Nothing else on the form is called wrong before it was sent.
    assert "Skriv navnet ditt" not in page


def test_looking_up_when_the_register_is_down_says_to_write_the_name(client, httpserver):
    httpserver.expect_request(PATH).respond_with_data("down", status=503)
    response = client.get(f"/auth/register/employer?lookup={NUMBER}")
    assert response.status_code == 200
    assert "Registeret svarte ikke akkurat nå" in response.get_data(as_text=True)
