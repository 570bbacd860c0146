"""Every migration goes down and up again with data in the database, on SQLite and PostgreSQL.

Runs the real commands (`flask db downgrade base`, `jobbes seed-demo`) against a database of its
own: on SQLite a file, on PostgreSQL a database beside the suite's, named after it with `_mig`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from jobbes import create_app
from jobbes.db import make_engine
from jobbes.models import Listing, User


@pytest.fixture
def own_database_url(database_url: str, tmp_path) -> Iterator[str]:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    own = url.set(database=f"{url.database}_mig")
    server = make_engine(database_url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    yield own.render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
    server.dispose()


def _run(app, *args: str) -> None:
    result = app.test_cli_runner().invoke(args=list(args))
    assert result.exit_code == 0, (args, result.output, result.exception)


def _counts(app) -> tuple[int, int]:
    with app.app_context():
        from jobbes.db import db

        return (
            db.scalar(select(func.count()).select_from(User)) or 0,
            db.scalar(select(func.count()).select_from(Listing)) or 0,
        )


def test_every_migration_goes_down_and_up_again_on_seeded_data(own_database_url, tmp_path):
    # Deliveries go to a queue nobody works: run at once, each would wait for the seeding's own
    # write lock on a SQLite file (5 s each), and the demo's year makes hundreds.
    app = create_app(
        {
            "DATABASE_URL": own_database_url,
            "JOBBES_ENV": "development",
            "HUEY_IMMEDIATE": False,
            "HUEY_FILENAME": str(tmp_path / "huey.db"),
        }
    )
    _run(app, "db", "upgrade")
    _run(app, "jobbes", "seed-demo")
    seeded = _counts(app)
    assert min(seeded) > 0

    _run(app, "db", "downgrade", "base")
    with make_engine(own_database_url).connect() as connection:
        tables = connection.dialect.get_table_names(connection)
    assert set(tables) <= {"alembic_version", "sqlite_sequence"}

    _run(app, "db", "upgrade")
    _run(app, "jobbes", "seed-demo")
    assert _counts(app) == seeded
