"""Every model, imported here so that Alembic and the mapper registry see them all."""

from jobbes.models.accounts import LoginSession, Role, User
from jobbes.models.base import Base
from jobbes.models.catalogue import CatalogueVersion
from jobbes.models.indicators import IndicatorCount, IndicatorRefresh
from jobbes.models.interests import (
    PULLED_BACK,
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
)
from jobbes.models.listings import Listing, ListingStatus, ListingVersion
from jobbes.models.moderation import (
    AuditEvent,
    RejectionReason,
    Report,
    ReportReason,
    ReportStatus,
    ReviewStatus,
)
from jobbes.models.notifications import (
    Category,
    Channel,
    Delivery,
    DeliveryStatus,
    Frequency,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from jobbes.models.organisations import (
    Organisation,
    OrganisationDetails,
    OrganisationStatus,
    RegisterCheck,
)
from jobbes.models.phones import PhoneNumber, SmsLink
from jobbes.models.profiles import (
    Profile,
    ProfileField,
    ProfileLanguage,
    ProfileOpportunity,
    ProfileSkill,
    ProfileSubmission,
)
from jobbes.models.saved_searches import AlertFrequency, SavedSearch, SavedSearchListing

__all__ = [
    "PULLED_BACK",
    "AlertFrequency",
    "AuditEvent",
    "Base",
    "CatalogueVersion",
    "Category",
    "Channel",
    "DeclineMessage",
    "Delivery",
    "DeliveryStatus",
    "Frequency",
    "IndicatorCount",
    "IndicatorRefresh",
    "Interest",
    "InterestEvent",
    "InterestStatus",
    "Listing",
    "ListingStatus",
    "ListingVersion",
    "LoginSession",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Organisation",
    "OrganisationDetails",
    "OrganisationStatus",
    "PhoneNumber",
    "Profile",
    "ProfileField",
    "ProfileLanguage",
    "ProfileOpportunity",
    "ProfileSkill",
    "ProfileSubmission",
    "RegisterCheck",
    "RejectionReason",
    "Report",
    "ReportReason",
    "ReportStatus",
    "ReviewStatus",
    "Role",
    "SavedSearch",
    "SavedSearchListing",
    "SmsLink",
    "User",
]
