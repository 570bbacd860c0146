"""Error pages in the site's layout and language, and as small messages inside htmx swaps."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from jobbes.db import db
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
CSRF_MESSAGE = (
    _l("The form had expired"),
    _l("For your safety, forms expire. Go back, reload the page and try again."),
)


def render_error(code: int, title: Any, detail: Any) -> Any:
    if is_htmx_request():
        # Swap a short message into the page's message area instead of the element that asked.
        body = render_fragment(
            "errors/error.html", "error_message", code=code, title=title, detail=detail
        )
        return body, code, {"HX-Retarget": "#messages", "HX-Reswap": "innerHTML"}
    return render("errors/error.html", status=code, code=code, title=title, detail=detail)


def handle_http_error(error: HTTPException) -> Any:
    code = error.code or 500
    if isinstance(error, CSRFError):
        return render_error(400, *CSRF_MESSAGE)
    title, detail = MESSAGES.get(code, MESSAGES[400 if code < 500 else 500])
    return render_error(code, title, detail)


def handle_unexpected_error(error: Exception) -> Any:
    current_app.logger.exception("Unhandled error", exc_info=error)
    db.rollback()
    return render_error(500, *MESSAGES[500])


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(InternalServerError, handle_unexpected_error)
    app.register_error_handler(Exception, handle_unexpected_error)
