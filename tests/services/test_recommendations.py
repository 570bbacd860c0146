"""A young person's recommendations: what narrows the candidates is what their profile has
(fields they like, kinds of work they want, a home to travel from), and each shape of profile
gets its own statement, kept for the process (`matches._candidates_statement`). Profiles of
every shape ask one after another here, so that one shape given another's statement fails."""

from itertools import product

import pytest

from jobbes.models.base import local_today, utcnow
from jobbes.services import matches, profiles
from jobbes.vocabulary import ListingType, OccupationalField, Opportunity, Weekpart
from tests import factories

TODAY = local_today()


@pytest.fixture
def offered(db_session):
    """A kitchen job trial in Kvadraturen, a building apprenticeship in Vågsbygd, and a shop
    summer job in Lindesnes (far from both)."""
    employer = factories.employer(db_session)
    moderator = factories.staff(db_session)
    made = {
        "kitchen": {
            "listing_type": ListingType.JOB_TRIAL,
            "field": OccupationalField.FOOD_RESTAURANT,
            "area": "kvadraturen",
        },
        "building": {
            "listing_type": ListingType.APPRENTICESHIP,
            "field": OccupationalField.BUILDING,
            "area": "vagsbygd",
            "trial_pay": None,
            "pay": "Lærlinglønn",
        },
        "shop": {
            "listing_type": ListingType.SUMMER_JOB,
            "field": OccupationalField.SHOP_SALES,
            "area": "lindesnes",
            "trial_pay": None,
            "pay": "kr 170",
        },
    }
    return {
        name: factories.published_listing(db_session, employer, moderator, title=name, **values)
        for name, values in made.items()
    }


def young(db_session, *, fields, wishes, home):
    user = factories.young_person(db_session)
    profile = user.profile
    now = utcnow()
    profiles.save_wishes(profile, opportunities=wishes, fields=fields, now=now)
    profiles.save_where_and_when(
        profile,
        home_area=home,
        max_travel_minutes=15,
        weekparts=[Weekpart.WEEKDAYS],
        available_from=None,
        driving_licence=False,
        now=now,
    )
    db_session.flush()
    return profile


def recommended(db_session, profile):
    found = matches.recommendations(db_session, profile, today=TODAY, interested=frozenset())
    return sorted(listing.published_version.title for listing, _match in found)


def expected(fields, wishes, home):
    liked = {
        "kitchen": OccupationalField.FOOD_RESTAURANT in fields or Opportunity.JOB_TRIAL in wishes,
        "building": OccupationalField.BUILDING in fields or Opportunity.APPRENTICESHIP in wishes,
        "shop": OccupationalField.SHOP_SALES in fields or Opportunity.SUMMER_JOB in wishes,
    }
    near = {"kitchen": True, "building": True, "shop": home is None}
    wanting = bool(fields or wishes)
    return sorted(name for name in liked if (liked[name] or not wanting) and near[name])


@pytest.mark.parametrize("order", [False, True])
def test_every_shape_of_profile_gets_its_own_candidates(db_session, offered, order):
    shapes = list(
        product(
            [(), (OccupationalField.BUILDING,)],
            [(), (Opportunity.JOB_TRIAL,)],
            [None, "kvadraturen"],
        )
    )
    for fields, wishes, home in reversed(shapes) if order else shapes:
        profile = young(db_session, fields=fields, wishes=wishes, home=home)
        assert recommended(db_session, profile) == expected(fields, wishes, home), (
            fields,
            wishes,
            home,
        )
