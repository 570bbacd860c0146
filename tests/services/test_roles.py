"""Who may change whose role or suspension, and the admins Jobbes can never run out of."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jobbes.models import AuditEvent, Role, User
from jobbes.models.base import utcnow
from jobbes.services import accounts, own_data, users
from tests import factories


@pytest.fixture
def admin(db_session):
    return factories.staff(db_session, role=Role.ADMIN)


@pytest.fixture
def moderator(db_session):
    return factories.staff(db_session, role=Role.MODERATOR)


def test_revoking_a_staff_only_moderator_leaves_no_moderator_behind(db_session, admin, moderator):
    """The account was suspended with the role kept, so any moderator could reinstate it."""
    moderator_id = moderator.id
    users.revoke_moderator(db_session, moderator, admin=admin, now=utcnow())
    db_session.flush()
    db_session.expire_all()
    left = db_session.get(User, moderator_id)
    assert left is None or left.role is not Role.MODERATOR
    logged = db_session.scalars(
        select(AuditEvent.action).where(AuditEvent.subject_id == moderator_id)
    ).all()
    assert "user:revoke_moderator" in logged


def test_a_moderator_cannot_suspend_or_reinstate_another_moderator(db_session, admin, moderator):
    colleague = factories.staff(db_session, role=Role.MODERATOR)
    with pytest.raises(users.NotAllowed):
        users.suspend(db_session, colleague, moderator=moderator, reason="Nei", now=utcnow())
    users.suspend(db_session, colleague, moderator=admin, reason="Misbruk", now=utcnow())
    with pytest.raises(users.NotAllowed):
        users.reinstate(db_session, colleague, moderator=moderator, now=utcnow())
    assert colleague.suspended_at is not None
    users.reinstate(db_session, colleague, moderator=admin, now=utcnow())
    assert colleague.is_active


def test_a_moderator_still_acts_on_young_people_and_employers(db_session, moderator):
    for person in (factories.young_person(db_session), factories.employer(db_session)):
        users.suspend(db_session, person, moderator=moderator, reason="Trusler", now=utcnow())
        users.reinstate(db_session, person, moderator=moderator, now=utcnow())
        assert person.is_active


def test_a_moderator_cannot_grant_or_revoke_the_moderator_role(db_session, moderator):
    employer = factories.employer(db_session)
    colleague = factories.staff(db_session, role=Role.MODERATOR)
    with pytest.raises(users.NotAllowed):
        users.grant_moderator(db_session, employer, admin=moderator, now=utcnow())
    with pytest.raises(users.NotAllowed):
        users.revoke_moderator(db_session, colleague, admin=moderator, now=utcnow())
    assert employer.role is Role.EMPLOYER
    assert colleague.role is Role.MODERATOR


def test_an_admin_suspends_another_admin_but_the_last_admin_stays(db_session, admin):
    other = factories.staff(db_session, role=Role.ADMIN)
    users.suspend(db_session, other, moderator=admin, reason="Sluttet", now=utcnow())
    db_session.flush()
    assert accounts.is_last_admin(db_session, admin)
    with pytest.raises(accounts.LastAdmin):
        own_data.delete_account(db_session, admin, now=utcnow())
    with pytest.raises(users.NotAllowed):
        users.suspend(db_session, admin, moderator=admin, reason="Meg selv", now=utcnow())
    assert admin.is_active


def test_an_admin_may_leave_while_another_admin_remains(db_session, admin):
    factories.staff(db_session, role=Role.ADMIN)
    db_session.flush()
    assert not accounts.is_last_admin(db_session, admin)
