"""Device logins: each one can be ended, and old ones are forgotten."""

from datetime import timedelta

from sqlalchemy import func, select

from jobbes.models import LoginSession
from jobbes.models.base import utcnow
from jobbes.services import accounts
from tests import factories


def logins_of(session, user):
    return session.scalar(select(func.count()).where(LoginSession.user_id == user.id))


def test_each_login_is_named_by_the_users_token_and_its_own(db_session):
    user = factories.young_person(db_session)
    accounts.start_login(db_session, user, now=utcnow())
    login_id = user.get_id()
    assert login_id.startswith(user.session_token + ":")
    assert accounts.user_for_login(db_session, login_id) is user
    assert accounts.user_for_login(db_session, user.session_token) is None
    assert accounts.user_for_login(db_session, f"{user.session_token}:guess") is None


def test_ending_one_login_leaves_the_others(db_session):
    user = factories.young_person(db_session)
    accounts.start_login(db_session, user, now=utcnow())
    phone = user.get_id()
    accounts.start_login(db_session, user, now=utcnow())
    laptop = user.get_id()
    accounts.end_login(db_session, accounts.user_for_login(db_session, phone))
    assert accounts.user_for_login(db_session, phone) is None
    assert accounts.user_for_login(db_session, laptop) is user


def test_ending_all_logins_also_ends_ones_never_loaded_here(db_session):
    user = factories.young_person(db_session)
    accounts.start_login(db_session, user, now=utcnow())
    copied = user.get_id()
    accounts.end_all_logins(db_session, user)
    assert accounts.user_for_login(db_session, copied) is None
    assert logins_of(db_session, user) == 0


def test_logins_older_than_a_remember_me_cookie_are_forgotten_at_the_next_login(db_session):
    user = factories.young_person(db_session)
    accounts.start_login(db_session, user, now=utcnow() - timedelta(days=31))
    accounts.start_login(db_session, user, now=utcnow() - timedelta(days=2))
    assert logins_of(db_session, user) == 2
    accounts.start_login(db_session, user, now=utcnow())
    assert logins_of(db_session, user) == 2
