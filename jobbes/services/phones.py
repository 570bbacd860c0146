"""A person's mobile number: added, confirmed with a six-digit code sent by text, removed.

Only Norwegian mobile numbers are taken. Jobbes serves young people in Kristiansand, Sveve (the
gateway) is priced and built for Norwegian numbers, and refusing other countries shuts the door
on "SMS pumping" (bots that make a site text expensive foreign numbers).
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobbes.models import PhoneNumber, User
from jobbes.services.errors import DomainError
from jobbes.services.passwords import hash_password, verify_password

REGION = "NO"
CODE_VALID = timedelta(minutes=10)
MAX_ATTEMPTS = 5  # wrong codes before the number is locked
MAX_CODES_PER_HOUR = 3  # codes sent, so nobody can use Jobbes to flood a phone
LOCK = timedelta(hours=1)


class NumberProblem(enum.StrEnum):
    INVALID = "invalid"
    FOREIGN = "foreign"
    NOT_MOBILE = "not_mobile"


class InvalidNumber(DomainError):
    def __init__(self, problem: NumberProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


class Locked(DomainError):
    """Too many codes sent or wrong codes tried: nothing more until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


class WrongCode(DomainError):
    def __init__(self, attempts_left: int) -> None:
        super().__init__(str(attempts_left))
        self.attempts_left = attempts_left


class CodeExpired(DomainError):
    """No code is waiting (never sent, used, or older than ten minutes)."""


def normalise(raw: str) -> str:
    """The E.164 form of a Norwegian mobile number typed any usual way ("412 34 567",
    "+47 41234567", "0047 41 23 45 67")."""
    text = raw.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        parsed = phonenumbers.parse(text, REGION)
    except NumberParseException as error:
        raise InvalidNumber(NumberProblem.INVALID) from error
    if not phonenumbers.is_valid_number(parsed):
        if parsed.country_code != 47 and phonenumbers.is_possible_number(parsed):
            raise InvalidNumber(NumberProblem.FOREIGN)
        raise InvalidNumber(NumberProblem.INVALID)
    if phonenumbers.region_code_for_number(parsed) != REGION:
        raise InvalidNumber(NumberProblem.FOREIGN)
    if phonenumbers.number_type(parsed) not in (
        PhoneNumberType.MOBILE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidNumber(NumberProblem.NOT_MOBILE)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def for_display(number: str) -> str:
    """ "+47 412 34 567", the way Norwegians write a mobile number."""
    parsed = phonenumbers.parse(number, REGION)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_of(user: User) -> PhoneNumber | None:
    return user.phone


def is_locked(phone: PhoneNumber | None, now: datetime) -> bool:
    return phone is not None and phone.locked_until is not None and phone.locked_until > now


def _lock(phone: PhoneNumber, now: datetime) -> Locked:
    phone.locked_until = now + LOCK
    phone.code_hash = None
    phone.code_expires_at = None
    return Locked(phone.locked_until)


@dataclass(frozen=True)
class CodeToSend:
    phone: PhoneNumber
    code: str


def _codes_to_number(session: Session, number: str, now: datetime) -> int:
    """Codes sent to this number in the last hour from any account: several accounts must not
    add up to a flood either."""
    sent = session.scalar(
        select(func.coalesce(func.sum(PhoneNumber.codes_sent), 0)).where(
            PhoneNumber.number == number, PhoneNumber.codes_window_at > now - LOCK
        )
    )
    return int(sent or 0)


def request_code(session: Session, user: User, raw: str, *, now: datetime) -> CodeToSend:
    """Take a (new) number and make a code for it; the caller texts the code after commit.

    A different number than the confirmed one stops texts at once until it is confirmed: the
    person just said the old one is no longer theirs."""
    number = normalise(raw)
    phone = user.phone
    if phone is None:
        phone = PhoneNumber(user_id=user.id, failed_attempts=0, codes_sent=0, created_at=now)
        session.add(phone)
        user.phone = phone
    if is_locked(phone, now):
        assert phone.locked_until is not None
        raise Locked(phone.locked_until)
    if phone.codes_window_at is None or now - phone.codes_window_at >= LOCK:
        phone.codes_window_at, phone.codes_sent = now, 0
    if phone.codes_sent >= MAX_CODES_PER_HOUR:
        raise _lock(phone, now)
    if _codes_to_number(session, number, now) >= MAX_CODES_PER_HOUR:
        # Not this person's fault alone: refuse without locking their own row.
        raise Locked(now + LOCK)
    code = f"{secrets.randbelow(1_000_000):06d}"
    if phone.number != number:
        phone.confirmed_at = None
    phone.number = number
    phone.code_hash = hash_password(code)
    phone.code_expires_at = now + CODE_VALID
    phone.failed_attempts = 0
    phone.codes_sent += 1
    session.flush()
    return CodeToSend(phone, code)


def confirm(session: Session, user: User, code: str, *, now: datetime) -> PhoneNumber:
    phone = user.phone
    if phone is None or phone.number is None:
        raise CodeExpired()
    if is_locked(phone, now):
        assert phone.locked_until is not None
        raise Locked(phone.locked_until)
    if phone.code_hash is None or phone.code_expires_at is None or phone.code_expires_at <= now:
        raise CodeExpired()
    if not verify_password(phone.code_hash, code.strip()):
        phone.failed_attempts += 1
        if phone.failed_attempts >= MAX_ATTEMPTS:
            error = _lock(phone, now)
            session.flush()
            raise error
        session.flush()
        raise WrongCode(MAX_ATTEMPTS - phone.failed_attempts)
    phone.confirmed_at = now
    phone.code_hash = None
    phone.code_expires_at = None
    phone.failed_attempts = 0
    session.flush()
    return phone


def remove(session: Session, user: User) -> None:
    """Forget the number. The row stays while it carries a lock, so removing and adding again
    does not reset the limits."""
    phone = user.phone
    if phone is None:
        return
    phone.number = None
    phone.confirmed_at = None
    phone.code_hash = None
    phone.code_expires_at = None
    session.flush()
