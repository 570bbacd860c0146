"""Jobbes: the youth–employer matching platform of Kristiansand's Flere i arbeid programme."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix
from whitenoise import WhiteNoise

from jobbes import config, css_bundle, db, i18n, page_cache, routing, security, tasks
from jobbes.extensions import babel, csrf, limiter
from jobbes.views import compression


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the Jobbes application; `overrides` replace settings read from the environment."""
    app = Flask(
        __name__,
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
        instance_path=str(config.PROJECT_ROOT / "instance"),
    )
    app.config.update(config.load(Path(app.instance_path)))
    app.config.update(overrides or {})

    routing.init_app(app)
    compression.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_babel_locale)
    i18n.init_app(app)
    page_cache.init_app(app)
    security.init_app(app)
    tasks.init_app(app)

    from jobbes.views import init_app as init_views

    init_views(app)

    from jobbes.cli import init_app as init_cli

    init_cli(app)

    css_bundle.ensure_built(Path(app.static_folder or config.PROJECT_ROOT / "static"))
    # Wrapping wsgi_app is Flask's documented way to add middleware; mypy sees a method replaced.
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=app.static_folder,
        prefix="static/",
        max_age=app.config["STATIC_MAX_AGE"],
        autorefresh=app.config["JOBBES_ENV"] == "development",
        add_headers_function=security.add_static_headers,
        # Pages link every file with its content hash (views.templating.asset): a new file is a
        # new URL, so browsers need not ask again, not even on a reload.
        immutable_file_test=lambda _path, _url: True,
    )
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=count, x_proto=count, x_host=count
        )
    return app
