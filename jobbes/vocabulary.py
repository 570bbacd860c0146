"""The fixed lists profiles and listings choose from. Codes only: labels live in `labels.py`."""

from __future__ import annotations

import enum


class Opportunity(enum.StrEnum):
    """What a young person is looking for."""

    JOB_TRIAL = "job_trial"
    APPRENTICESHIP = "apprenticeship"
    SUMMER_JOB = "summer_job"
    JOB = "job"


class OccupationalField(enum.StrEnum):
    CARE_HEALTH = "care_health"
    CHILDREN_SCHOOL = "children_school"
    BUILDING = "building"
    INDUSTRY = "industry"
    VEHICLES = "vehicles"
    SHOP_SALES = "shop_sales"
    FOOD_RESTAURANT = "food_restaurant"
    HOTEL_TOURISM = "hotel_tourism"
    OFFICE = "office"
    IT = "it"
    WAREHOUSE_LOGISTICS = "warehouse_logistics"
    TRANSPORT = "transport"
    CLEANING_PROPERTY = "cleaning_property"
    NATURE_FARMING = "nature_farming"
    CULTURE_SPORT = "culture_sport"
    HAIR_BEAUTY = "hair_beauty"


class Language(enum.StrEnum):
    NORWEGIAN = "nb"
    ENGLISH = "en"
    ARABIC = "ar"
    SOMALI = "so"
    TIGRINYA = "ti"
    DARI_PERSIAN = "fa"
    KURDISH = "ku"
    UKRAINIAN = "uk"
    RUSSIAN = "ru"
    POLISH = "pl"
    LITHUANIAN = "lt"
    SPANISH = "es"
    GERMAN = "de"
    FRENCH = "fr"
    THAI = "th"
    TAGALOG = "tl"
    VIETNAMESE = "vi"
    TURKISH = "tr"
    SWEDISH = "sv"
    OTHER = "other"


class LanguageLevel(enum.IntEnum):
    """Self-assessed; the numbers order the levels for matching."""

    A_LITTLE = 1
    GOOD = 2
    FLUENT = 3
    NATIVE = 4


class Weekpart(enum.StrEnum):
    """When in the week someone can work."""

    WEEKDAYS = "weekdays"
    EVENINGS = "evenings"
    WEEKENDS = "weekends"


TRAVEL_MINUTES = (15, 30, 45, 60)

SKILL_SUGGESTIONS = (
    "customer_service",
    "cooking",
    "good_with_children",
    "good_with_elderly",
    "practical",
    "computers",
    "creative",
    "team_player",
    "punctual",
    "physically_fit",
    "tidy",
    "languages",
)
MAX_SKILLS = 12
MAX_SKILL_LENGTH = 40
