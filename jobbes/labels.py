"""What people read for each code in `vocabulary.py`: translated labels, Norwegian first."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from jobbes.vocabulary import (
    Language,
    LanguageLevel,
    LanguageNeed,
    ListingType,
    OccupationalField,
    Opportunity,
    PoliceCertificateBasis,
    Sector,
    TrialPay,
    Weekpart,
)

OPPORTUNITIES = {
    Opportunity.JOB_TRIAL: _l("Job trial"),
    Opportunity.APPRENTICESHIP: _l("Apprenticeship"),
    Opportunity.SUMMER_JOB: _l("Summer job"),
    Opportunity.JOB: _l("Job"),
}

OPPORTUNITY_HINTS = {
    Opportunity.JOB_TRIAL: _l("A few days or weeks at a workplace, with someone who shows you how"),
    Opportunity.APPRENTICESHIP: _l("Two years of paid training towards a trade certificate"),
    Opportunity.SUMMER_JOB: _l("Paid work in the summer holidays"),
    Opportunity.JOB: _l("An ordinary paid job, part-time or full-time"),
}

FIELDS = {
    OccupationalField.CARE_HEALTH: _l("Care and health"),
    OccupationalField.CHILDREN_SCHOOL: _l("Children and school"),
    OccupationalField.BUILDING: _l("Building and construction"),
    OccupationalField.INDUSTRY: _l("Industry and production"),
    OccupationalField.VEHICLES: _l("Cars and mechanics"),
    OccupationalField.SHOP_SALES: _l("Shop and sales"),
    OccupationalField.FOOD_RESTAURANT: _l("Food and restaurants"),
    OccupationalField.HOTEL_TOURISM: _l("Hotels and tourism"),
    OccupationalField.OFFICE: _l("Office and administration"),
    OccupationalField.IT: _l("IT and computers"),
    OccupationalField.WAREHOUSE_LOGISTICS: _l("Warehouse and logistics"),
    OccupationalField.TRANSPORT: _l("Transport"),
    OccupationalField.CLEANING_PROPERTY: _l("Cleaning and property"),
    OccupationalField.NATURE_FARMING: _l("Nature and farming"),
    OccupationalField.CULTURE_SPORT: _l("Culture and sport"),
    OccupationalField.HAIR_BEAUTY: _l("Hair and beauty"),
}

# "You like ..." in a matching reason: the field as an interest.
FIELD_INTERESTS = {
    OccupationalField.CARE_HEALTH: _l("care and health"),
    OccupationalField.CHILDREN_SCHOOL: _l("working with children"),
    OccupationalField.BUILDING: _l("building and construction"),
    OccupationalField.INDUSTRY: _l("industry and production"),
    OccupationalField.VEHICLES: _l("cars and mechanics"),
    OccupationalField.SHOP_SALES: _l("shops and sales"),
    OccupationalField.FOOD_RESTAURANT: _l("cooking and serving food"),
    OccupationalField.HOTEL_TOURISM: _l("hotels and tourism"),
    OccupationalField.OFFICE: _l("office work"),
    OccupationalField.IT: _l("IT and computers"),
    OccupationalField.WAREHOUSE_LOGISTICS: _l("warehouse work"),
    OccupationalField.TRANSPORT: _l("transport"),
    OccupationalField.CLEANING_PROPERTY: _l("cleaning and property"),
    OccupationalField.NATURE_FARMING: _l("nature and farming"),
    OccupationalField.CULTURE_SPORT: _l("culture and sport"),
    OccupationalField.HAIR_BEAUTY: _l("hair and beauty"),
}

LANGUAGES = {
    Language.NORWEGIAN: _l("Norwegian"),
    Language.ENGLISH: _l("English"),
    Language.ARABIC: _l("Arabic"),
    Language.SOMALI: _l("Somali"),
    Language.TIGRINYA: _l("Tigrinya"),
    Language.DARI_PERSIAN: _l("Persian or Dari"),
    Language.KURDISH: _l("Kurdish"),
    Language.UKRAINIAN: _l("Ukrainian"),
    Language.RUSSIAN: _l("Russian"),
    Language.POLISH: _l("Polish"),
    Language.LITHUANIAN: _l("Lithuanian"),
    Language.SPANISH: _l("Spanish"),
    Language.GERMAN: _l("German"),
    Language.FRENCH: _l("French"),
    Language.THAI: _l("Thai"),
    Language.TAGALOG: _l("Tagalog"),
    Language.VIETNAMESE: _l("Vietnamese"),
    Language.TURKISH: _l("Turkish"),
    Language.SWEDISH: _l("Swedish"),
    Language.OTHER: _l("Another language"),
}

LANGUAGE_LEVELS = {
    LanguageLevel.A_LITTLE: _l("A little"),
    LanguageLevel.GOOD: _l("Good"),
    LanguageLevel.FLUENT: _l("Fluent"),
    LanguageLevel.NATIVE: _l("Mother tongue"),
}

WEEKPARTS = {
    Weekpart.WEEKDAYS: _l("Weekdays"),
    Weekpart.EVENINGS: _l("Evenings"),
    Weekpart.WEEKENDS: _l("Weekends"),
}

TRAVEL = {
    15: _l("Up to 15 minutes"),
    30: _l("Up to 30 minutes"),
    45: _l("Up to 45 minutes"),
    60: _l("An hour or more"),
}

SKILLS = {
    "customer_service": _l("Customer service"),
    "cooking": _l("Cooking"),
    "good_with_children": _l("Good with children"),
    "good_with_elderly": _l("Good with elderly people"),
    "practical": _l("Good with my hands"),
    "computers": _l("Computers"),
    "creative": _l("Creative"),
    "team_player": _l("Team player"),
    "punctual": _l("Always on time"),
    "physically_fit": _l("Physically fit"),
    "tidy": _l("Tidy and thorough"),
    "languages": _l("Speak several languages"),
}


def skill_label(skill: str) -> str:
    """A suggested skill in the reader's language; a skill the person wrote stays as written."""
    return str(SKILLS[skill]) if skill in SKILLS else skill


# The parts of a profile, as "what is missing" lists name them.
SECTIONS = {
    "opportunities": _l("What you are looking for"),
    "fields": _l("What you would like to work with"),
    "place": _l("Where you live and how far you can travel"),
    "availability": _l("When you can work"),
    "languages": _l("Languages you speak"),
    "skills": _l("What you are good at"),
    "about": _l("A few words about you"),
}

STEPS = {
    "wishes": _l("What do you want?"),
    "where-and-when": _l("Where and when?"),
    "skills": _l("What are you good at?"),
    "about": _l("About you"),
}

PROFILE_STATUS = {
    "private": _l("Only you can see your profile."),
    "in_review": _l(
        "A counsellor is checking your profile. Employers can find you once it is approved."
    ),
    "visible": _l("Employers can find your profile."),
    "visible_update_in_review": _l(
        "Employers can find your profile. A counsellor is checking your latest changes; "
        "until then employers see your earlier words."
    ),
    "changes_requested": _l(
        "A counsellor asks you to change something before employers can find you."
    ),
    "rejected": _l("A counsellor did not approve your profile for employers to find."),
}

LISTING_TYPES = {
    ListingType.JOB_TRIAL: _l("Job trial"),
    ListingType.APPRENTICESHIP: _l("Apprenticeship"),
    ListingType.SUMMER_JOB: _l("Summer job"),
    ListingType.PART_TIME_JOB: _l("Part-time job"),
    ListingType.FULL_TIME_JOB: _l("Full-time job"),
}

TRIAL_PAY = {
    TrialPay.PAID: _l("Paid"),
    TrialPay.UNPAID: _l("Unpaid"),
    TrialPay.NAV_FUNDED: _l("Funded through NAV"),
}

POLICE_BASIS = {
    PoliceCertificateBasis.SCHOOL: _l("Work in a school"),
    PoliceCertificateBasis.KINDERGARTEN: _l("Work in a kindergarten"),
    PoliceCertificateBasis.HEALTH_AND_CARE: _l("Health and care services"),
    PoliceCertificateBasis.VOLUNTARY_WORK_WITH_MINORS: _l(
        "Voluntary organisation, work with children and young people"
    ),
}

LANGUAGE_NEEDS = {
    LanguageNeed.NO_NORWEGIAN: _l("No Norwegian needed"),
    LanguageNeed.BASIC_NORWEGIAN: _l("Basic Norwegian"),
    LanguageNeed.GOOD_NORWEGIAN: _l("Good Norwegian"),
    LanguageNeed.ENGLISH_OK: _l("English is fine"),
}

SECTORS = {
    Sector.PRIVATE: _l("Private business"),
    Sector.PUBLIC: _l("Public sector"),
    Sector.VOLUNTARY: _l("Voluntary organisation"),
}

# Where a listing stands, as its employer reads it (services.listings.employer_status).
EMPLOYER_LISTING_STATUS = {
    "draft": _l("Draft"),
    "in_review": _l("Waiting for review"),
    "changes_requested": _l("Changes requested"),
    "rejected": _l("Rejected"),
    "published": _l("Published"),
    "approved_waiting_for_organisation": _l("Approved – shown when your organisation is verified"),
    "published_with_draft": _l("Published – you have unsent changes"),
    "published_edit_in_review": _l("Published – your changes are waiting for review"),
    "published_edit_changes_requested": _l("Published – changes requested to your edit"),
    "published_edit_rejected": _l("Published – your edit was not approved"),
    "closed": _l("Closed"),
    "expired": _l("Expired"),
    "unpublished": _l("Taken down by a moderator"),
}
