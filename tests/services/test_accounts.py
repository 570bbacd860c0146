"""Account services, without HTTP."""

from datetime import timedelta

import pytest
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from jobbes.models import OrganisationStatus, Profile, Role, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import accounts
from tests import factories

SECRET = "secret-for-tests"


def test_young_person_gets_a_profile_with_the_birth_date(db_session):
    birth_date = factories.years_ago(16)
    user = accounts.register_young_person(
        db_session,
        email="Sara@Example.no ",
        password="password123",
        name=" Sara ",
        birth_date=birth_date,
        today=local_today(),
    )
    assert user.role is Role.YOUNG_PERSON
    assert user.email == "sara@example.no"
    assert user.name == "Sara"
    assert db_session.get(Profile, user.id).birth_date == birth_date
    assert user.profile.is_minor(local_today())


def test_a_person_younger_than_15_cannot_register(db_session):
    almost_15 = factories.years_ago(15) + timedelta(days=1)
    with pytest.raises(accounts.TooYoung):
        accounts.register_young_person(
            db_session,
            email="ung@example.no",
            password="password123",
            name="Ung",
            birth_date=almost_15,
            today=local_today(),
        )


def test_turning_15_today_is_old_enough(db_session):
    user = factories.young_person(db_session, age=15)
    assert user.profile.age(local_today()) == 15


def test_emails_are_unique_whatever_their_case(db_session):
    factories.young_person(db_session, email="ola@example.no")
    with pytest.raises(accounts.EmailTaken):
        factories.employer(db_session, email="OLA@example.NO")


def test_employer_registration_creates_a_pending_organisation(db_session):
    user = accounts.register_employer(
        db_session,
        email="kari@bakeri.no",
        password="password123",
        name="Kari",
        organisation_name="Bakeriet AS",
        org_number="974 760 673",
    )
    organisation = user.organisation
    assert organisation.org_number == "974760673"
    assert organisation.status is OrganisationStatus.PENDING
    assert organisation.created_by_id == user.id
    assert user.role is Role.EMPLOYER


def test_an_invalid_organisation_number_is_refused(db_session):
    with pytest.raises(accounts.InvalidOrganisationNumber):
        accounts.register_employer(
            db_session,
            email="kari@bakeri.no",
            password="password123",
            name="Kari",
            organisation_name="Bakeriet AS",
            org_number="974760672",
        )


def test_an_organisation_cannot_be_registered_twice(db_session):
    first = factories.employer(db_session)
    with pytest.raises(accounts.OrganisationAlreadyRegistered):
        accounts.register_employer(
            db_session,
            email="another@example.no",
            password="password123",
            name="Per",
            organisation_name="Same AS",
            org_number=first.organisation.org_number,
        )
    assert db_session.scalar(select(User).where(User.email == "another@example.no")) is None


def test_authenticate_returns_the_user_for_the_right_password(db_session):
    user = factories.young_person(db_session)
    now = utcnow()
    found = accounts.authenticate(
        db_session, email=user.email.upper(), password=factories.PASSWORD, now=now
    )
    assert found is user
    assert user.last_login_at == now


@pytest.mark.parametrize("email_known", [True, False])
def test_authenticate_fails_the_same_way_for_wrong_password_and_unknown_email(
    db_session, email_known
):
    user = factories.young_person(db_session)
    email = user.email if email_known else "nobody@example.no"
    assert (
        accounts.authenticate(db_session, email=email, password="wrong-pass", now=utcnow()) is None
    )


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(db_session):
    user = factories.young_person(db_session)
    token_before = user.session_token
    with pytest.raises(accounts.WrongPassword):
        accounts.change_password(user, current_password="nope", new_password="new-password")
    assert user.session_token == token_before
    accounts.change_password(user, current_password=factories.PASSWORD, new_password="new-password")
    assert user.session_token != token_before
    assert accounts.authenticate(
        db_session, email=user.email, password="new-password", now=utcnow()
    )


def test_a_reset_token_finds_its_user(db_session):
    user = factories.young_person(db_session)
    token = accounts.make_account_token(user, secret_key=SECRET)
    assert accounts.user_for_account_token(db_session, token, secret_key=SECRET, max_age=60) is user


def test_a_reset_token_works_only_once(db_session):
    user = factories.young_person(db_session)
    token = accounts.make_account_token(user, secret_key=SECRET)
    accounts.set_password(user, "brand-new-password")
    assert accounts.user_for_account_token(db_session, token, secret_key=SECRET, max_age=60) is None


def test_a_reset_token_expires(db_session):
    user = factories.young_person(db_session)
    token = accounts.make_account_token(user, secret_key=SECRET)
    assert accounts.user_for_account_token(db_session, token, secret_key=SECRET, max_age=-1) is None


def test_no_account_link_is_signed_or_read_without_a_secret_key(db_session):
    user = factories.young_person(db_session)
    with pytest.raises(ValueError, match="secret key"):
        accounts.make_account_token(user, secret_key=None)
    token = accounts.make_account_token(user, secret_key=SECRET)
    with pytest.raises(ValueError, match="secret key"):
        accounts.user_for_account_token(db_session, token, secret_key=None, max_age=60)


@pytest.mark.parametrize(
    "payload", [{"user": "1", "fingerprint": "x"}, ["not", "a", "dict"], {"fingerprint": "x"}]
)
def test_a_forged_or_malformed_reset_token_is_refused(db_session, payload):
    factories.young_person(db_session)
    forged = URLSafeTimedSerializer("another-secret", salt="jobbes.password-reset").dumps(payload)
    assert (
        accounts.user_for_account_token(db_session, forged, secret_key=SECRET, max_age=60) is None
    )
    well_signed = URLSafeTimedSerializer(SECRET, salt="jobbes.password-reset").dumps(payload)
    assert (
        accounts.user_for_account_token(db_session, well_signed, secret_key=SECRET, max_age=60)
        is None
    )


def test_staff_accounts_are_moderators_or_admins_only(db_session):
    moderator = accounts.create_staff(db_session, email="mod@varodd.no", password="password123")
    assert moderator.role is Role.MODERATOR
    assert moderator.name == ""  # asked for at the first login
    with pytest.raises(ValueError, match="not a staff role"):
        accounts.create_staff(
            db_session, email="x@varodd.no", password="password123", role=Role.EMPLOYER
        )


def test_asking_to_change_email_changes_nothing_and_names_who_has_the_address(db_session):
    user = factories.young_person(db_session)
    other = factories.employer(db_session)
    with pytest.raises(accounts.WrongPassword):
        accounts.ask_to_change_email(db_session, user, new_email="a@b.no", password="nope")
    with pytest.raises(accounts.SameEmail):
        accounts.ask_to_change_email(
            db_session, user, new_email=user.email.upper(), password=factories.PASSWORD
        )
    asked = accounts.ask_to_change_email(
        db_session, user, new_email=other.email, password=factories.PASSWORD
    )
    assert asked == (other.email, other)
    assert accounts.ask_to_change_email(
        db_session, user, new_email=" Ny@Example.no ", password=factories.PASSWORD
    ) == ("ny@example.no", None)
    assert user.email != "ny@example.no"


def test_an_email_change_link_works_once_while_the_address_is_free(db_session):
    user = factories.young_person(db_session)
    token = accounts.make_email_change_token(user, "ny@example.no", secret_key=SECRET)
    found = accounts.email_change_for_token(db_session, token, secret_key=SECRET, max_age=60)
    assert found == (user, "ny@example.no")
    assert (
        accounts.email_change_for_token(db_session, token, secret_key="other", max_age=60) is None
    )
    accounts.change_email(db_session, user, "ny@example.no", now=utcnow())
    db_session.flush()
    assert user.email == "ny@example.no"
    assert accounts.email_change_for_token(db_session, token, secret_key=SECRET, max_age=60) is None
    # A link for an address someone else has taken since does nothing.
    taken = factories.employer(db_session)
    token = accounts.make_email_change_token(user, taken.email, secret_key=SECRET)
    assert accounts.email_change_for_token(db_session, token, secret_key=SECRET, max_age=60) is None
    with pytest.raises(accounts.EmailTaken):
        accounts.change_email(db_session, user, taken.email, now=utcnow())
