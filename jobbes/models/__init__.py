"""Every model, imported here so that Alembic and the mapper registry see them all."""

from jobbes.models.accounts import Role, User
from jobbes.models.base import Base
from jobbes.models.organisations import Organisation, OrganisationStatus
from jobbes.models.profiles import Profile

__all__ = ["Base", "Organisation", "OrganisationStatus", "Profile", "Role", "User"]
