"""Brønnøysundregistrene's client, against a local server that answers like the register."""

import time

import pytest
from werkzeug import Response

from jobbes import brreg
from jobbes.vocabulary import Sector

NUMBER = "923609016"

UNIT = {
    "organisasjonsnummer": NUMBER,
    "navn": "KVADRATUREN KAFÉ AS",
    "organisasjonsform": {"kode": "AS", "beskrivelse": "Aksjeselskap"},
    "naeringskode1": {"kode": "56.101", "beskrivelse": "Drift av restauranter og kafeer"},
    "forretningsadresse": {
        "adresse": ["Markens gate 1"],
        "postnummer": "4611",
        "poststed": "KRISTIANSAND S",
        "kommune": "KRISTIANSAND",
    },
    "konkurs": False,
    "underAvvikling": False,
}


@pytest.fixture
def register(httpserver):
    return brreg.Register(httpserver.url_for("/enhetsregisteret/api"), timeout=0.5)


def test_a_known_unit_gives_its_name_address_trade_and_sector(httpserver, register):
    httpserver.expect_request(f"/enhetsregisteret/api/enheter/{NUMBER}").respond_with_json(UNIT)
    found = register.look_up(NUMBER)
    assert found == brreg.Found(
        name="KVADRATUREN KAFÉ AS",
        address="Markens gate 1, 4611 KRISTIANSAND S",
        sector=Sector.PRIVATE,
        trade="Drift av restauranter og kafeer",
        bankrupt=False,
        winding_up=False,
        deleted_on=None,
    )
    assert found.status == "found"


@pytest.mark.parametrize(
    ("flags", "status"),
    [
        ({"konkurs": True}, "bankrupt"),
        ({"underAvvikling": True}, "winding_up"),
        ({"slettedato": "2024-03-01"}, "deleted"),
    ],
)
def test_a_unit_that_is_ending_says_so(httpserver, register, flags, status):
    body = {**UNIT, **flags}
    httpserver.expect_request(f"/enhetsregisteret/api/enheter/{NUMBER}").respond_with_json(body)
    assert register.look_up(NUMBER).status == status


def test_a_municipality_is_public_and_an_association_voluntary(httpserver, register):
    body = {**UNIT, "organisasjonsform": {"kode": "KOMM"}}
    httpserver.expect_request(f"/enhetsregisteret/api/enheter/{NUMBER}").respond_with_json(body)
    assert register.look_up(NUMBER).sector is Sector.PUBLIC


@pytest.mark.parametrize(("code", "expected"), [(404, brreg.NotFound), (410, brreg.Deleted)])
def test_unknown_and_deleted_numbers(httpserver, register, code, expected):
    httpserver.expect_request(f"/enhetsregisteret/api/enheter/{NUMBER}").respond_with_data(
        "{}", status=code, content_type="application/json"
    )
    assert isinstance(register.look_up(NUMBER), expected)


def test_a_register_error_or_nonsense_is_unavailable(httpserver, register):
    path = f"/enhetsregisteret/api/enheter/{NUMBER}"
    httpserver.expect_ordered_request(path).respond_with_data("oops", status=500)
    httpserver.expect_ordered_request(path).respond_with_data("<html>", status=200)
    httpserver.expect_ordered_request(path).respond_with_json({"no": "name"})
    for _ in range(3):
        assert isinstance(register.look_up(NUMBER), brreg.Unavailable)


def test_a_slow_register_is_given_up_on(httpserver, register):
    def slow(_request):
        time.sleep(1.5)
        return Response("{}", content_type="application/json")

    httpserver.expect_request(f"/enhetsregisteret/api/enheter/{NUMBER}").respond_with_handler(slow)
    started = time.monotonic()
    assert isinstance(register.look_up(NUMBER), brreg.Unavailable)
    assert time.monotonic() - started < 1.2


def test_no_register_configured_asks_nothing():
    assert isinstance(brreg.Register("").look_up(NUMBER), brreg.Unavailable)


def test_an_unreachable_register_is_unavailable():
    from tests.conftest import free_port

    unreachable = brreg.Register(f"http://127.0.0.1:{free_port()}/api", timeout=0.5)
    assert isinstance(unreachable.look_up(NUMBER), brreg.Unavailable)
