"""Alembic environment: migrate the database the running Jobbes configuration points at."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

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


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
