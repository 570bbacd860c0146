"""The flask commands an operator uses."""

from datetime import timedelta

from sqlalchemy import func, select

from jobbes.models import (
    AlertFrequency,
    Notification,
    NotificationKind,
    Organisation,
    Role,
    User,
)
from jobbes.models.base import utcnow
from jobbes.seed import demo
from jobbes.services import counselling, saved_searches
from tests import factories


def test_create_moderator_with_a_password(app, db_session):
    result = app.test_cli_runner().invoke(
        args=["jobbes", "create-moderator", "Mona@Varodd.no", "--password", "long-enough"]
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(select(User).where(User.email == "mona@varodd.no"))
    assert user.role is Role.MODERATOR


def test_create_moderator_prompts_for_the_password(app, db_session):
    result = app.test_cli_runner().invoke(
        args=["jobbes", "create-moderator", "boss@varodd.no", "--admin"],
        input="long-enough\nlong-enough\n",
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(select(User).where(User.email == "boss@varodd.no"))
    assert user.role is Role.ADMIN
    client = app.test_client()
    assert client.login("boss@varodd.no", "long-enough").headers["Location"] == (
        "/auth/name?next=/moderation"
    )


def test_create_moderator_refuses_a_short_password_and_a_taken_email(app, db_session):
    runner = app.test_cli_runner()
    short = runner.invoke(args=["jobbes", "create-moderator", "a@varodd.no", "--password", "x"])
    assert short.exit_code != 0
    runner.invoke(args=["jobbes", "create-moderator", "a@varodd.no", "--password", "long-enough"])
    again = runner.invoke(
        args=["jobbes", "create-moderator", "A@varodd.no", "--password", "long-enough"]
    )
    assert again.exit_code != 0
    assert "exists already" in again.output


def test_seed_demo_is_idempotent_and_prints_the_logins(app, db_session):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["jobbes", "seed-demo"])
    assert first.exit_code == 0, first.output
    for email in (demo.YOUNG_PERSON_EMAIL, demo.EMPLOYER_EMAIL, demo.MODERATOR_EMAIL):
        assert email in first.output
    assert demo.DEMO_PASSWORD in first.output
    counts = (
        db_session.scalar(select(func.count(User.id))),
        db_session.scalar(select(func.count(Organisation.id))),
    )
    assert runner.invoke(args=["jobbes", "seed-demo"]).exit_code == 0
    assert counts == (
        db_session.scalar(select(func.count(User.id))),
        db_session.scalar(select(func.count(Organisation.id))),
    )


def test_demo_logins_work_for_each_role(app):
    app.test_cli_runner().invoke(args=["jobbes", "seed-demo"])
    homes = {
        demo.YOUNG_PERSON_EMAIL: "/me",
        demo.EMPLOYER_EMAIL: "/employer",
        demo.MODERATOR_EMAIL: "/moderation",
        demo.ADMIN_EMAIL: "/moderation",
    }
    for email, home in homes.items():
        client = app.test_client()
        assert client.login(email, demo.DEMO_PASSWORD).headers["Location"] == home
        assert client.get(home).status_code == 200


def test_seed_demo_refuses_production(app):
    app.config["JOBBES_ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["jobbes", "seed-demo"])
    assert result.exit_code != 0
    assert "not in production" in result.output


def test_seed_bulk_makes_searchable_listings_and_findable_profiles(app, db_session):
    from jobbes.models import Listing, Profile
    from jobbes.models.base import local_today
    from jobbes.services import search

    runner = app.test_cli_runner()
    result = runner.invoke(args=["jobbes", "seed-bulk", "--listings", "60", "--profiles", "30"])
    assert result.exit_code == 0, result.output
    assert db_session.scalar(select(func.count(Listing.id))) == 60
    findable = select(func.count()).where(Profile.approved_submission_id.is_not(None))
    assert db_session.scalar(findable) > 0
    found = search.find_listings(db_session, search.Criteria(q="kjøkkenhjelp"), today=local_today())
    assert found.total > 0
    assert all("Kjøkkenhjelp" in listing.published_version.title for listing in found.listings)
    for command in ("reindex-search", "optimize-db"):
        assert runner.invoke(args=["jobbes", command]).exit_code == 0
    again = search.find_listings(db_session, search.Criteria(q="kjøkkenhjelp"), today=local_today())
    assert again.total == found.total


def test_seed_bulk_refuses_production(app):
    app.config["JOBBES_ENV"] = "production"
    result = app.test_cli_runner().invoke(args=["jobbes", "seed-bulk", "--listings", "1"])
    assert result.exit_code != 0
    assert "not in production" in result.output


def test_run_saved_searches_sends_the_alerts_that_are_due(app, db_session):
    young = factories.young_person(db_session)
    saved = saved_searches.save_search(
        db_session,
        young,
        name="Alt",
        query="",
        frequency=AlertFrequency.DAILY,
        now=utcnow() - timedelta(days=2),
    )
    saved.last_run_at = utcnow() - timedelta(days=2)
    factories.published_listing(db_session, factories.employer(db_session))
    db_session.commit()

    result = app.test_cli_runner().invoke(args=["jobbes", "run-saved-searches"])
    assert result.exit_code == 0, result.output
    assert "Ran 1 saved search(es) (1 distinct): 1 alert(s), 1 listing(s)" in result.output
    [note] = db_session.scalars(select(Notification).where(Notification.user_id == young.id)).all()
    assert note.kind is NotificationKind.SAVED_SEARCH_NEW_LISTINGS


def test_forget_unconfirmed_deletes_accounts_whose_link_expired(app, db_session):
    from datetime import timedelta

    from jobbes.models.base import utcnow
    from tests import factories

    stale, confirmed = factories.young_person(db_session), factories.young_person(db_session)
    stale.email_confirmed_at = None
    stale.created_at = confirmed.created_at = utcnow() - timedelta(days=8)
    db_session.commit()
    stale_id, confirmed_id = stale.id, confirmed.id
    result = app.test_cli_runner().invoke(args=["jobbes", "forget-unconfirmed"])
    assert result.exit_code == 0, result.output
    assert "Forgot 1 unconfirmed account(s)" in result.output
    db_session.expunge_all()
    assert db_session.get(User, stale_id) is None
    assert db_session.get(User, confirmed_id) is not None


def test_create_counsellor_in_an_organisation(app, db_session):
    result = app.test_cli_runner().invoke(
        args=[
            "jobbes",
            "create-counsellor",
            "Vera@NAV.no",
            "--organisation",
            "NAV Kristiansand",
            "--password",
            "long-enough",
            "--name",
            "Vera",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(select(User).where(User.email == "vera@nav.no"))
    assert user.role is Role.COUNSELLOR
    record = counselling.counsellor_record(db_session, user)
    assert record.organisation.name == "NAV Kristiansand"
    assert record.code in result.output
    client = app.test_client()
    assert client.login("vera@nav.no", "long-enough").headers["Location"] == "/counsellor"
    again = app.test_cli_runner().invoke(
        args=[
            "jobbes",
            "create-counsellor",
            "vera@nav.no",
            "--organisation",
            "NAV",
            "--password",
            "long-enough",
        ]
    )
    assert again.exit_code != 0
    assert "exists already" in again.output
    blank = app.test_cli_runner().invoke(
        args=[
            "jobbes",
            "create-counsellor",
            "x@nav.no",
            "--organisation",
            " ",
            "--password",
            "long-enough",
        ]
    )
    assert blank.exit_code != 0


def test_create_programme_user_makes_a_read_only_account_that_lands_on_the_numbers(app, db_session):
    result = app.test_cli_runner().invoke(
        args=["jobbes", "create-programme-user", "Kommune@Kristiansand.kommune.no"],
        input="long-enough\nlong-enough\n",
    )
    assert result.exit_code == 0, result.output
    user = db_session.scalar(select(User).where(User.email == "kommune@kristiansand.kommune.no"))
    assert user.role is Role.PROGRAMME
    client = app.test_client()
    assert client.login(user.email, "long-enough").headers["Location"] == (
        "/auth/name?next=/moderation/indicators"
    )
    again = app.test_cli_runner().invoke(
        args=["jobbes", "create-programme-user", user.email, "--password", "long-enough"]
    )
    assert again.exit_code != 0
    assert "exists already" in again.output


def test_refresh_indicators_counts_the_numbers(app, db_session):
    factories.young_person(db_session)
    db_session.commit()
    result = app.test_cli_runner().invoke(args=["jobbes", "refresh-indicators"])
    assert result.exit_code == 0, result.output
    assert "Counted" in result.output
