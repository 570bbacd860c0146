"""Matching: the reasons it gives, the hard rules, and the order it ranks in. No database."""

from datetime import date, timedelta

import pytest

from jobbes.matching import Candidate, Opening, Reason, match, rank
from jobbes.vocabulary import LanguageNeed, ListingType, OccupationalField, Opportunity, Weekpart

TODAY = date(2026, 11, 23)

SARA = Candidate(
    age=17,
    home_area="vagsbygd",
    max_travel_minutes=30,
    opportunities=frozenset({Opportunity.JOB_TRIAL}),
    fields=frozenset({OccupationalField.FOOD_RESTAURANT}),
    weekparts=frozenset({Weekpart.WEEKDAYS}),
    norwegian=1,
    english=3,
)


def opening(**overrides):
    values = {
        "listing_id": 1,
        "listing_type": ListingType.JOB_TRIAL,
        "field": OccupationalField.FOOD_RESTAURANT,
        "area": "vagsbygd",
        "minimum_age": 16,
        "deadline": TODAY + timedelta(days=10),
        "no_experience_needed": True,
        "language_need": LanguageNeed.NO_NORWEGIAN,
    }
    return Opening(**{**values, **overrides})


def codes(result):
    return [reason.code for reason in result.reasons]


def test_a_perfect_fit_gives_every_reason():
    result = match(SARA, opening(), today=TODAY)
    assert result.possible
    assert codes(result) == [
        "field",
        "opportunity",
        "near",
        "no_experience",
        "no_norwegian_needed",
        "weekpart",
    ]
    assert Reason("near", 5, place="vagsbygd") in result.reasons
    assert Reason("weekpart", "weekdays") in result.reasons


def test_travel_time_is_a_reason_only_within_reach():
    near = match(SARA, opening(area="kvadraturen"), today=TODAY)
    far = match(SARA, opening(area="lindesnes"), today=TODAY)
    assert Reason("near", 15, place="vagsbygd") in near.reasons
    assert "near" not in codes(far)
    assert far.score < near.score


@pytest.mark.parametrize(
    ("overrides", "rule"),
    [
        ({"minimum_age": 18}, "too_young"),
        ({"is_open": False}, "closed"),
        ({"deadline": TODAY - timedelta(days=1)}, "closed"),
    ],
)
def test_hard_rules_exclude(overrides, rule):
    result = match(SARA, opening(**overrides), today=TODAY)
    assert result.excluded == rule
    assert not result.possible


def test_already_interested_is_excluded():
    assert match(SARA, opening(), today=TODAY, already_interested=True).excluded == (
        "already_interested"
    )


def test_turning_the_minimum_age_today_is_old_enough():
    assert match(SARA, opening(minimum_age=17), today=TODAY).possible


def test_good_norwegian_needed_counts_against_a_beginner():
    easy = match(SARA, opening(language_need=LanguageNeed.NO_NORWEGIAN), today=TODAY)
    hard = match(SARA, opening(language_need=LanguageNeed.GOOD_NORWEGIAN), today=TODAY)
    assert hard.score < easy.score
    assert "no_norwegian_needed" not in codes(hard)


def test_english_is_fine_is_a_reason_for_someone_who_speaks_english():
    result = match(SARA, opening(language_need=LanguageNeed.ENGLISH_OK), today=TODAY)
    assert "english_ok" in codes(result)


def test_evening_work_fits_someone_free_in_the_evenings():
    evenings = Candidate(age=17, weekparts=frozenset({Weekpart.EVENINGS}))
    part_time = match(evenings, opening(listing_type=ListingType.PART_TIME_JOB), today=TODAY)
    trial = match(evenings, opening(listing_type=ListingType.JOB_TRIAL), today=TODAY)
    assert Reason("weekpart", "evenings") in part_time.reasons
    assert part_time.score > trial.score


def test_an_empty_profile_still_matches_without_reasons_it_cannot_know():
    result = match(Candidate(age=20), opening(no_experience_needed=False), today=TODAY)
    assert result.possible
    assert codes(result) == ["no_norwegian_needed"]


def test_ranking_orders_by_score_then_deadline_and_drops_the_impossible():
    best = opening(listing_id=1)
    soon = opening(listing_id=2, field=OccupationalField.IT, deadline=TODAY + timedelta(days=2))
    later = opening(listing_id=3, field=OccupationalField.IT, deadline=TODAY + timedelta(days=9))
    adults_only = opening(listing_id=4, minimum_age=18)
    taken = opening(listing_id=5)
    ranked = rank(
        SARA,
        [later, adults_only, soon, best, taken],
        today=TODAY,
        interested=frozenset({5}),
    )
    assert [o.listing_id for o, _m in ranked] == [1, 2, 3]


def test_ranking_keeps_only_the_best():
    openings = [opening(listing_id=i) for i in range(20)]
    assert len(rank(SARA, openings, today=TODAY, limit=5)) == 5


# Found by mutation testing (make mutation): boundaries and exact points nothing else pinned.


def test_a_listing_is_open_on_its_deadline_day():
    assert match(SARA, opening(deadline=TODAY), today=TODAY).possible


def basic_need(candidate, need):
    """The score of a listing that differs from a plain one only in its language need."""
    plain = opening(no_experience_needed=False, language_need=LanguageNeed.BASIC_NORWEGIAN)
    with_need = opening(no_experience_needed=False, language_need=need)
    return (
        match(candidate, with_need, today=TODAY).score - match(candidate, plain, today=TODAY).score,
        codes(match(candidate, with_need, today=TODAY)),
    )


def test_an_empty_profile_and_a_plain_listing_score_nothing():
    result = match(
        Candidate(age=20, norwegian=2),
        opening(no_experience_needed=False, language_need=LanguageNeed.BASIC_NORWEGIAN),
        today=TODAY,
    )
    assert (result.score, result.reasons) == (0, ())


@pytest.mark.parametrize(
    ("norwegian", "english", "need", "points", "reason"),
    [
        (1, 0, LanguageNeed.GOOD_NORWEGIAN, -20, None),
        (2, 0, LanguageNeed.GOOD_NORWEGIAN, 0, None),  # good Norwegian is enough
        (1, 0, LanguageNeed.NO_NORWEGIAN, 10, "no_norwegian_needed"),
        (2, 0, LanguageNeed.NO_NORWEGIAN, 0, None),  # not new to Norwegian: no reason to say
        (1, 2, LanguageNeed.ENGLISH_OK, 10, "english_ok"),  # good English is enough
        (1, 1, LanguageNeed.ENGLISH_OK, 0, None),
        (3, 3, LanguageNeed.ENGLISH_OK, 0, None),  # speaks Norwegian: English is no reason
        (1, 3, LanguageNeed.BASIC_NORWEGIAN, 0, None),
    ],
)
def test_language_points_and_reasons(norwegian, english, need, points, reason):
    candidate = Candidate(age=20, norwegian=norwegian, english=english)
    difference, reasons = basic_need(candidate, need)
    assert difference == points
    assert reasons == ([reason] if reason else [])


def test_ranking_keeps_ten_unless_told_otherwise():
    openings = [opening(listing_id=i) for i in range(12)]
    assert len(rank(SARA, openings, today=TODAY)) == 10
