"""HTTP: one blueprint per area of the site. The only layer that knows about requests."""

from __future__ import annotations

from flask import Flask, request

from jobbes.db import expect_writes
from jobbes.extensions import login_manager

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def init_app(app: Flask) -> None:
    from jobbes.views import (
        access,
        agreements,
        auth,
        counselling,
        employer,
        errors,
        evaluations,
        listings,
        me,
        meetings,
        messages,
        moderation,
        notifications,
        organisations,
        phone,
        programme_users,
        public,
        reports,
        saved_searches,
        templating,
        unsubscribe,
    )

    login_manager.init_app(app)
    login_manager.login_view = "auth.login_page"
    login_manager.session_protection = "basic"
    app.before_request(_expect_writes)
    access.init_app(app)
    errors.init_app(app)
    templating.init_app(app)
    blueprints = (
        public.bp,
        auth.bp,
        listings.bp,
        saved_searches.bp,
        reports.bp,
        me.bp,
        employer.bp,
        moderation.bp,
        notifications.bp,
        messages.bp,
        unsubscribe.bp,
        organisations.bp,
        phone.bp,
        phone.links,
        meetings.employer_bp,
        meetings.young_bp,
        agreements.bp,
        counselling.bp,
        counselling.mine,
        counselling.admin,
        evaluations.bp,
        programme_users.bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    if app.config["BENCH_ROUTES"]:
        from jobbes.views import bench

        app.register_blueprint(bench.bp)


def _expect_writes() -> None:
    if request.method not in SAFE_METHODS:
        expect_writes()
