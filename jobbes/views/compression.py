"""Pages compressed with gzip for visitors who are not logged in (static files: whitenoise).

A page of search results is some 18 KB of HTML and under 4 KB compressed: on a phone on a slow
connection that is most of the wait.

BREACH: an attacker who can make a victim's browser ask for pages that reflect the attacker's
input may learn a secret in the same page from the compressed lengths, over thousands of
requests. Jobbes' pages reflect input (the search words, the path) and carry a CSRF token. Two
things keep that safe here:

- Pages are compressed only for visitors who are not logged in. Their CSRF token guards nothing
  but logging in and signing up, and their pages hold no personal data. Logged-in pages, whose
  tokens guard actions and which show personal data, are sent as they are.
- Flask-WTF's token in a page is the session's secret signed with the time, so it is different
  every second: there is no constant secret to learn from many responses.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request
from flask_login import current_user

MIN_SIZE = 1024  # below a packet, compressing saves nothing worth the work
LEVEL = 6  # zlib's default: a third of level 9's time for nearly all of its saving
COMPRESSED_TYPES = {"text/html"}


def compress(response: Response) -> Response:
    if response.mimetype not in COMPRESSED_TYPES:
        return response
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or "Content-Encoding" in response.headers
        or not 200 <= response.status_code < 300
        or request.accept_encodings["gzip"] <= 0
        or current_user.is_authenticated
    ):
        return response
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    response.set_data(gzip.compress(body, compresslevel=LEVEL, mtime=0))
    response.headers["Content-Encoding"] = "gzip"
    return response


def init_app(app: Flask) -> None:
    # Registered before the other after-request handlers, so it runs after them (Flask runs them
    # last registered first) and compresses the body they leave.
    app.after_request(compress)
