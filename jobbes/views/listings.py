"""Published listings, for everyone: search with filters, one listing, and "I'm interested"."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from jobbes import areas, labels
from jobbes.db import db
from jobbes.forms.saved_searches import (
    SaveSearchForm,
    describe,
    query_pairs,
)
from jobbes.forms.search import InterestForm, SearchForm, SearchFormOnDemand, read_search
from jobbes.htmx import redirect_client, render
from jobbes.i18n import current_language
from jobbes.i18n import gettext as _
from jobbes.models import Listing, Profile
from jobbes.models.base import local_today, utcnow
from jobbes.page_cache import cache_of, static_parts_of
from jobbes.permissions import Permission, can
from jobbes.services import (
    catalogue,
    interests,
    response_rates,
    saved_searches,
    search,
    visibility,
)
from jobbes.views.access import public, requires

bp = Blueprint("listings", __name__, url_prefix="/listings")


@bp.get("")
@public
def index() -> Any:
    return search_page(request.args)


def search_page(args: Any, save_form: SaveSearchForm | None = None, status: int = 200) -> Any:
    """The search page for these query-string arguments; for a young person, with the form that
    saves the search (the one given, with its errors, after a failed attempt)."""
    today = local_today()
    young_profile = current_user.profile if can(current_user, Permission.INTEREST_CREATE) else None
    can_save = can(current_user, Permission.SEARCH_SAVE)
    # A search of known values needs no form but for rendering a part not yet kept; the form
    # that saves a search describes it from the form's choices, so it gets the whole form.
    values = None if can_save else read_search(args)
    form: SearchForm | SearchFormOnDemand
    if values is not None:
        form, refused = SearchFormOnDemand(args), False
    else:
        form = SearchForm(args)
        # A refused value (hand-typed or from an old link) is named at its field with a 400, and
        # the rest of the search still runs, so the page stays useful while the person fixes it.
        refused = not form.validate() and form.drop_refused()
        values = form.values()
    if refused and status < 400:
        status = 400
    age = young_profile.age(today) if young_profile is not None and values.my_age else None
    criteria = values.criteria(age=age)
    link_args = values.link_args()
    can_filter_on_age = young_profile is not None
    if save_form is None and can_save and isinstance(form, SearchForm):
        save_form = SaveSearchForm(
            formdata=None,
            query=saved_searches.canonical_query(query_pairs(form)),
            name=describe(form),
        )

    def results() -> str:
        page = search.find_cards(db, criteria, today=today)
        return render_template("listings/_results.html", page=page, args=link_args)

    # The results are kept rendered (jobbes/page_cache.py) under what was asked, the language,
    # the day and the version of the listings: the search runs only when they are not kept
    # since the last change to any listing.
    asked = (tuple(sorted((k, str(v)) for k, v in link_args.items())), current_language())
    kept = cache_of(current_app)
    # With keeping turned off (PAGE_CACHE_SIZE=0) the catalogue's version need not be asked.
    key = ("search-results", *asked, criteria, today, catalogue.version(db)) if kept.size else None
    return render(
        "listings/index.html",
        status=status,
        form=form,
        values=values,
        refused=refused,
        search_box=_search_box,
        # A form with its error messages is rendered afresh: what is kept has none.
        form_key=None if refused else ("search-form", *asked, can_filter_on_age),
        # Rendered by an autoescaping template, kept as it came.
        results=Markup(kept.get_or_render(key, results)),  # noqa: S704
        can_filter_on_age=can_filter_on_age,
        args=link_args,
        save_form=save_form,
    )


# Stands for the words typed while the search box is rendered for a language (_search_box).
_WORDS = "jobbes-search-words"


def _search_box(words: str | None) -> Markup:
    """The search box (without an error) holding these words. WTForms renders it once per
    language around a stand-in, kept like the form's other parts (`once`), and each search puts
    its own words, escaped as WTForms escapes a value, in the stand-in's place."""

    def box() -> str:
        blank = SearchForm(MultiDict({"q": _WORDS}))
        return render_template("listings/_search_box.html", form=blank)

    kept = static_parts_of(current_app).get_or_render(("search-box", current_language()), box)
    before, _, after = kept.partition(_WORDS)
    # Both halves were rendered by an autoescaping template, and the words are escaped here.
    return Markup(before) + escape(words or "") + Markup(after)  # noqa: S704


def _public_listing(listing_id: int) -> Listing:
    listing = visibility.published_listing(db, listing_id, local_today())
    if listing is None:
        # A listing that was open once says so kindly (links to it live on in messages and
        # young people's interests), without showing any of it; anything else was never here.
        abort(410 if visibility.was_ever_published(db, listing_id) else 404)
    return listing


@bp.get("/<int:listing_id>")
@public
def listing_page(listing_id: int) -> Any:
    listing = _public_listing(listing_id)
    return _listing_page(listing, InterestForm())


def _listing_page(listing: Listing, form: InterestForm, status: int = 200) -> Any:
    today = local_today()
    version = listing.published_version
    if version is None:  # a public listing always has one; this says so to the type checker
        abort(404)
    not_possible = None
    interest = None
    journey = None
    if can(current_user, Permission.INTEREST_CREATE):
        profile = current_user.profile
        interest = interests.existing(db, listing, profile)
        not_possible = interests.why_not(db, profile, listing, today=today)
        journey = _journey(profile, version.area)
    return render(
        "listings/listing.html",
        status=status,
        listing=listing,
        version=version,
        form=form,
        interest=interest,
        not_possible=not_possible,
        journey=journey,
        map_points=areas.map_points(
            *sorted({version.area, *([journey["home"]] if journey else [])})
        ),
        map_size=(areas.MAP_WIDTH, areas.MAP_HEIGHT),
        response_rate=response_rates.of_organisation(db, listing.organisation_id, now=utcnow()),
    )


@bp.get("/<int:listing_id>/interest")
@requires(Permission.INTEREST_CREATE)
def interest_address(listing_id: int) -> Any:
    """A refused "I'm interested" is shown at this address; opened again, it is the listing."""
    return redirect(url_for("listings.listing_page", listing_id=listing_id), 303)


def _journey(profile: Profile, area: str) -> dict[str, Any] | None:
    """How far the listing is from where a signed-in young person lives, as suggestions say it."""
    home = profile.home_area
    if home is None or home not in areas.BY_CODE:
        return None
    minutes = areas.travel_minutes(home, area)
    reach = profile.max_travel_minutes or 30
    return {"minutes": minutes, "home": home, "within_reach": minutes <= reach}


@bp.post("/<int:listing_id>/interest")
@requires(Permission.INTEREST_CREATE)
def express_interest(listing_id: int) -> Any:
    listing = _public_listing(listing_id)
    form = InterestForm()
    if not form.validate():
        return _listing_page(listing, form, status=422)
    try:
        interests.express_interest(
            db,
            profile=current_user.profile,
            listing=listing,
            message=form.message.data,
            today=local_today(),
            now=utcnow(),
        )
    except interests.NotPossible as refused:
        flash(labels.not_possible_text(refused.reason, listing), "info")
        return redirect_client(url_for("listings.listing_page", listing_id=listing.id))
    db.commit()
    flash(
        _(
            "Sent! %(organisation)s gets your profile and your message. "
            "Follow what happens under “My interests”.",
            organisation=listing.organisation.name,
        ),
        "success",
    )
    return redirect_client(url_for("me.interests_page"))
