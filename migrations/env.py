"""Alembic environment: migrate the database the running Jobbes configuration points at."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from jobbes.db import make_engine
from jobbes.models import Base
from jobbes.services.search import SEARCH_TABLE_PREFIX

config = context.config
target_metadata = Base.metadata


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The full-text index is dialect-specific SQL, kept by migrations and services.search."""
    return not (type_ == "table" and (name or "").startswith(SEARCH_TABLE_PREFIX))


def _configure(**kwargs: object) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        include_object=include_object,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=True,
        **kwargs,
    )


def run_offline() -> None:
    _configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            _refuse_broken_references(connection)


def _without_foreign_keys(engine: Engine) -> None:
    # Batch mode rebuilds a table by dropping it; with foreign keys enforced, dropping a table
    # that rows point at fails or, worse, cascades into them. SQLite only lets the pragma change
    # outside a transaction, so it is set as each connection opens, and the references are
    # checked before the migration commits instead (Alembic's documented SQLite recipe).
    @event.listens_for(engine, "connect")
    def _off(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")


def _refuse_broken_references(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the migration left rows pointing at nothing: {broken[:10]}")


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    if engine.dialect.name == "sqlite":
        _without_foreign_keys(engine)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
