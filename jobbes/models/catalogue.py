"""The catalogue's version: one number that goes up whenever a listing or an organisation changes.

Database triggers (migration 0007) raise it, so no code path can forget to, and the number moves
in commit order: on PostgreSQL the triggers run when a transaction commits, when it takes the
row's lock last and holds it for an instant. Anything kept because of what listings showed
(rendered search results) is kept under the number it was made at, and no longer used once the
number has moved on.
"""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from jobbes.models.base import Base


class CatalogueVersion(Base):
    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(primary_key=True)  # there is only ever row 1
    number: Mapped[int] = mapped_column(default=0)
