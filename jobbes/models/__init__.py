"""Every model, imported here so that Alembic and the mapper registry see them all."""

from jobbes.models.accounts import LoginSession, Role, User
from jobbes.models.base import Base
from jobbes.models.catalogue import CatalogueVersion
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
from jobbes.models.profiles import (
    Profile,
    ProfileField,
    ProfileLanguage,
    ProfileOpportunity,
    ProfileSkill,
    ProfileSubmission,
)

__all__ = [
    "PULLED_BACK",
    "AuditEvent",
    "Base",
    "CatalogueVersion",
    "Category",
    "Channel",
    "DeclineMessage",
    "Delivery",
    "DeliveryStatus",
    "Frequency",
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
    "User",
]
