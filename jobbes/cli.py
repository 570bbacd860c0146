"""Command-line tools: `flask --app wsgi db ...` for migrations, `flask --app wsgi jobbes ...`."""

from __future__ import annotations

import time
from datetime import timedelta

import click
from alembic import command
from alembic.config import Config
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import text

from jobbes.config import PROJECT_ROOT
from jobbes.db import db
from jobbes.models import Role
from jobbes.models.base import local_today, utcnow
from jobbes.seed import bulk, demo
from jobbes.services import accounts, counselling, indicators, listings, saved_searches, search
from jobbes.services.passwords import MAX_LENGTH, MIN_LENGTH

db_cli = AppGroup("db", help="Database migrations (Alembic).")
jobbes_cli = AppGroup("jobbes", help="Jobbes administration.")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    cfg.set_main_option("sqlalchemy.url", current_app.config["DATABASE_URL"])
    return cfg


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    command.upgrade(alembic_config(), revision)


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Undo migrations down to REVISION (e.g. -1, or base)."""
    command.downgrade(alembic_config(), revision)


@db_cli.command("current")
def db_current() -> None:
    """Show the revision the database is at."""
    command.current(alembic_config(), verbose=True)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--autogenerate/--empty", default=True)
def db_revision(message: str, autogenerate: bool) -> None:
    """Write a new migration, by default from the difference between models and database."""
    command.revision(alembic_config(), message=message, autogenerate=autogenerate)


def _check_password(
    _ctx: click.Context, _param: click.Parameter | None, value: str | None
) -> str | None:
    if value is not None and not MIN_LENGTH <= len(value) <= MAX_LENGTH:
        raise click.BadParameter(f"must be {MIN_LENGTH} to {MAX_LENGTH} characters")
    return value


@jobbes_cli.command("create-moderator")
@click.argument("email")
@click.option("--password", callback=_check_password, help="Prompted for when left out.")
@click.option("--name", default="", help="Shown to other staff; asked on first login if left out.")
@click.option("--admin", is_flag=True, help="Create an admin, who can also appoint moderators.")
def create_moderator(email: str, password: str | None, name: str, admin: bool) -> None:
    """Create a moderator (or admin) account. Staff accounts are never self-registered."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        _check_password(click.get_current_context(), None, password)
    role = Role.ADMIN if admin else Role.MODERATOR
    try:
        user = accounts.create_staff(db, email=email, password=password, role=role, name=name)
    except accounts.EmailTaken as error:
        raise click.ClickException(f"an account with {email} exists already") from error
    db.commit()
    click.echo(f"Created {role.value} {user.email}")


@jobbes_cli.command("create-counsellor")
@click.argument("email")
@click.option("--organisation", required=True, help="Where the counsellor works; made if new.")
@click.option("--password", callback=_check_password, help="Prompted for when left out.")
@click.option("--name", default="", help="Shown to young people; asked on first login if left out.")
def create_counsellor(email: str, organisation: str, password: str | None, name: str) -> None:
    """Create a counsellor (veileder) account in a counselling organisation."""
    if not organisation.strip():
        raise click.BadParameter("must not be empty", param_hint="--organisation")
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        _check_password(click.get_current_context(), None, password)
    try:
        user = counselling.create_counsellor(
            db,
            email=email,
            organisation_name=organisation,
            name=name,
            password=password,
            now=utcnow(),
        )
    except accounts.EmailTaken as error:
        raise click.ClickException(f"an account with {email} exists already") from error
    record = counselling.counsellor_record(db, user)
    db.commit()
    click.echo(
        f"Created counsellor {user.email} at {record.organisation.name} (code {record.code})"
    )


@jobbes_cli.command("create-programme-user")
@click.argument("email")
@click.option("--password", callback=_check_password, help="Prompted for when left out.")
@click.option("--name", default="", help="Asked on first login if left out.")
def create_programme_user(email: str, password: str | None, name: str) -> None:
    """Create a read-only account for the municipality's programme: the indicators, nothing else."""
    if password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
        _check_password(click.get_current_context(), None, password)
    try:
        user = accounts.create_staff(
            db, email=email, password=password, role=Role.PROGRAMME, name=name
        )
    except accounts.EmailTaken as error:
        raise click.ClickException(f"an account with {email} exists already") from error
    db.commit()
    click.echo(f"Created {Role.PROGRAMME.value} {user.email}")


@jobbes_cli.command("refresh-indicators")
def refresh_indicators() -> None:
    """Count the programme's numbers again (the worker does it every hour)."""
    started = time.perf_counter()
    rows = indicators.refresh(db, today=local_today(), now=utcnow())
    db.commit()
    click.echo(f"Counted {rows} indicator row(s) in {time.perf_counter() - started:.1f} s")


@jobbes_cli.command("expire-listings")
def expire_listings() -> None:
    """Mark published listings past their deadline as expired (run daily, e.g. from cron).

    The public pages check deadlines themselves too, so nothing expired is shown even if this
    has not run yet.
    """
    count = listings.expire_listings(db, today=local_today())
    db.commit()
    click.echo(f"Expired {count} listing(s)")


@jobbes_cli.command("forget-unconfirmed")
def forget_unconfirmed() -> None:
    """Delete accounts whose email address was not confirmed before the link expired (daily)."""
    max_age = timedelta(seconds=current_app.config["EMAIL_CONFIRMATION_MAX_AGE"])
    count = accounts.forget_unconfirmed(db, registered_before=utcnow() - max_age)
    db.commit()
    click.echo(f"Forgot {count} unconfirmed account(s)")


@jobbes_cli.command("run-saved-searches")
def run_saved_searches() -> None:
    """Send today's saved-search alerts and the warnings a week before alerts stop (daily)."""
    try:
        result = saved_searches.run_saved_search_alerts(db, utcnow())
    except saved_searches.AlreadyRunning as clash:
        db.rollback()
        raise click.ClickException("Another run sent today's alerts first; nothing sent") from clash
    db.commit()
    click.echo(
        f"Ran {result.searches_run} saved search(es) ({result.filter_sets} distinct): "
        f"{result.alerts} alert(s), {result.listings_sent} listing(s), "
        f"{result.warnings} expiry warning(s)"
    )


@jobbes_cli.command("seed-bulk")
@click.option("--listings", "listing_count", default=100_000, show_default=True)
@click.option("--profiles", "profile_count", default=50_000, show_default=True)
@click.option(
    "--interests",
    "interest_count",
    default=0,
    show_default=True,
    help="Interests over the past year between the young people and listings in the database.",
)
def seed_bulk(listing_count: int, profile_count: int, interest_count: int) -> None:
    """Add large synthetic data for benchmarks (not for production)."""
    if current_app.config["JOBBES_ENV"] == "production":
        raise click.ClickException("seed-bulk fills the database with fake data: not in production")
    started = time.monotonic()
    made: dict[str, int] = {}
    if listing_count or profile_count:
        made = bulk.seed(
            db, listings=listing_count, profiles=profile_count, today=local_today(), now=utcnow()
        )
    if interest_count:
        made |= bulk.seed_interests(db, count=interest_count, today=local_today(), now=utcnow())
    db.commit()
    click.echo(f"Added {made} in {time.monotonic() - started:.0f} s")


@jobbes_cli.command("optimize-db")
def optimize_db() -> None:
    """Refresh the query planner's statistics (run after large imports, and now and then)."""
    db.execute(text("ANALYZE"))
    db.commit()
    click.echo("Statistics refreshed")


@jobbes_cli.command("reindex-search")
def reindex_search() -> None:
    """Rebuild the full-text index of published listings."""
    search.rebuild_index(db)
    db.commit()
    click.echo("Search index rebuilt")


@jobbes_cli.command("seed-demo")
def seed_demo() -> None:
    """Fill the database with demo organisations, listings and one account per role (idempotent)."""
    if current_app.config["JOBBES_ENV"] == "production":
        raise click.ClickException(
            "seed-demo makes accounts with known passwords: not in production"
        )
    logins = demo.seed(db, today=local_today(), now=utcnow())
    db.commit()
    click.echo(f"Demo logins (password for all: {demo.DEMO_PASSWORD})")
    for role, email in logins:
        click.echo(f"  {role:<14} {email}")


def init_app(app: Flask) -> None:
    app.cli.add_command(db_cli)
    app.cli.add_command(jobbes_cli)
