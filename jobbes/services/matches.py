"""Matching against the database: best listings for a young person, best young people for a
listing.

SQL narrows to a few hundred plausible candidates on indexed columns and reads only what scoring
needs, as plain rows; `matching` scores them with reasons; only the winners are loaded whole for
the page. A fixed number of queries, however many rows the tables hold.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, bindparam, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import Executable

from jobbes import areas
from jobbes.dates import years_before
from jobbes.matching import Candidate, Match, Opening, match, rank
from jobbes.models import (
    Interest,
    Listing,
    Profile,
    ProfileField,
    ProfileLanguage,
    ProfileOpportunity,
)
from jobbes.models.profiles import age_on
from jobbes.services import interests, visibility
from jobbes.services.kept_statements import kept
from jobbes.services.search import CARD_LOADING
from jobbes.vocabulary import (
    Language,
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    Weekpart,
)

LISTING_CANDIDATES = 150
PROFILE_CANDIDATES = 200
# The listing types that answer what a young person is looking for.
TYPES_FOR = {
    Opportunity.JOB_TRIAL: (ListingType.JOB_TRIAL,),
    Opportunity.APPRENTICESHIP: (ListingType.APPRENTICESHIP,),
    Opportunity.SUMMER_JOB: (ListingType.SUMMER_JOB,),
    Opportunity.JOB: (ListingType.PART_TIME_JOB, ListingType.FULL_TIME_JOB),
}


def candidate_of(profile: Profile, today: date) -> Candidate:
    """A loaded profile, as matching sees it."""
    languages = profile.languages
    return Candidate(
        age=profile.age(today),
        home_area=profile.home_area,
        max_travel_minutes=profile.max_travel_minutes,
        opportunities=frozenset(profile.opportunities),
        fields=frozenset(profile.fields),
        weekparts=frozenset(Weekpart(w) for w, on in profile.weekparts.items() if on),
        norwegian=int(languages.get(Language.NORWEGIAN, 0)),
        english=int(languages.get(Language.ENGLISH, 0)),
        available_from=profile.available_from,
    )


_OPENING_COLUMNS = (
    Listing.id,
    Listing.listing_type,
    Listing.field,
    Listing.area,
    Listing.minimum_age,
    Listing.deadline,
    Listing.no_experience_needed,
    Listing.language_need,
    Listing.start_date,
)


def _opening(row: tuple[Any, ...], *, is_open: bool = True) -> Opening:
    listing_id, kind, field, area, minimum_age, deadline, no_experience, language, start = row
    return Opening(
        listing_id=listing_id,
        listing_type=kind,
        field=field,
        area=area,
        minimum_age=minimum_age or 15,
        deadline=deadline,
        no_experience_needed=no_experience,
        language_need=language or LanguageNeed.BASIC_NORWEGIAN,
        start_date=start,
        is_open=is_open,
    )


def opening_of(listing: Listing, today: date) -> Opening:
    """A loaded listing, as matching sees it."""
    if None in (listing.listing_type, listing.field, listing.area, listing.deadline):
        raise ValueError("only a listing that has been published has facets to match")
    row = tuple(getattr(listing, column.key) for column in _OPENING_COLUMNS)
    return _opening(row, is_open=visibility.is_public(listing, today))


def recommendations(
    session: Session,
    profile: Profile,
    *,
    today: date,
    limit: int = 5,
    interested: frozenset[int] | None = None,
) -> list[tuple[Listing, Match]]:
    """The listings that fit a young person best, with the reasons, best first. `interested`:
    the ids of the listings they already showed interest in, when the caller has them loaded
    (otherwise one query asks)."""
    candidate = candidate_of(profile, today)
    types = [kind for wish in candidate.opportunities for kind in TYPES_FOR[wish]]
    reach = (candidate.max_travel_minutes or 30) + 15
    values: dict[str, Any] = {
        "today": today,
        "age": candidate.age,
        "fields": sorted(candidate.fields),
        "types": types,
        "areas": areas.reachable_from(candidate.home_area, reach) if candidate.home_area else [],
    }
    shape = (bool(candidate.fields), bool(types), bool(candidate.home_area))
    statement = kept(("recommendations", *shape), lambda: _candidates_statement(*shape))
    rows = session.execute(statement, values).all()
    ranked = rank(
        candidate,
        [_opening(tuple(row)) for row in rows],
        today=today,
        interested=interests.interested_listing_ids(session, profile)
        if interested is None
        else interested,
        limit=limit,
    )
    chosen = _load_listings(session, [opening.listing_id for opening, _m in ranked])
    return [(chosen[opening.listing_id], result) for opening, result in ranked]


def _candidates_statement(fields: bool, types: bool, home_area: bool) -> Executable:
    """Open listings a young person may apply for (old enough), in the fields they like or of
    the kinds they want, within reach of home: the newest first, as many as are scored. Kept
    for each shape of profile (which of fields, wishes and home area it has) with its values
    bound: building it cost more than running it."""
    query = (
        visibility.published_listings(bindparam("today", type_=Date))
        .with_only_columns(*_OPENING_COLUMNS)
        .where(Listing.minimum_age <= bindparam("age", type_=Integer))
    )
    wanted = []
    if fields:
        wanted.append(Listing.field.in_(bindparam("fields", expanding=True)))
    if types:
        wanted.append(Listing.listing_type.in_(bindparam("types", expanding=True)))
    if wanted:
        query = query.where(or_(*wanted))
    if home_area:
        query = query.where(Listing.area.in_(bindparam("areas", expanding=True)))
    return query.order_by(Listing.featured.desc(), Listing.published_at.desc()).limit(
        LISTING_CANDIDATES
    )


_CANDIDATE_COLUMNS = (
    Profile.user_id,
    Profile.birth_date,
    Profile.home_area,
    Profile.max_travel_minutes,
    Profile.available_weekdays,
    Profile.available_evenings,
    Profile.available_weekends,
    Profile.available_from,
)


def suggestions(
    session: Session, listing: Listing, *, today: date, limit: int = 10
) -> list[tuple[Profile, Match]]:
    """Young people who let employers find them and fit a listing best, best first."""
    opening = opening_of(listing, today)
    already = select(Interest.profile_id).where(
        Interest.listing_id == listing.id, Interest.profile_id.is_not(None)
    )
    plausible = (
        visibility.discoverable_profiles()
        .with_only_columns(*_CANDIDATE_COLUMNS)
        .where(
            Profile.birth_date <= years_before(today, opening.minimum_age),
            Profile.home_area.in_(areas.reachable_from(opening.area, 60)),
            Profile.user_id.not_in(already),
        )
        .order_by(Profile.user_id.desc())
    )
    # Those who like the listing's field first; those who only want its kind of work fill up.
    in_field = select(ProfileField.profile_id).where(ProfileField.field == opening.field)
    rows = list(
        session.execute(plausible.where(Profile.user_id.in_(in_field)).limit(PROFILE_CANDIDATES))
    )
    if len(rows) < PROFILE_CANDIDATES:
        wanting = select(ProfileOpportunity.profile_id).where(
            ProfileOpportunity.opportunity == opening.listing_type.opportunity
        )
        rows += session.execute(
            plausible.where(Profile.user_id.in_(wanting), Profile.user_id.not_in(in_field)).limit(
                PROFILE_CANDIDATES - len(rows)
            )
        ).all()
    ids = [row[0] for row in rows]
    fields, wishes, languages = _profile_lists(session, ids)
    scored = []
    for user_id, birth_date, home, travel, weekdays, evenings, weekends, available in rows:
        parts = (
            (Weekpart.WEEKDAYS, weekdays),
            (Weekpart.EVENINGS, evenings),
            (Weekpart.WEEKENDS, weekends),
        )
        candidate = Candidate(
            age=age_on(birth_date, today),
            home_area=home,
            max_travel_minutes=travel,
            opportunities=frozenset(wishes[user_id]),
            fields=frozenset(fields[user_id]),
            weekparts=frozenset(part for part, on in parts if on),
            norwegian=languages[user_id].get(Language.NORWEGIAN, 0),
            english=languages[user_id].get(Language.ENGLISH, 0),
            available_from=available,
        )
        result = match(candidate, opening, today=today)
        if result.possible:
            scored.append((user_id, result))
    scored.sort(key=lambda pair: (-pair[1].score, -pair[0]))
    best = scored[:limit]
    chosen = _load_profiles(session, [user_id for user_id, _m in best])
    return [(chosen[user_id], result) for user_id, result in best]


def _profile_lists(
    session: Session, ids: list[int]
) -> tuple[
    dict[int, list[OccupationalField]],
    dict[int, list[Opportunity]],
    dict[int, dict[Language, int]],
]:
    """Fields, wishes and languages of many profiles, as plain lists: three queries."""
    fields: dict[int, list[OccupationalField]] = defaultdict(list)
    wishes: dict[int, list[Opportunity]] = defaultdict(list)
    languages: dict[int, dict[Language, int]] = defaultdict(dict)
    if not ids:
        return fields, wishes, languages
    for profile_id, field in session.execute(
        select(ProfileField.profile_id, ProfileField.field).where(ProfileField.profile_id.in_(ids))
    ):
        fields[profile_id].append(field)
    for profile_id, wish in session.execute(
        select(ProfileOpportunity.profile_id, ProfileOpportunity.opportunity).where(
            ProfileOpportunity.profile_id.in_(ids)
        )
    ):
        wishes[profile_id].append(wish)
    for profile_id, language, level in session.execute(
        select(ProfileLanguage.profile_id, ProfileLanguage.language, ProfileLanguage.level).where(
            ProfileLanguage.profile_id.in_(ids)
        )
    ):
        languages[profile_id][language] = level
    return fields, wishes, languages


def _load_listings(session: Session, ids: list[int]) -> dict[int, Listing]:
    """The few winners, with what their cards show and nothing more (the search's cards'
    loading): one query, joined, as both are many-to-one."""
    if not ids:
        return {}
    found = session.scalars(select(Listing).where(Listing.id.in_(ids)).options(*CARD_LOADING))
    return {listing.id: listing for listing in found}


def _load_profiles(session: Session, ids: list[int]) -> dict[int, Profile]:
    """As `_load_listings`, for young people."""
    if not ids:
        return {}
    options = (selectinload(Profile.user), selectinload(Profile.approved_submission))
    found = session.scalars(select(Profile).where(Profile.user_id.in_(ids)).options(*options))
    return {profile.user_id: profile for profile in found}
