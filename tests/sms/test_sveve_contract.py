"""Sveve's SendMessage API, as documented: a local HTTP server checks the request Jobbes makes
(method, path, JSON body with the credentials) and answers the way Sveve does, also with its
errors, so that every answer is either retried or recorded as it should be."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from sqlalchemy import select
from werkzeug import Request, Response

from jobbes.models import Category, Channel, Delivery, DeliveryStatus, Frequency, NotificationKind
from jobbes.services import notifications, phones, sms
from jobbes.sms import SmsError, gateway_from_config
from jobbes.sms.sveve import SveveGateway
from jobbes.sms.texts import composer
from tests import factories

PATH = "/SMS/SendMessage"
DOCUMENTED_BODY = {
    "user": "jobbes",
    "passwd": "hemmelig",
    "to": "41234567",
    "msg": "Jobbes: test æøå",
    "from": "Jobbes",
    "f": "json",
    "ref": "12:sms",
}
OK = {"response": {"msgOkCount": 1, "stdSMSCount": 1, "ids": [42824112]}}


def gateway(httpserver: HTTPServer, timeout: float = 2) -> SveveGateway:
    return SveveGateway(
        url=httpserver.url_for(PATH),
        user="jobbes",
        password="hemmelig",
        sender="Jobbes",
        timeout=timeout,
    )


def expect(httpserver: HTTPServer):
    return httpserver.expect_oneshot_request(
        PATH,
        method="POST",
        json=DOCUMENTED_BODY,
        headers={"Content-Type": "application/json; charset=utf-8"},
    )


def send(httpserver: HTTPServer, **kwargs) -> str:
    return gateway(httpserver, **kwargs).send("+4741234567", "Jobbes: test æøå", reference="12:sms")


def test_a_text_is_posted_as_documented_and_sveve_s_id_is_returned(httpserver):
    expect(httpserver).respond_with_json(OK)
    assert send(httpserver) == "42824112"
    httpserver.check_assertions()


def test_the_gateway_is_chosen_by_configuration(httpserver):
    expect(httpserver).respond_with_json(OK)
    configured = gateway_from_config(
        {
            "SMS_BACKEND": "sveve",
            "SMS_SVEVE_URL": httpserver.url_for(PATH),
            "SMS_SVEVE_USER": "jobbes",
            "SMS_SVEVE_PASSWORD": "hemmelig",
            "SMS_SENDER": "Jobbes",
        }
    )
    assert configured.send("+4741234567", "Jobbes: test æøå", reference="12:sms") == "42824112"
    httpserver.check_assertions()


def test_a_request_unlike_the_documented_one_is_not_answered_ok(httpserver):
    """The server really checks: a wrong password in the body gets no OK."""
    expect(httpserver).respond_with_json(OK)
    wrong = SveveGateway(
        url=httpserver.url_for(PATH), user="jobbes", password="feil", sender="Jobbes"
    )
    with pytest.raises(SmsError):
        wrong.send("+4741234567", "Jobbes: test æøå", reference="12:sms")


@pytest.mark.parametrize(
    ("answer", "retry"),
    [
        # Sveve says HTTP 200 with a fatal error when nothing was sent (credentials, credit).
        ({"response": {"fatalError": "Feil brukernavn/passord"}}, False),
        (
            {
                "response": {
                    "msgOkCount": 0,
                    "stdSMSCount": 0,
                    "ids": [],
                    "errors": [{"number": "41234567", "message": "Ugyldig mobilnummer"}],
                }
            },
            False,
        ),
        ({"something": "else"}, True),
    ],
)
def test_sveve_s_error_answers_say_whether_to_retry(httpserver, answer, retry):
    expect(httpserver).respond_with_json(answer)
    with pytest.raises(SmsError) as failed:
        send(httpserver)
    assert failed.value.retry is retry


@pytest.mark.parametrize(
    ("status", "retry"),
    [
        (400, False),
        (401, False),
        (403, False),
        (404, False),
        (429, True),
        (500, True),
        (502, True),
        (503, True),
    ],
)
def test_http_errors_are_retried_only_when_they_may_pass(httpserver, status, retry):
    expect(httpserver).respond_with_data("error", status=status)
    with pytest.raises(SmsError) as failed:
        send(httpserver)
    assert failed.value.retry is retry
    assert str(status) in str(failed.value)


def test_an_answer_that_is_not_json_is_retried(httpserver):
    expect(httpserver).respond_with_data("<html>maintenance</html>", content_type="text/html")
    with pytest.raises(SmsError) as failed:
        send(httpserver)
    assert failed.value.retry is True


def test_a_gateway_that_does_not_answer_in_time_is_retried(httpserver):
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(json.dumps(OK), content_type="application/json")

    expect(httpserver).respond_with_handler(slow)
    started = time.monotonic()
    with pytest.raises(SmsError) as failed:
        send(httpserver, timeout=0.3)
    assert failed.value.retry is True
    assert time.monotonic() - started < 1.4
    # Let the slow answer finish here, so it is not logged in the next test.
    while not httpserver.log:
        time.sleep(0.1)


def test_a_gateway_that_is_down_is_retried():
    down = SveveGateway(
        url="http://127.0.0.1:9/SMS/SendMessage", user="u", password="p", sender="s"
    )
    with pytest.raises(SmsError) as failed:
        down.send("+4741234567", "x")
    assert failed.value.retry is True


def test_only_norwegian_numbers_are_sent_to(httpserver):
    with pytest.raises(SmsError) as failed:
        gateway(httpserver).send("+46701234567", "x")
    assert failed.value.retry is False
    assert httpserver.log == []


# The outbox against the gateway: failures are retried with backoff or recorded, never lost.

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def outbox(app, db_session):
    person = factories.young_person(db_session)
    sent = phones.request_code(db_session, person, "41234567", now=NOW)
    phones.confirm(db_session, person, sent.code, now=NOW)
    notifications.set_preference(
        db_session, person, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
    )
    notifications.notify(
        db_session, person, NotificationKind.INTEREST_INVITED, link="/me/interests", now=NOW
    )
    with app.app_context():
        yield person


def deliver(db_session, httpserver, now):
    return sms.send_due_sms(db_session, gateway(httpserver), now, compose=composer("jobbes.no"))


def the_delivery(db_session) -> Delivery:
    return db_session.scalars(select(Delivery).where(Delivery.channel == Channel.SMS)).one()


def test_a_5xx_is_retried_with_backoff_and_then_sent_once(db_session, httpserver, outbox):
    httpserver.expect_oneshot_request(PATH, method="POST").respond_with_data("down", status=503)
    [outcome] = deliver(db_session, httpserver, NOW)
    assert outcome.action is sms.Action.RETRY
    delivery = the_delivery(db_session)
    assert delivery.status is DeliveryStatus.FAILED
    assert delivery.next_attempt_at == NOW + timedelta(minutes=1)
    assert "503" in (delivery.last_error or "")
    assert deliver(db_session, httpserver, NOW + timedelta(seconds=30)) == []
    httpserver.expect_oneshot_request(PATH, method="POST").respond_with_json(OK)
    [outcome] = deliver(db_session, httpserver, NOW + timedelta(minutes=1))
    assert outcome.action is sms.Action.SENT
    assert outcome.message_id == "42824112"
    assert delivery.status is DeliveryStatus.SENT
    assert delivery.attempts == 2
    assert deliver(db_session, httpserver, NOW + timedelta(hours=1)) == []
    assert len(httpserver.log) == 2


def test_a_refusal_is_recorded_and_not_retried(db_session, httpserver, outbox):
    httpserver.expect_oneshot_request(PATH, method="POST").respond_with_json(
        {"response": {"fatalError": "Ikke nok SMS igjen på kontoen"}}
    )
    [outcome] = deliver(db_session, httpserver, NOW)
    assert outcome.action is sms.Action.GIVEN_UP
    delivery = the_delivery(db_session)
    assert delivery.status is DeliveryStatus.GIVEN_UP
    assert "Ikke nok SMS" in (delivery.last_error or "")
    assert deliver(db_session, httpserver, NOW + timedelta(hours=2)) == []


def test_failing_for_a_day_gives_up_with_the_failure_recorded(db_session, httpserver, outbox):
    httpserver.expect_request(PATH, method="POST").respond_with_data("down", status=500)
    moment = NOW
    while True:
        [outcome] = deliver(db_session, httpserver, moment)
        if outcome.action not in (sms.Action.RETRY, sms.Action.HELD):
            break
        moment = the_delivery(db_session).next_attempt_at
    assert outcome.action is sms.Action.GIVEN_UP
    assert moment - NOW >= timedelta(days=1)
    assert the_delivery(db_session).status is DeliveryStatus.GIVEN_UP


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"SMS_BACKEND": "twilio"}, "SMS_BACKEND must be log or sveve"),
        ({"SMS_BACKEND": "sveve", "SMS_SVEVE_USER": "jobbes"}, "SMS_SVEVE_PASSWORD"),
    ],
)
def test_a_gateway_that_cannot_work_stops_the_app_at_start(monkeypatch, tmp_path, env, complaint):
    from jobbes import config

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(config.ConfigError, match=complaint):
        config.load(tmp_path)


def test_sveve_is_configured_from_the_environment(monkeypatch, tmp_path):
    from jobbes import config

    monkeypatch.setenv("SMS_BACKEND", "sveve")
    monkeypatch.setenv("SMS_SVEVE_USER", "jobbes")
    monkeypatch.setenv("SMS_SVEVE_PASSWORD", "hemmelig")
    settings = config.load(tmp_path)
    configured = gateway_from_config(settings)
    assert isinstance(configured, SveveGateway)
    assert configured.url == "https://sveve.no/SMS/SendMessage"
    assert configured.sender == "Jobbes"
