"""Error pages in the site's layout and language, and as small messages inside htmx swaps."""

from __future__ import annotations

import contextlib
from typing import Any

from flask import Flask, current_app, g, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from jobbes.db import db
from jobbes.extensions import login_manager
from jobbes.htmx import is_htmx_request, render, render_fragment
from jobbes.i18n import lazy_gettext as _l

MESSAGES = {
    400: (_l("Something was wrong with the request"), _l("Go back and try again.")),
    403: (
        _l("You do not have access to this page"),
        _l("Log in with another account, or go to the front page."),
    ),
    404: (
        _l("We could not find this page"),
        _l("The address may be wrong, or the page has been removed."),
    ),
    405: (_l("That did not work"), _l("Go back and try again.")),
    409: (_l("That can no longer be changed"), _l("Reload the page to see how things stand now.")),
    410: (
        _l("This listing is no longer open"),
        _l("The deadline has passed or the places are filled. There are more listings to find."),
    ),
    413: (_l("That was too much at once"), _l("Send less text or a smaller file.")),
    422: (_l("Something in the form needs fixing"), _l("Go back and check what you wrote.")),
    429: (_l("Too many attempts"), _l("Wait a few minutes and try again.")),
    500: (
        _l("Something went wrong on our side"),
        _l("We have been told. Try again in a little while."),
    ),
}
UNAVAILABLE_MESSAGE = (
    _l("We can't reach our data just now"),
    _l("Try again in a minute. Nothing you sent has been saved twice."),
)
FILES_MESSAGE = (
    _l("Files cannot be sent here"),
    _l("This form takes only text. Go back and write your answer in the fields instead."),
)
# Seconds; "try again in a minute" says the same to people.
RETRY_AFTER = 60
# Connection refused or lost, the server restarting, no free connection in the pool in time.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError, PoolTimeoutError)
CSRF_MESSAGE = (
    _l("The form had expired"),
    _l("For your safety, forms expire. Go back, reload the page and try again."),
)


class FilesNotAccepted(BadRequest):
    """A file sent to a site that takes none (a multipart upload into a text field)."""


def render_error(code: int, title: Any, detail: Any, *, template: str = "errors/error.html") -> Any:
    if is_htmx_request():
        # Swap a short message into the page's message area instead of the element that asked.
        body = render_fragment(
            "errors/error.html", "error_message", code=code, title=title, detail=detail
        )
        return body, code, {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
    return render(template, status=code, code=code, title=title, detail=detail)


def handle_http_error(error: HTTPException) -> Any:
    code = error.code or 500
    if isinstance(error, CSRFError):
        return render_error(400, *CSRF_MESSAGE)
    if isinstance(error, FilesNotAccepted):
        return render_error(400, *FILES_MESSAGE)
    if isinstance(error, RateLimitExceeded) and error.response is not None:
        return error.response  # the page's own answer (`on_breach`), such as words kept
    title, detail = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    return render_error(code, title, detail)


def handle_unexpected_error(error: Exception) -> Any:
    original = getattr(error, "original_exception", None) or error
    if isinstance(original, DBAPIError) and original.connection_invalidated:
        return handle_database_unavailable(original)
    current_app.logger.exception("Unhandled error", exc_info=error)
    db.rollback()
    return render_error(500, *MESSAGES[500])


def handle_database_unavailable(error: Exception) -> Any:
    """The site's own 503, made without the database: not even to find out who is signed in."""
    current_app.logger.error("Database unavailable: %s", error)
    # The connection may be gone already; closing the session at teardown is then enough.
    with contextlib.suppress(SQLAlchemyError):
        db.rollback()
    # Flask-Login would load the signed-in person from the database for the page's header.
    g._login_user = login_manager.anonymous_user()
    response = current_app.make_response(
        render_error(503, *UNAVAILABLE_MESSAGE, template="errors/unavailable.html")
    )
    response.headers["Retry-After"] = str(RETRY_AFTER)
    response.headers["Cache-Control"] = "no-store"
    return response


def refuse_files() -> None:
    # No route takes a file; one sent into a text field would reach the form as a FileStorage.
    # Only a multipart body holds files: anything else is not parsed for them here.
    if request.mimetype == "multipart/form-data" and request.files:
        raise FilesNotAccepted()


def init_app(app: Flask) -> None:
    app.before_request(refuse_files)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected_error)
    for error in DATABASE_UNAVAILABLE:
        app.register_error_handler(error, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected_error)
