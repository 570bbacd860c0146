"""Leaving an email category from the link in the email, signed in or not (RFC 8058).

Mail clients post `List-Unsubscribe=One-Click` to the link with no cookies and no CSRF token, so
the POST is exempt from CSRF: the signed token in the URL is what proves the email's reader sent
it. Opening the link in a browser (GET) changes nothing; it shows a button that posts.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint

from jobbes import notification_mail
from jobbes.db import db
from jobbes.extensions import csrf
from jobbes.htmx import render
from jobbes.notification_texts import category_label
from jobbes.services import delivery
from jobbes.views.access import public

bp = Blueprint("unsubscribe", __name__, url_prefix="/unsubscribe")


@bp.get("/<token>")
@public
def page(token: str) -> Any:
    found = notification_mail.read_unsubscribe_token(token)
    if found is None:
        return render("unsubscribe/page.html", status=400, outcome="invalid", token=token)
    return render(
        "unsubscribe/page.html", outcome="ask", token=token, category=category_label(found[1])
    )


@bp.post("/<token>")
@public
def unsubscribe(token: str) -> Any:
    found = notification_mail.read_unsubscribe_token(token)
    if found is None:
        return render("unsubscribe/page.html", status=400, outcome="invalid", token=token)
    user_id, category = found
    outcome = delivery.unsubscribe(db, user_id, category)
    db.commit()
    return render(
        "unsubscribe/page.html",
        outcome=outcome.value,
        token=token,
        category=category_label(category),
    )


# flask_wtf is untyped; as a decorator it would make the view untyped too.
csrf.exempt(unsubscribe)
