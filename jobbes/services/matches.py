"""Matching against the database: best listings for a young person, best young people for a
listing. SQL narrows to a few hundred plausible candidates with indexed facets; `matching`
scores them with reasons. A fixed number of queries, however many rows the tables hold."""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from jobbes import areas
from jobbes.matching import Candidate, Match, Opening, match, rank
from jobbes.models import Interest, Listing, Profile, ProfileField, ProfileOpportunity
from jobbes.services import interests, visibility
from jobbes.vocabulary import Language, ListingType, Opportunity

CANDIDATES = 300
# Opportunities a listing type answers to, and the other way round.
TYPES_FOR = {
    Opportunity.JOB_TRIAL: (ListingType.JOB_TRIAL,),
    Opportunity.APPRENTICESHIP: (ListingType.APPRENTICESHIP,),
    Opportunity.SUMMER_JOB: (ListingType.SUMMER_JOB,),
    Opportunity.JOB: (ListingType.PART_TIME_JOB, ListingType.FULL_TIME_JOB),
}


def candidate_of(profile: Profile, today: date) -> Candidate:
    languages = profile.languages
    return Candidate(
        age=profile.age(today),
        home_area=profile.home_area,
        max_travel_minutes=profile.max_travel_minutes,
        opportunities=frozenset(profile.opportunities),
        fields=frozenset(profile.fields),
        weekparts=frozenset(w for w, on in profile.weekparts.items() if on),  # type: ignore[misc]
        norwegian=int(languages.get(Language.NORWEGIAN, 0)),
        english=int(languages.get(Language.ENGLISH, 0)),
        available_from=profile.available_from,
    )


def opening_of(listing: Listing, today: date) -> Opening:
    if None in (listing.listing_type, listing.field, listing.area, listing.deadline):
        raise ValueError("only a listing that has been published has facets to match")
    return Opening(
        listing_id=listing.id,
        listing_type=listing.listing_type,
        field=listing.field,
        area=listing.area,
        minimum_age=listing.minimum_age or 15,
        deadline=listing.deadline,
        no_experience_needed=listing.no_experience_needed,
        language_need=listing.language_need or Opening.language_need,
        start_date=listing.start_date,
        is_open=visibility.is_public(listing, today),
    )


def recommendations(
    session: Session, profile: Profile, *, today: date, limit: int = 5
) -> list[tuple[Listing, Match]]:
    """The listings that fit a young person best, with the reasons, best first."""
    candidate = candidate_of(profile, today)
    query = visibility.published_listings(today).where(Listing.minimum_age <= candidate.age)
    wanted = []
    if candidate.fields:
        wanted.append(Listing.field.in_(candidate.fields))
    types = [t for o in candidate.opportunities for t in TYPES_FOR[o]]
    if types:
        wanted.append(Listing.listing_type.in_(types))
    if wanted:
        query = query.where(or_(*wanted))
    if candidate.home_area:
        reach = (candidate.max_travel_minutes or 30) + 15
        query = query.where(Listing.area.in_(areas.reachable_from(candidate.home_area, reach)))
    listings = session.scalars(
        query.order_by(Listing.featured.desc(), Listing.published_at.desc())
        .limit(CANDIDATES)
        .options(selectinload(Listing.published_version), selectinload(Listing.organisation))
    ).all()
    by_id = {listing.id: listing for listing in listings}
    ranked = rank(
        candidate,
        [opening_of(listing, today) for listing in listings],
        today=today,
        interested=interests.interested_listing_ids(session, profile),
        limit=limit,
    )
    return [(by_id[opening.listing_id], result) for opening, result in ranked]


def suggestions(
    session: Session, listing: Listing, *, today: date, limit: int = 10
) -> list[tuple[Profile, Match]]:
    """Young people who let employers find them and fit a listing best, best first."""
    opening = opening_of(listing, today)
    latest_birth_date = _years_before(today, opening.minimum_age)
    fits = or_(
        Profile.user_id.in_(
            select(ProfileField.profile_id).where(ProfileField.field == opening.field)
        ),
        Profile.user_id.in_(
            select(ProfileOpportunity.profile_id).where(
                ProfileOpportunity.opportunity == opening.listing_type.opportunity
            )
        ),
    )
    already = select(Interest.profile_id).where(
        Interest.listing_id == listing.id, Interest.profile_id.is_not(None)
    )
    nearby = areas.reachable_from(opening.area, 60)
    profiles = session.scalars(
        visibility.discoverable_profiles()
        .where(
            fits,
            Profile.birth_date <= latest_birth_date,
            Profile.home_area.in_(nearby),
            Profile.user_id.not_in(already),
        )
        .order_by(Profile.updated_at.desc())
        .limit(CANDIDATES)
        .options(
            selectinload(Profile.user),
            selectinload(Profile.approved_submission),
        )
    ).all()
    scored = [(p, match(candidate_of(p, today), opening, today=today)) for p in profiles]
    possible = [(p, m) for p, m in scored if m.possible]
    possible.sort(key=lambda pair: (-pair[1].score, pair[0].user_id))
    return possible[:limit]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
