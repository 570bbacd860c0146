"""Migration 0017 goes down and up again on a database of its own (the suite's shared database
is built by the migrations and checked against the models in test_architecture.py)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import create_engine, inspect

from jobbes import create_app
from jobbes.cli import alembic_config


def test_phone_numbers_migrate_down_and_up(tmp_path):
    url = f"sqlite:///{tmp_path / 'migrate.db'}"
    app = create_app({"DATABASE_URL": url})
    engine = create_engine(url)
    with app.app_context():
        config = alembic_config()
        command.upgrade(config, "0017")
        assert {"phone_numbers", "sms_links"} <= set(inspect(engine).get_table_names())
        command.downgrade(config, "0015")
        tables = set(inspect(engine).get_table_names())
        assert "phone_numbers" not in tables
        assert "sms_links" not in tables
        assert "notifications" in tables
        command.upgrade(config, "0017")
        assert {"phone_numbers", "sms_links"} <= set(inspect(engine).get_table_names())
    engine.dispose()
