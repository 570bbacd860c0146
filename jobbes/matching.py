"""How well a listing fits a young person, and why, in words a young person understands.

Pure: no database, no Flask, no clock. The same scoring ranks listings for a young person and
young people for a listing. Hard rules (too young, closed, already interested) exclude; everything
else adds to or takes from a score, and what adds becomes a reason ("you like cooking",
"15 minutes from Vågsbygd", "no experience needed", "you are free on weekdays").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobbes.areas import travel_minutes
from jobbes.vocabulary import (
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    Weekpart,
)

# Points for each kind of fit; the reasons are listed in the order of their weight.
FIELD = 40
OPPORTUNITY = 25
NEAR = 20
NO_EXPERIENCE = 10
LANGUAGE = 10
WEEKPART = 5
TOO_FAR = -25
LANGUAGE_TOO_HARD = -20
WRONG_TIME_OF_WEEK = -10
STARTS_TOO_EARLY = -10

GOOD_NORWEGIAN = 2  # LanguageLevel.GOOD
# Listings that are mostly daytime work on weekdays, and those that fit around school.
DAYTIME = frozenset({ListingType.JOB_TRIAL, ListingType.APPRENTICESHIP, ListingType.FULL_TIME_JOB})


@dataclass(frozen=True)
class Candidate:
    """A young person, as matching sees them."""

    age: int
    home_area: str | None = None
    max_travel_minutes: int | None = None
    opportunities: frozenset[Opportunity] = frozenset()
    fields: frozenset[OccupationalField] = frozenset()
    weekparts: frozenset[Weekpart] = frozenset()
    norwegian: int = 0
    english: int = 0
    available_from: date | None = None


@dataclass(frozen=True)
class Opening:
    """A listing, as matching sees it."""

    listing_id: int
    listing_type: ListingType
    field: OccupationalField
    area: str
    minimum_age: int
    deadline: date
    no_experience_needed: bool = False
    language_need: LanguageNeed = LanguageNeed.BASIC_NORWEGIAN
    start_date: date | None = None
    is_open: bool = True


@dataclass(frozen=True)
class Reason:
    """Why something fits: a code for the words, and what the words need."""

    code: str
    value: str | int | None = None
    place: str | None = None


@dataclass(frozen=True)
class Match:
    score: int
    reasons: tuple[Reason, ...] = ()
    excluded: str | None = None  # the hard rule that rules it out, if any

    @property
    def possible(self) -> bool:
        return self.excluded is None


def match(
    candidate: Candidate, opening: Opening, *, today: date, already_interested: bool = False
) -> Match:
    """Score one listing for one young person, with the reasons for it."""
    if not opening.is_open or opening.deadline < today:
        return Match(0, excluded="closed")
    if candidate.age < opening.minimum_age:
        return Match(0, excluded="too_young")
    if already_interested:
        return Match(0, excluded="already_interested")

    score = 0
    reasons: list[Reason] = []

    if opening.field in candidate.fields:
        score += FIELD
        reasons.append(Reason("field", opening.field.value))
    if opening.listing_type.opportunity in candidate.opportunities:
        score += OPPORTUNITY
        reasons.append(Reason("opportunity", opening.listing_type.opportunity.value))

    if candidate.home_area:
        minutes = travel_minutes(candidate.home_area, opening.area)
        reach = candidate.max_travel_minutes or 30
        if minutes <= reach:
            score += max(5, NEAR - minutes // 3)
            reasons.append(Reason("near", minutes, place=candidate.home_area))
        else:
            score += TOO_FAR

    if opening.no_experience_needed:
        score += NO_EXPERIENCE
        reasons.append(Reason("no_experience"))

    points, reason = _language(candidate, opening.language_need)
    score += points
    if reason is not None:
        reasons.append(reason)

    if candidate.weekparts:
        if opening.listing_type in DAYTIME:
            if Weekpart.WEEKDAYS in candidate.weekparts:
                score += WEEKPART
                reasons.append(Reason("weekpart", Weekpart.WEEKDAYS.value))
            else:
                score += WRONG_TIME_OF_WEEK
        else:
            for part in (Weekpart.EVENINGS, Weekpart.WEEKENDS, Weekpart.WEEKDAYS):
                if part in candidate.weekparts:
                    score += WEEKPART
                    reasons.append(Reason("weekpart", part.value))
                    break

    if (
        candidate.available_from is not None
        and opening.start_date is not None
        and candidate.available_from > opening.start_date
    ):
        score += STARTS_TOO_EARLY

    return Match(score, tuple(reasons))


def _language(candidate: Candidate, need: LanguageNeed) -> tuple[int, Reason | None]:
    """Points for how the listing's language need suits someone who is new to Norwegian."""
    new_to_norwegian = candidate.norwegian < GOOD_NORWEGIAN
    if need is LanguageNeed.GOOD_NORWEGIAN:
        return (LANGUAGE_TOO_HARD, None) if new_to_norwegian else (0, None)
    if need is LanguageNeed.NO_NORWEGIAN and new_to_norwegian:
        return LANGUAGE, Reason("no_norwegian_needed")
    if need is LanguageNeed.ENGLISH_OK and new_to_norwegian and candidate.english >= GOOD_NORWEGIAN:
        return LANGUAGE, Reason("english_ok")
    return 0, None


def rank(
    candidate: Candidate,
    openings: Iterable[Opening],
    *,
    today: date,
    interested: frozenset[int] = frozenset(),
    limit: int = 10,
) -> list[tuple[Opening, Match]]:
    """The best possible listings for one young person, best first (sooner deadline first on
    a tie)."""
    scored = [
        (
            opening,
            match(
                candidate, opening, today=today, already_interested=opening.listing_id in interested
            ),
        )
        for opening in openings
    ]
    possible = [(o, m) for o, m in scored if m.possible]
    possible.sort(key=lambda pair: (-pair[1].score, pair[0].deadline, pair[0].listing_id))
    return possible[:limit]
