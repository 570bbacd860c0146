"""People who log in to Jobbes, and the role each has."""

from __future__ import annotations

import enum
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobbes.models.base import NEVER_REUSE_IDS, Base, UTCDateTime, string_enum, utcnow

if TYPE_CHECKING:
    from jobbes.models.organisations import Organisation
    from jobbes.models.phones import PhoneNumber
    from jobbes.models.profiles import Profile


class Role(enum.StrEnum):
    YOUNG_PERSON = "young_person"
    EMPLOYER = "employer"
    MODERATOR = "moderator"
    ADMIN = "admin"
    COUNSELLOR = "counsellor"  # a veileder who follows young people with their consent
    # The municipality's programme staff: read-only, the programme's numbers and nothing else.
    PROGRAMME = "programme"


# The password hash of a colleague invited but not yet joined: not Argon2, so nothing matches.
UNUSABLE_PASSWORD = "!invited"  # noqa: S105 - a marker, not a password


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(Base):
    __tablename__ = "users"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, which makes the unique index case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(string_enum(Role), index=True)
    # What Jobbes calls the person: a young person's first name or nickname, an employer's name.
    name: Mapped[str] = mapped_column(String(100))
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), index=True
    )
    # Every login carries this token, not the id: changing it logs out every device.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Set by a moderator; a suspended person cannot log in and is told why.
    # Indexed: every public list leaves out what suspended people put up (`services.visibility`).
    suspended_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    suspended_reason: Mapped[str | None] = mapped_column(Text)
    # None until the person follows the link emailed at registration (or a reset or invitation
    # link, which proves the same); an unconfirmed account cannot log in.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # What a person made moderator was before, so that taking the role away gives it back.
    former_role: Mapped[Role | None] = mapped_column(string_enum(Role))
    # What emails and texts to this person are written in; the language switcher sets it.
    language: Mapped[str] = mapped_column(String(5), default="nb", server_default="nb")

    organisation: Mapped[Organisation | None] = relationship(
        back_populates="members", foreign_keys=[organisation_id]
    )
    phone: Mapped[PhoneNumber | None] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False, passive_deletes=True
    )
    profile: Mapped[Profile | None] = relationship(
        back_populates="user", cascade="all, delete-orphan", uselist=False
    )

    # The four members Flask-Login asks of a user, written out so models need not import it.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.suspended_at is None

    @property
    def login_token(self) -> str | None:
        """The device login (a LoginSession token) this object was loaded for; not a column."""
        token = self.__dict__.get("_login_token")
        return token if isinstance(token, str) else None

    @login_token.setter
    def login_token(self, token: str | None) -> None:
        self.__dict__["_login_token"] = token

    def get_id(self) -> str:
        return f"{self.session_token}:{self.login_token}"

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role.value}>"


class LoginSession(Base):
    """One device's login: deleting the row logs out that device, wherever its cookies are."""

    __tablename__ = "login_sessions"

    token: Mapped[str] = mapped_column(String(64), primary_key=True, default=new_session_token)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
