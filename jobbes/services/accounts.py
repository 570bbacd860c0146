"""Accounts: registration, login, passwords and staff accounts."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from jobbes import brreg, orgnr
from jobbes.models import LoginSession, Organisation, Profile, RegisterCheck, Role, User
from jobbes.models.accounts import UNUSABLE_PASSWORD, new_session_token
from jobbes.models.base import utcnow
from jobbes.models.profiles import age_on
from jobbes.services import events, passwords
from jobbes.services.errors import DomainError

MINIMUM_AGE = 15
STAFF_ROLES = (Role.MODERATOR, Role.ADMIN)
# Accounts only an admin creates on the server, never self-registered.
CREATED_BY_ADMINS = (*STAFF_ROLES, Role.PROGRAMME)


class EmailTaken(DomainError):
    """Another account already uses this email address."""


class SameEmail(DomainError):
    """The address asked for is the account's own already."""


class TooYoung(DomainError):
    """Jobbes is for people who are at least 15."""


class InvalidOrganisationNumber(DomainError):
    """The organisation number fails the MOD11 check."""


class OrganisationAlreadyRegistered(DomainError):
    """The organisation is on Jobbes already; a colleague can invite the person."""


class OrganisationUnknown(DomainError):
    """Brønnøysundregistrene has no unit with this number."""


class OrganisationDeleted(DomainError):
    """Brønnøysundregistrene has deleted the unit with this number."""


class WrongPassword(DomainError):
    """The current password given to change it was not right."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def _new_user(session: Session, *, email: str, password: str | None, name: str, role: Role) -> User:
    email = normalise_email(email)
    if find_user_by_email(session, email) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        # Without a password the account waits for its owner to choose one from an invitation.
        password_hash=passwords.hash_password(password) if password else UNUSABLE_PASSWORD,
        name=name.strip(),
        role=role,
    )
    session.add(user)
    return user


def register_young_person(
    session: Session, *, email: str, password: str, name: str, birth_date: date, today: date
) -> User:
    """Create a young person's account and the profile that holds their birth date."""
    if age_on(birth_date, today) < MINIMUM_AGE:
        raise TooYoung(birth_date)
    user = _new_user(session, email=email, password=password, name=name, role=Role.YOUNG_PERSON)
    user.profile = Profile(birth_date=birth_date)
    session.flush()
    return user


def register_employer(
    session: Session,
    *,
    email: str,
    password: str,
    name: str,
    organisation_name: str,
    org_number: str,
    register: brreg.Answer | None = None,
    now: datetime | None = None,
) -> User:
    """Create an employer's account together with its organisation, which awaits verification.

    `register` is what Brønnøysundregistrene answered for the number: a number it does not know
    or has deleted is refused; its address and sector are taken; what it said is kept for the
    moderator, including that it could not be asked."""
    number = orgnr.normalise(org_number)
    if not orgnr.is_valid(number):
        raise InvalidOrganisationNumber(org_number)
    if isinstance(register, brreg.NotFound):
        raise OrganisationUnknown(number)
    if isinstance(register, brreg.Deleted) or (
        isinstance(register, brreg.Found) and register.deleted_on
    ):
        raise OrganisationDeleted(number)
    if session.scalar(select(Organisation.id).where(Organisation.org_number == number)):
        raise OrganisationAlreadyRegistered(number)
    user = _new_user(session, email=email, password=password, name=name, role=Role.EMPLOYER)
    organisation = Organisation(name=organisation_name.strip(), org_number=number)
    if isinstance(register, brreg.Found):
        organisation.address = register.address
        organisation.sector = register.sector
    user.organisation = organisation
    session.flush()
    organisation.created_by_id = user.id
    if register is not None:
        session.add(_register_check(organisation, register, now=now or utcnow()))
    return user


def _register_check(
    organisation: Organisation, register: brreg.Answer, *, now: datetime
) -> RegisterCheck:
    check = RegisterCheck(organisation_id=organisation.id, status=register.status, checked_at=now)
    if isinstance(register, brreg.Found):
        check.name = register.name[:200]
        check.address = register.address
        check.trade = register.trade[:200] if register.trade else None
    return check


def create_staff(
    session: Session,
    *,
    email: str,
    password: str | None,
    role: Role = Role.MODERATOR,
    name: str = "",
) -> User:
    """Create a moderator, admin or programme account; these are never self-registered.

    Without a password (an admin's page) the account waits for its owner to choose one from an
    emailed invitation link."""
    if role not in CREATED_BY_ADMINS:
        raise ValueError(f"{role} is not a staff role")
    # Without a name the person is asked for one when they first log in (never their email's
    # first part: "Hei, mona.ux" is no greeting).
    user = _new_user(session, email=email, password=password, name=name.strip(), role=role)
    # An admin typed the address on the server; staff do not confirm it by email. An invited
    # person confirms it by following the invitation link.
    if password:
        user.email_confirmed_at = utcnow()
    session.flush()
    return user


class LastAdmin(DomainError):
    """Jobbes always keeps one active admin, or nobody could appoint or remove staff again."""


def programme_users(session: Session) -> Sequence[User]:
    """The municipality's read-only accounts, for the admins' page."""
    return session.scalars(
        select(User).where(User.role == Role.PROGRAMME).order_by(User.email)
    ).all()


def is_last_admin(session: Session, user: User) -> bool:
    """True if the person is an active admin and no other active admin exists."""
    if user.role is not Role.ADMIN or user.suspended_at is not None:
        return False
    others = session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN, User.suspended_at.is_(None), User.id != user.id
        )
    )
    return not others


def authenticate(session: Session, *, email: str, password: str, now: datetime) -> User | None:
    """The user these credentials belong to, or None; both failures look the same to the caller."""
    user = find_user_by_email(session, email)
    if not passwords.verify_password(user.password_hash if user else None, password):
        return None
    assert user is not None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    user.last_login_at = now
    return user


def spend_a_password_hash() -> None:
    """Take as long as hashing a new password, where no account is created, so the time an
    answer takes does not tell whether an address has an account."""
    passwords.hash_password(new_session_token())


def password_is_correct(user: User, password: str) -> bool:
    return passwords.verify_password(user.password_hash, password)


def ask_to_change_email(
    session: Session, user: User, *, new_email: str, password: str
) -> tuple[str, User | None]:
    """The address a change was asked for, and the other account that already has it, if any.

    Nothing changes yet: a link sent to the new address does that (`change_email`). The caller
    answers the same either way, so the form does not tell who has an account."""
    if not password_is_correct(user, password):
        raise WrongPassword()
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise SameEmail(new_email)
    return new_email, find_user_by_email(session, new_email)


def change_email(session: Session, user: User, new_email: str, *, now: datetime) -> None:
    """Move the account to an address its owner has shown they read (by opening the link)."""
    if find_user_by_email(session, new_email) is not None:
        raise EmailTaken(new_email)
    user.email = new_email
    user.email_confirmed_at = now


def set_password(user: User, new_password: str) -> None:
    """Replace the password and end every other login session of this user."""
    user.password_hash = passwords.hash_password(new_password)
    user.session_token = new_session_token()


def change_password(user: User, *, current_password: str, new_password: str) -> None:
    if not password_is_correct(user, current_password):
        raise WrongPassword()
    set_password(user, new_password)


# Logins: one row per device, named in its cookie together with the user's session token.
LOGIN_LIFETIME = timedelta(days=30)  # the longest a remember-me cookie lives


def start_login(session: Session, user: User, *, now: datetime) -> None:
    """Record a new device login; `user.get_id()` then names it for the cookie."""
    # Logins nobody ended (a closed browser) are forgotten once no cookie can still name them.
    session.execute(
        delete(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.created_at < now - LOGIN_LIFETIME
        )
    )
    login = LoginSession(user_id=user.id, created_at=now)
    session.add(login)
    session.flush()
    user.login_token = login.token


def user_for_login(session: Session, login_id: str) -> User | None:
    """The user a login cookie names, if neither that login nor all of them have been ended."""
    session_token, _, login_token = login_id.partition(":")
    user = session.scalar(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(User.session_token == session_token, LoginSession.token == login_token)
    )
    if user is not None:
        user.login_token = login_token
    return user


def end_login(session: Session, user: User) -> None:
    """Log out the device this user was loaded for."""
    session.execute(delete(LoginSession).where(LoginSession.token == user.login_token))
    user.login_token = None


def end_all_logins(session: Session, user: User) -> None:
    """Log out every device, including ones whose cookies were copied."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    user.session_token = new_session_token()
    user.login_token = None


# Links sent by email (password reset, invitation): signed, time-limited, and bound to the
# current password hash, so a link stops working as soon as it has been used.
RESET = "jobbes.password-reset"
INVITATION = "jobbes.invitation"
CONFIRMATION = "jobbes.email-confirmation"
EMAIL_CHANGE = "jobbes.email-change"


def _password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:20]


def _serializer(secret_key: str | bytes | None, purpose: str) -> URLSafeTimedSerializer:
    # The web framework's key is optional in its types; a link signed with no key is no link.
    if secret_key is None:
        raise ValueError("account links need the application's secret key")
    return URLSafeTimedSerializer(secret_key, salt=purpose)


def make_account_token(user: User, *, secret_key: str | bytes | None, purpose: str = RESET) -> str:
    serializer = _serializer(secret_key, purpose)
    return serializer.dumps({"user": user.id, "fingerprint": _password_fingerprint(user)})


def make_email_change_token(user: User, new_email: str, *, secret_key: str | bytes | None) -> str:
    """A link for the new address; it names the old one too, so it works only once."""
    serializer = _serializer(secret_key, EMAIL_CHANGE)
    return serializer.dumps(
        {
            "user": user.id,
            "fingerprint": _password_fingerprint(user),
            "from": user.email,
            "to": new_email,
        }
    )


def email_change_for_token(
    session: Session, token: str, *, secret_key: str | bytes | None, max_age: int
) -> tuple[User, str] | None:
    """The user and the new address a change link names, while it is genuine, fresh and unused:
    the user's address is still the one it was sent from, and the new one is still free."""
    try:
        payload = _serializer(secret_key, EMAIL_CHANGE).loads(token, max_age=max_age)
    except BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    user_id, new_email = payload.get("user"), payload.get("to")
    if not isinstance(user_id, int) or not isinstance(new_email, str):
        return None
    user = session.get(User, user_id)
    if (
        user is None
        or payload.get("fingerprint") != _password_fingerprint(user)
        or payload.get("from") != user.email
        or find_user_by_email(session, new_email) is not None
    ):
        return None
    return user, new_email


def user_for_account_token(
    session: Session,
    token: str,
    *,
    secret_key: str | bytes | None,
    max_age: int,
    purpose: str = RESET,
) -> User | None:
    """The user a link was made for, if it is genuine, fresh and still unused."""
    serializer = _serializer(secret_key, purpose)
    try:
        payload = serializer.loads(token, max_age=max_age)
    except BadSignature:
        return None
    user_id = payload.get("user") if isinstance(payload, dict) else None
    if not isinstance(user_id, int):
        return None
    user = session.get(User, user_id)
    if user is None or payload.get("fingerprint") != _password_fingerprint(user):
        return None
    return user


def invite_employer(
    session: Session, *, organisation: Organisation, email: str, invited_by: User
) -> User:
    """An account for a colleague, who chooses a name and password from the emailed link."""
    email = normalise_email(email)
    if find_user_by_email(session, email) is not None:
        raise EmailTaken(email)
    user = User(
        email=email,
        # Not an Argon2 hash, so no password matches until the colleague chooses one.
        password_hash=UNUSABLE_PASSWORD,
        name=email.split("@", 1)[0],
        role=Role.EMPLOYER,
        organisation=organisation,
    )
    session.add(user)
    session.flush()
    return user


def accept_invitation(user: User, *, name: str, password: str, now: datetime) -> None:
    user.name = name.strip()
    set_password(user, password)
    events.colleague_joined(user, now=now)


def confirm_email(user: User, *, now: datetime) -> None:
    """The owner of the address followed a link sent to it."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = now


def forget_unconfirmed(session: Session, *, registered_before: datetime) -> int:
    """Delete self-registered accounts nobody confirmed before their link expired, with the
    organisation each registered: a mistyped address, or an organisation number claimed by
    someone who could not confirm it, is free again. Returns how many accounts went."""
    stale = session.scalars(
        select(User).where(
            User.email_confirmed_at.is_(None),
            User.created_at < registered_before,
            User.password_hash != UNUSABLE_PASSWORD,  # invited colleagues confirm by joining
            User.role.in_((Role.YOUNG_PERSON, Role.EMPLOYER)),
        )
    ).all()
    organisations = [
        user.organisation
        for user in stale
        if user.organisation is not None and user.organisation.created_by_id == user.id
    ]
    for user in stale:
        session.delete(user)
    session.flush()
    for organisation in organisations:
        members = select(User.id).where(User.organisation_id == organisation.id).limit(1)
        if session.scalar(members) is None:
            session.delete(organisation)
    return len(stale)


def may_receive_email(user: User) -> bool:
    """Only a confirmed address gets email other than its confirmation link and password reset."""
    return user.email_confirmed_at is not None


def needs_a_name(user: User) -> bool:
    return not user.name.strip()


def set_name(user: User, name: str) -> None:
    name = name.strip()
    if not name:
        raise ValueError("a name cannot be empty")
    user.name = name


def has_accepted(user: User) -> bool:
    return user.password_hash != UNUSABLE_PASSWORD


LANGUAGES = ("nb", "en")


def set_language(user: User, language: str) -> None:
    """The language emails and texts to this person are written in."""
    if language not in LANGUAGES:
        raise ValueError(f"{language!r} is not a language Jobbes speaks")
    user.language = language
