"""Every model, imported here so that Alembic and the mapper registry see them all."""

from jobbes.models.accounts import LoginSession, Role, User
from jobbes.models.agreements import (
    Agreement,
    AgreementDay,
    AgreementEvent,
    AgreementGoal,
    AgreementSignature,
    AgreementStatus,
    GuardianLink,
    PoliceCertificateHandling,
    SignatureRole,
)
from jobbes.models.base import Base
from jobbes.models.catalogue import CatalogueVersion
from jobbes.models.evaluations import (
    OFFERS,
    Attendance,
    ContractKind,
    Evaluation,
    FollowUp,
    NowDoing,
    Outcome,
)
from jobbes.models.interests import (
    PULLED_BACK,
    DeclineMessage,
    Interest,
    InterestEvent,
    InterestStatus,
)
from jobbes.models.listings import Listing, ListingStatus, ListingVersion
from jobbes.models.meetings import Meeting, MeetingKind, MeetingSlot, MeetingStatus
from jobbes.models.messages import Message, ReportedMessage, Side
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
    "OFFERS",
    "PULLED_BACK",
    "Agreement",
    "AgreementDay",
    "AgreementEvent",
    "AgreementGoal",
    "AgreementSignature",
    "AgreementStatus",
    "AlertFrequency",
    "Attendance",
    "AuditEvent",
    "Base",
    "CatalogueVersion",
    "Category",
    "Channel",
    "ContractKind",
    "DeclineMessage",
    "Delivery",
    "DeliveryStatus",
    "Evaluation",
    "FollowUp",
    "Frequency",
    "GuardianLink",
    "Interest",
    "InterestEvent",
    "InterestStatus",
    "Listing",
    "ListingStatus",
    "ListingVersion",
    "LoginSession",
    "Meeting",
    "MeetingKind",
    "MeetingSlot",
    "MeetingStatus",
    "Message",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "NowDoing",
    "Organisation",
    "OrganisationDetails",
    "OrganisationStatus",
    "Outcome",
    "PhoneNumber",
    "PoliceCertificateHandling",
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
    "ReportedMessage",
    "ReviewStatus",
    "Role",
    "SavedSearch",
    "SavedSearchListing",
    "Side",
    "SignatureRole",
    "SmsLink",
    "User",
]
