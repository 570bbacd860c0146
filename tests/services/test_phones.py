"""A mobile number: parsed and kept as E.164, confirmed with a hashed six-digit code that runs
out, and locked for an hour after too many wrong codes or too many codes sent."""

from datetime import UTC, datetime, timedelta

import pytest

from jobbes.models import Category, Channel, Frequency
from jobbes.services import notifications, phones
from jobbes.services.phones import NumberProblem
from tests import factories

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "typed",
    ["41234567", "412 34 567", "+47 412 34 567", "0047 41234567", "+4741234567", " 41 23 45 67 "],
)
def test_a_norwegian_mobile_number_is_kept_as_e164(typed):
    assert phones.normalise(typed) == "+4741234567"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", NumberProblem.INVALID),
        ("abc", NumberProblem.INVALID),
        ("1234", NumberProblem.INVALID),
        ("4123456789012345", NumberProblem.INVALID),
        ("<script>", NumberProblem.INVALID),
        ("+46 70 123 45 67", NumberProblem.FOREIGN),  # Swedish mobile
        ("+44 7700 900123", NumberProblem.FOREIGN),
        ("0046701234567", NumberProblem.FOREIGN),
        ("22 12 34 56", NumberProblem.NOT_MOBILE),  # an Oslo landline
    ],
)
def test_invalid_foreign_and_landline_numbers_are_refused_with_their_reason(typed, problem):
    with pytest.raises(phones.InvalidNumber) as refused:
        phones.normalise(typed)
    assert refused.value.problem is problem


def test_a_code_is_six_digits_stored_only_as_a_hash(db_session):
    young = factories.young_person(db_session)
    sent = phones.request_code(db_session, young, "412 34 567", now=NOW)
    assert len(sent.code) == 6
    assert sent.code.isdigit()
    assert sent.phone.number == "+4741234567"
    assert sent.phone.code_hash
    assert sent.code not in sent.phone.code_hash
    assert sent.phone.code_expires_at == NOW + timedelta(minutes=10)
    assert not notifications.sms_allowed(young)


def test_the_right_code_confirms_the_number_and_allows_sms(db_session):
    young = factories.young_person(db_session)
    sent = phones.request_code(db_session, young, "41234567", now=NOW)
    phones.confirm(db_session, young, f" {sent.code} ", now=NOW + timedelta(minutes=9))
    assert notifications.sms_allowed(young)
    assert young.phone is not None
    assert young.phone.code_hash is None
    notifications.set_preference(
        db_session, young, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
    )


def test_a_code_runs_out_after_ten_minutes(db_session):
    young = factories.young_person(db_session)
    sent = phones.request_code(db_session, young, "41234567", now=NOW)
    with pytest.raises(phones.CodeExpired):
        phones.confirm(db_session, young, sent.code, now=NOW + timedelta(minutes=10))
    assert not notifications.sms_allowed(young)


def test_guessing_codes_locks_the_number_for_an_hour(db_session):
    young = factories.young_person(db_session)
    sent = phones.request_code(db_session, young, "41234567", now=NOW)
    wrong = f"{(int(sent.code) + 1) % 1_000_000:06d}"
    for left in range(phones.MAX_ATTEMPTS - 1, 0, -1):
        with pytest.raises(phones.WrongCode) as refused:
            phones.confirm(db_session, young, wrong, now=NOW)
        assert refused.value.attempts_left == left
    with pytest.raises(phones.Locked) as locked:
        phones.confirm(db_session, young, wrong, now=NOW)
    assert locked.value.until == NOW + timedelta(hours=1)
    # Even the right code does nothing now, and no new code can be had.
    with pytest.raises(phones.Locked):
        phones.confirm(db_session, young, sent.code, now=NOW + timedelta(minutes=1))
    with pytest.raises(phones.Locked):
        phones.request_code(db_session, young, "41234567", now=NOW + timedelta(minutes=59))
    # Removing the number and adding it again does not reset the lock.
    phones.remove(db_session, young)
    with pytest.raises(phones.Locked):
        phones.request_code(db_session, young, "41234567", now=NOW + timedelta(minutes=30))
    again = phones.request_code(db_session, young, "41234567", now=NOW + timedelta(hours=1))
    phones.confirm(db_session, young, again.code, now=NOW + timedelta(hours=1, minutes=1))
    assert notifications.sms_allowed(young)


def test_too_many_codes_sent_in_an_hour_locks_too(db_session):
    young = factories.young_person(db_session)
    for minute in range(phones.MAX_CODES_PER_HOUR):
        phones.request_code(db_session, young, "41234567", now=NOW + timedelta(minutes=minute))
    with pytest.raises(phones.Locked):
        phones.request_code(db_session, young, "41234567", now=NOW + timedelta(minutes=5))


def test_only_the_latest_code_works(db_session):
    young = factories.young_person(db_session)
    first = phones.request_code(db_session, young, "41234567", now=NOW)
    second = phones.request_code(db_session, young, "41234567", now=NOW + timedelta(minutes=1))
    if first.code != second.code:
        with pytest.raises(phones.WrongCode):
            phones.confirm(db_session, young, first.code, now=NOW + timedelta(minutes=2))
    phones.confirm(db_session, young, second.code, now=NOW + timedelta(minutes=2))


def test_a_new_number_stops_texts_until_it_is_confirmed_and_removing_stops_them(db_session):
    young = factories.young_person(db_session)
    sent = phones.request_code(db_session, young, "41234567", now=NOW)
    phones.confirm(db_session, young, sent.code, now=NOW)
    phones.request_code(db_session, young, "98765432", now=NOW + timedelta(days=1))
    assert not notifications.sms_allowed(young)
    phones.remove(db_session, young)
    assert young.phone is not None
    assert young.phone.number is None
    assert not notifications.sms_allowed(young)


def test_sms_is_refused_as_a_choice_without_a_confirmed_number(db_session):
    young = factories.young_person(db_session)
    phones.request_code(db_session, young, "41234567", now=NOW)
    with pytest.raises(notifications.ChannelNotAllowed):
        notifications.set_preference(
            db_session, young, Category.INVITATIONS, Channel.SMS, Frequency.IMMEDIATE
        )


def test_several_accounts_cannot_add_up_to_a_flood_of_codes_to_one_number(db_session):
    one, two = factories.young_person(db_session), factories.young_person(db_session)
    for minute in range(phones.MAX_CODES_PER_HOUR - 1):
        phones.request_code(db_session, one, "41234567", now=NOW + timedelta(minutes=minute))
    phones.request_code(db_session, two, "41234567", now=NOW + timedelta(minutes=5))
    with pytest.raises(phones.Locked):
        phones.request_code(db_session, two, "41234567", now=NOW + timedelta(minutes=6))
    assert two.phone is not None
    assert two.phone.locked_until is None
    # Another number is still fine for the second account, and the first one after the hour.
    phones.request_code(db_session, two, "98765432", now=NOW + timedelta(minutes=7))
    phones.request_code(db_session, one, "41234567", now=NOW + timedelta(hours=1, minutes=1))


def test_the_number_is_in_the_person_s_data_export_and_goes_with_the_account(db_session):
    from sqlalchemy import select

    from jobbes.models import PhoneNumber
    from jobbes.services import own_data

    young = factories.young_person(db_session)
    phones.request_code(db_session, young, "41234567", now=NOW)
    assert own_data.export_data(db_session, young)["account"]["mobile_number"] == "+4741234567"
    own_data.delete_account(db_session, young, now=NOW)
    assert db_session.scalars(select(PhoneNumber)).all() == []
