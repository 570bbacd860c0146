"""An id, once given, is never given again: audit rows and reports keep naming the same thing."""

from __future__ import annotations

from sqlalchemy import func, select

from jobbes.models import Base, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import accounts, own_data
from tests import factories


def _register(session):
    return accounts.register_young_person(
        session,
        email=factories.unique_email("ny"),
        password="password123",
        name="Ny",
        birth_date=factories.years_ago(17),
        today=local_today(),
    )


def test_the_next_person_does_not_inherit_a_deleted_persons_id(db_session):
    newest = _register(db_session)
    assert newest.id == db_session.scalar(select(func.max(User.id)))
    deleted_id = newest.id
    own_data.delete_account(db_session, newest, now=utcnow())
    db_session.flush()

    next_person = _register(db_session)

    assert next_person.id != deleted_id


def test_every_table_with_its_own_id_never_reuses_one():
    with_own_id = {
        table.name
        for table in Base.metadata.sorted_tables
        if [c.name for c in table.primary_key.columns] == ["id"]
        and table.name != "catalogue_version"  # one row, id 1, forever
    }
    never_reuse = {
        table.name
        for table in Base.metadata.sorted_tables
        if table.dialect_kwargs.get("sqlite_autoincrement")
    }
    assert with_own_id
    assert with_own_id <= never_reuse
