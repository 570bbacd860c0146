"""What people read for each code in `vocabulary.py`: translated labels, Norwegian first."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from jobbes import areas
from jobbes.i18n import lazy_gettext as _l
from jobbes.models.moderation import RejectionReason, ReportReason, ReportStatus
from jobbes.services.interests import WhyNot
from jobbes.services.listings import EmployerStatus
from jobbes.services.profiles import ProfileStatus
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
    ProfileStatus.PRIVATE: _l("Only you can see your profile."),
    ProfileStatus.IN_REVIEW: _l(
        "A counsellor is reviewing your profile. Employers can find you once it is approved."
    ),
    ProfileStatus.VISIBLE: _l("Employers can find your profile."),
    ProfileStatus.VISIBLE_UPDATE_IN_REVIEW: _l(
        "Employers can find your profile. A counsellor is reviewing your latest changes; "
        "until then employers see your earlier words."
    ),
    ProfileStatus.CHANGES_REQUESTED: _l(
        "A counsellor asks you to change something before employers can find you."
    ),
    ProfileStatus.REJECTED: _l("A counsellor did not approve your profile for employers to find."),
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
    EmployerStatus.DRAFT: _l("Draft"),
    EmployerStatus.IN_REVIEW: _l("Waiting for review"),
    EmployerStatus.CHANGES_REQUESTED: _l("Changes requested"),
    EmployerStatus.REJECTED: _l("Rejected"),
    EmployerStatus.PUBLISHED: _l("Published"),
    EmployerStatus.APPROVED_WAITING_FOR_ORGANISATION: _l(
        "Approved – shown when your organisation is verified"
    ),
    EmployerStatus.PUBLISHED_WITH_DRAFT: _l("Published – you have unsent changes"),
    EmployerStatus.PUBLISHED_EDIT_IN_REVIEW: _l("Published – your changes are waiting for review"),
    EmployerStatus.PUBLISHED_EDIT_CHANGES_REQUESTED: _l(
        "Published – changes requested to your edit"
    ),
    EmployerStatus.PUBLISHED_EDIT_REJECTED: _l("Published – your edit was not approved"),
    EmployerStatus.CLOSED: _l("Closed"),
    EmployerStatus.EXPIRED: _l("Expired"),
    EmployerStatus.UNPUBLISHED: _l("Taken down by a moderator"),
}

REJECTION_REASONS = {
    RejectionReason.NOT_A_REAL_JOB: _l("Not a real job"),
    RejectionReason.ASKS_FOR_PAYMENT: _l("Asks for payment or bank details"),
    RejectionReason.DISCRIMINATORY: _l("Discriminatory"),
    RejectionReason.UNSAFE_FOR_MINORS: _l(
        "Unsafe for minors or breaks the rules for young workers"
    ),
    RejectionReason.DUPLICATE: _l("Duplicate"),
    RejectionReason.OTHER: _l("Other"),
}

REPORT_REASONS = {
    ReportReason.SCAM: _l("A scam, or asks for money"),
    ReportReason.DISCRIMINATORY: _l("Discriminatory"),
    ReportReason.INAPPROPRIATE: _l("Inappropriate"),
    ReportReason.OTHER: _l("Something else"),
}

# What Brønnøysundregistrene said about an organisation's number (models.RegisterCheck.status).
REGISTER_STATUSES = {
    "found": _l("Found"),
    "bankrupt": _l("Bankrupt"),
    "winding_up": _l("Being wound up"),
    "deleted": _l("Deleted"),
    "not_found": _l("Not in the register"),
}

REPORT_STATUSES = {
    ReportStatus.OPEN: _l("Open"),
    ReportStatus.RESOLVED: _l("Resolved: something was done"),
    ReportStatus.DISMISSED: _l("Dismissed: nothing wrong"),
}

QUEUES = {
    "organisations": _l("Organisations to verify"),
    "listings": _l("Listings to review"),
    "profiles": _l("Profiles to review"),
    "reports": _l("Reports"),
}

SUBJECT_TYPES = {
    "listing": _l("Listing"),
    "profile": _l("Profile"),
    "conversation": _l("Conversation"),
    "organisation": _l("Organisation"),
    "organisation_details": _l("Organisation details"),
    "user": _l("User"),
    "report": _l("Report"),
}

# The audit log's `resource:action` tags, in words.
AUDIT_ACTIONS = {
    "listing:approve": _l("Approved a listing"),
    "listing:request_changes": _l("Asked for changes to a listing"),
    "listing:reject": _l("Rejected a listing"),
    "listing:unpublish": _l("Took down a listing"),
    "listing:feature": _l("Featured a listing"),
    "listing:unfeature": _l("Stopped featuring a listing"),
    "profile:approve": _l("Approved a profile"),
    "profile:request_changes": _l("Asked for changes to a profile"),
    "profile:reject": _l("Rejected a profile"),
    "profile:hide": _l("Hid a profile from employers"),
    "profile:edit_with_counsellor": _l("Helped a young person with their profile's words"),
    "organisation:verify": _l("Verified an organisation"),
    "organisation:reject": _l("Rejected an organisation"),
    "organisation:suspend": _l("Suspended an organisation"),
    "organisation:reinstate": _l("Reinstated an organisation"),
    "organisation_details:approve": _l("Approved an organisation's changed details"),
    "organisation_details:request_changes": _l(
        "Asked for changes to an organisation's changed details"
    ),
    "organisation_details:reject": _l("Rejected an organisation's changed details"),
    "user:suspend": _l("Suspended a user"),
    "user:reinstate": _l("Reinstated a user"),
    "user:grant_moderator": _l("Made a user moderator"),
    "user:revoke_moderator": _l("Took the moderator role away"),
    "report:resolve": _l("Resolved a report"),
    "report:dismiss": _l("Dismissed a report"),
}

ORGANISATION_STATUS = {
    "pending": _l("waiting for verification"),
    "verified": _l("verified"),
    "rejected": _l("rejected"),
    "suspended": _l("suspended"),
}

REVIEW_STATUS = {
    "draft": _l("Draft"),
    "submitted": _l("Waiting for review"),
    "approved": _l("Approved"),
    "changes_requested": _l("Changes requested"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn by the author"),
}

# The fields of a listing, as a moderator comparing two versions reads them.
# The public details of an organisation, as the moderator's comparison names them.
ORGANISATION_FIELDS = {
    "name": _l("Name of the organisation"),
    "sector": _l("Sector"),
    "address": _l("Address"),
    "area": _l("Area"),
    "description": _l("About the organisation"),
    "website": _l("Website"),
}

LISTING_FIELDS = {
    "listing_type": _l("Kind of listing"),
    "title": _l("Title"),
    "description": _l("What the young person will do"),
    "learning": _l("Learning and support"),
    "support_contact_person": _l("A named contact person or buddy"),
    "support_adapted_tasks": _l("Tasks adapted to the person"),
    "support_follow_up": _l("Regular follow-up talks"),
    "contact_person_name": _l("Name of the contact person"),
    "field": _l("Occupational field"),
    "no_experience_needed": _l("No experience needed"),
    "requirements": _l("Requirements"),
    "area": _l("Area"),
    "address": _l("Address"),
    "start_date": _l("Start date"),
    "end_date": _l("End date"),
    "duration": _l("Or how long"),
    "hours_per_week": _l("Hours per week"),
    "schedule": _l("When in the day and week"),
    "trial_pay": _l("Is the job trial paid?"),
    "pay": _l("Pay"),
    "places": _l("Places"),
    "minimum_age": _l("Minimum age"),
    "police_certificate": _l("A police certificate is required"),
    "police_certificate_basis": _l("Why is a police certificate required?"),
    "language_need": _l("Language"),
    "deadline": _l("Application deadline"),
}

# Any code from the lists above, whatever list it comes from, in words.
_CODE_TABLES: tuple[Mapping[Any, Any], ...] = (
    OPPORTUNITIES,
    FIELDS,
    LISTING_TYPES,
    TRIAL_PAY,
    POLICE_BASIS,
    LANGUAGE_NEEDS,
    SECTORS,
)
ALL_CODES: dict[enum.Enum, Any] = {
    code: label for table in _CODE_TABLES for code, label in table.items()
}

ROLES = {
    "young_person": _l("Young person"),
    "employer": _l("Employer"),
    "moderator": _l("Moderator"),
    "admin": _l("Admin"),
    "counsellor": _l("Counsellor"),
    "programme": _l("Programme (read only)"),
}

# The programme's age bands (services.indicators.AGE_BANDS).
AGE_BANDS = {
    "15-17": _l("15–17 years"),
    "18-24": _l("18–24 years"),
    "25-30": _l("25–30 years"),
}

REJECTION_REASON_BY_CODE = {reason.value: label for reason, label in REJECTION_REASONS.items()}

# --- Interests -------------------------------------------------------------------------------

# Each step of an interest as the young person reads it, with what happens next.
INTEREST_STEPS = {
    "invited": (
        _l("The employer invites you to apply"),
        _l("They saw your profile and think you fit. Say yes to send your profile, or no thanks."),
    ),
    "invitation_declined": (
        _l("You said no thanks"),
        _l("The employer is told, kindly. Nothing more happens."),
    ),
    "sent": (
        _l("You said you are interested"),
        _l("The employer gets your profile and your message. Most answer within a week."),
    ),
    "seen": (
        _l("The employer has read it"),
        _l("They are considering it. You will see it here when they answer."),
    ),
    "talk": (
        _l("Invited to a talk or a trial day"),
        _l(
            "Read what the employer wrote in the conversation, and pick a time if they proposed some. Ask your contact person if you want help to prepare."
        ),
    ),
    "trial_agreed": (
        _l("Job trial agreed"),
        _l(
            "You have dates for a trial. Come on time, ask when you are unsure – that is what a trial is for."
        ),
    ),
    "offered": (
        _l("You are offered the job"),
        _l("Congratulations! The employer would like you to take the job. Answer below."),
    ),
    "hired": (
        _l("You took the job"),
        _l("Well done! The employer contacts you about the contract. Good luck with the new job."),
    ),
    "offer_declined": (
        _l("You said no to the offer"),
        _l("The employer is told. There are more listings when you are ready."),
    ),
    "declined": (
        _l("Not this time"),
        _l("This one did not work out. It says nothing about what you can do – try another."),
    ),
    "withdrawn": (
        _l("You withdrew"),
        _l("The employer is told that you are no longer interested."),
    ),
    "unanswered": (
        _l("Closed: the employer did not answer in time"),
        _l("While the listing is open, you may say you are interested again."),
    ),
    "invitation_expired": (
        _l("The invitation expired"),
        _l("You did not answer within 14 days, so the employer is told it has expired."),
    ),
}

# What each step of the usual way means, for the list that explains them all on "My interests".
INTEREST_FLOW_EXPLAINED = {
    "sent": _l("The employer gets your profile and your message."),
    "seen": _l("They are thinking about it. Most answer within a week."),
    "talk": _l("A short meeting or a day at the workplace, so you both see if it fits."),
    "trial_agreed": _l("You agree on dates to try the job. Your contact person or NAV can help."),
    "offered": _l("The employer wants you. You say yes or no to the offer here."),
    "hired": _l("You said yes: you have the job, and you talk about the contract together."),
}

# The same steps in the employer's pipeline.
PIPELINE = {
    "invited": _l("Invited by you"),
    "sent": _l("New"),
    "seen": _l("Read"),
    "talk": _l("Invited to talk or trial day"),
    "trial_agreed": _l("Trial agreed"),
    "offered": _l("Offered – waiting for their answer"),
    "hired": _l("Accepted the offer – hired"),
    "offer_declined": _l("Said no to the offer"),
    "declined": _l("Declined"),
    "withdrawn": _l("Withdrawn"),
    "invitation_declined": _l("Said no thanks"),
    "unanswered": _l("Closed without an answer"),
    "invitation_expired": _l("Invitation expired"),
}

EMPLOYER_ACTIONS = {
    "invite_to_talk": _l("Invite to a talk or trial day"),
    "agree_trial": _l("Agree on a job trial"),
    "offer": _l("Offer the job"),
    "decline": _l("Decline kindly"),
}

# Kind messages an employer chooses from when saying no, written for a young reader.
DECLINE_MESSAGES = {
    "filled": _l(
        "Thank you for your interest! The place has been filled this time. We hope you find something that suits you soon."
    ),
    "not_now": _l(
        "Thank you for your interest! We cannot take anyone in right now, but we would be glad if you tried us again later."
    ),
    "other_skills": _l(
        "Thank you for your interest! This time we need someone with different experience. Keep going – other listings may suit you better."
    ),
    "timing": _l(
        "Thank you for your interest! The times did not fit this time. Perhaps another listing fits your week better."
    ),
}

# --- Why something fits ------------------------------------------------------------------------

OPPORTUNITY_REASONS = {
    "job_trial": _l("You are looking for a job trial"),
    "apprenticeship": _l("You are looking for an apprenticeship"),
    "summer_job": _l("You are looking for a summer job"),
    "job": _l("You are looking for a job"),
}

WEEKPART_REASONS = {
    "weekdays": _l("You are free on weekdays"),
    "evenings": _l("You can work evenings"),
    "weekends": _l("You can work weekends"),
}

EMPLOYER_WEEKPART_REASONS = {
    "weekdays": _l("Free on weekdays"),
    "evenings": _l("Can work evenings"),
    "weekends": _l("Can work weekends"),
}


def reason_text(reason: Any, *, for_employer: bool = False) -> str:
    """A matching reason in words, for the young person or (about them) for an employer."""
    code, value = reason.code, reason.value
    if code == "field":
        interest = FIELD_INTERESTS[OccupationalField(value)]
        if for_employer:
            return str(_l("Interested in %(interest)s", interest=interest))
        return str(_l("You like %(interest)s", interest=interest))
    if code == "opportunity":
        if for_employer:
            return str(
                _l("Looking for: %(what)s", what=str(OPPORTUNITIES[Opportunity(value)]).lower())
            )
        return str(OPPORTUNITY_REASONS[value])
    if code == "near":
        place = areas.name_of(reason.place)
        if for_employer:
            return str(
                _l("Lives %(minutes)d minutes away, in %(place)s", minutes=value, place=place)
            )
        return str(_l("%(minutes)d minutes from %(place)s", minutes=value, place=place))
    if code == "weekpart":
        return str((EMPLOYER_WEEKPART_REASONS if for_employer else WEEKPART_REASONS)[value])
    return str(
        {
            "no_experience": _l("No experience needed"),
            "no_norwegian_needed": _l("No Norwegian needed"),
            "english_ok": _l("English is fine"),
        }[code]
    )


# Why the "I'm interested" button cannot be used, kindly.
NOT_POSSIBLE = {
    WhyNot.CLOSED: _l(
        "This listing is closed, so it cannot take interest any more. Have a look at the others!"
    ),
    WhyNot.TOO_YOUNG: _l(
        "This listing is for people aged %(age)d and over, because of the rules that protect young workers. Look for listings open to your age – there are many."
    ),
    WhyNot.ALREADY_INTERESTED: _l(
        "You have already said you are interested. Follow it under “My interests”."
    ),
    WhyNot.NOT_DISCOVERABLE: _l("This young person cannot be invited."),
}


def not_possible_text(reason: WhyNot, listing: Any) -> str:
    if reason is WhyNot.TOO_YOUNG:
        return str(NOT_POSSIBLE[reason]) % {"age": listing.minimum_age}
    return str(NOT_POSSIBLE[reason])


# --- Someone else was quicker ----------------------------------------------------------------
# What a person is told when another person's step on the same thing won a moment earlier (or
# while their page was open), by the state the other step left it in.

DECIDED_MEANWHILE = {
    "approved": _l("Another moderator approved this a moment ago."),
    "changes_requested": _l("Another moderator asked for changes to this a moment ago."),
    "rejected": _l("Another moderator rejected this a moment ago."),
    "withdrawn": _l("The author took this back to change it, so there is nothing to decide now."),
}
CHANGED_MEANWHILE = _l("Someone changed this a moment ago. Here is how it stands now.")
CLOSED_UNANSWERED_MEANWHILE = _l(
    "This interest has closed by itself: nobody answered it within 14 working days. The young person was told kindly and may send interest again."
)


def decided_meanwhile(status: str) -> str:
    return str(DECIDED_MEANWHILE.get(status, CHANGED_MEANWHILE))


def organisation_changed_meanwhile(status: str) -> str:
    return str(
        _l("Another moderator changed this organisation a moment ago: it is now %(status)s.")
    ) % {"status": ORGANISATION_STATUS[status]}


def interest_moved_meanwhile(status: str) -> str:
    if status == "unanswered":
        return str(CLOSED_UNANSWERED_MEANWHILE)
    return str(
        _l("Someone in your organisation already moved this interest: it is now “%(status)s”.")
    ) % {"status": PIPELINE[status]}


def my_interest_changed_meanwhile(status: str) -> str:
    return str(_l("This changed a moment ago: it is now “%(status)s”.")) % {
        "status": INTEREST_STEPS[status][0]
    }


REPORT_CLOSED_MEANWHILE = _l("Another moderator closed this report a moment ago.")
ACCOUNT_CHANGED_MEANWHILE = _l(
    "Another member of staff changed this account a moment ago. Here is how it stands now."
)


# --- Counsellors ------------------------------------------------------------------------------

COUNSELLOR_FLAGS = {
    "waiting": (
        _l("Waiting too long"),
        _l("No offer 8 weeks after the first interest"),
    ),
    "unanswered": (
        _l("Unanswered"),
        _l("An interest has had no answer for 10 working days"),
    ),
    "trial_not_evaluated": (
        _l("Trial without evaluation"),
        _l("A job trial has ended and its evaluation is not complete"),
    ),
    "inactive": (
        _l("Inactive"),
        _l("Has not been active in Jobbes for 30 days"),
    ),
    "profile_sent_back": (
        _l("Profile not fixed"),
        _l("The profile was sent back for changes more than 7 days ago"),
    ),
}

CASELOAD_SORTS = {
    "flags": _l("Most warning signs first"),
    "name": _l("Name"),
    "age": _l("Age group"),
    "profile": _l("Least complete profile first"),
    "activity": _l("Quiet longest first"),
}

AGE_BANDS = {
    "15-17": _l("15–17 years"),
    "18-24": _l("18–24 years"),
    "25-30": _l("25–30 years"),
    "31+": _l("Over 30"),
}

TIMELINE = {
    "joined": _l("Joined Jobbes"),
    "consent": _l("Let you follow them"),
    "profile_sent": _l("Sent the profile for review"),
    "suggested": _l("A counsellor suggested a listing"),
}

PROFILE_DECISIONS = {
    "approved": _l("The profile was approved"),
    "changes_requested": _l("The profile was sent back for changes"),
    "rejected": _l("The profile was not approved"),
    "withdrawn": _l("The young person took the profile back from review"),
}

# An interest's steps as a counsellor reads them (the employer's words, but not "by you").
COUNSELLOR_STEPS = {**PIPELINE, "invited": _l("Invited by the employer to apply")}
