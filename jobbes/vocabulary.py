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


class ListingType(enum.StrEnum):
    JOB_TRIAL = "job_trial"
    APPRENTICESHIP = "apprenticeship"
    SUMMER_JOB = "summer_job"
    PART_TIME_JOB = "part_time_job"
    FULL_TIME_JOB = "full_time_job"

    @property
    def opportunity(self) -> Opportunity:
        """What a young person looking for this would have said they want."""
        return _OPPORTUNITY_OF[self]

    @property
    def pay_required(self) -> bool:
        """Jobs and summer jobs must say what they pay; a job trial says how it is funded."""
        return self in (
            ListingType.SUMMER_JOB,
            ListingType.PART_TIME_JOB,
            ListingType.FULL_TIME_JOB,
        )


_OPPORTUNITY_OF = {
    ListingType.JOB_TRIAL: Opportunity.JOB_TRIAL,
    ListingType.APPRENTICESHIP: Opportunity.APPRENTICESHIP,
    ListingType.SUMMER_JOB: Opportunity.SUMMER_JOB,
    ListingType.PART_TIME_JOB: Opportunity.JOB,
    ListingType.FULL_TIME_JOB: Opportunity.JOB,
}


class TrialPay(enum.StrEnum):
    PAID = "paid"
    UNPAID = "unpaid"
    NAV_FUNDED = "nav_funded"


class PoliceCertificateBasis(enum.StrEnum):
    """Where the law allows asking for a politiattest."""

    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    HEALTH_AND_CARE = "health_and_care"
    VOLUNTARY_WORK_WITH_MINORS = "voluntary_work_with_minors"


class LanguageNeed(enum.StrEnum):
    NO_NORWEGIAN = "no_norwegian"
    BASIC_NORWEGIAN = "basic_norwegian"
    GOOD_NORWEGIAN = "good_norwegian"
    ENGLISH_OK = "english_ok"

    @property
    def norwegian_level(self) -> int:
        """The self-assessed Norwegian level (LanguageLevel) this need asks for; 0 for none."""
        return {"no_norwegian": 0, "english_ok": 0, "basic_norwegian": 1, "good_norwegian": 2}[
            self.value
        ]


class Sector(enum.StrEnum):
    PRIVATE = "private"
    PUBLIC = "public"
    VOLUNTARY = "voluntary"


MINIMUM_AGES = (15, 16, 17, 18)


# Words a listing's field adds to the search index, in both languages, so that searching for
# "omsorg" or "care" finds care listings whose own text never says so.
FIELD_SEARCH_WORDS = {
    OccupationalField.CARE_HEALTH: "helse omsorg sykehjem care health",
    OccupationalField.CHILDREN_SCHOOL: "barn skole barnehage children school",
    OccupationalField.BUILDING: "bygg anlegg snekker construction building",
    OccupationalField.INDUSTRY: "industri produksjon industry production",
    OccupationalField.VEHICLES: "bil mekanikk mekaniker cars mechanics",
    OccupationalField.SHOP_SALES: "butikk salg shop sales retail",
    OccupationalField.FOOD_RESTAURANT: "mat servering kokk kjøkken restaurant food kitchen",
    OccupationalField.HOTEL_TOURISM: "hotell reiseliv turisme hotel tourism",
    OccupationalField.OFFICE: "kontor administrasjon office administration",
    OccupationalField.IT: "it data programmering computers",
    OccupationalField.WAREHOUSE_LOGISTICS: "lager logistikk warehouse logistics",
    OccupationalField.TRANSPORT: "transport sjåfør driver",
    OccupationalField.CLEANING_PROPERTY: "renhold vaktmester drift cleaning property",
    OccupationalField.NATURE_FARMING: "natur landbruk gård farming nature",
    OccupationalField.CULTURE_SPORT: "kultur idrett sport culture",
    OccupationalField.HAIR_BEAUTY: "frisør skjønnhet hair beauty",
}
