"""The version of the listings catalogue that whatever is kept because of it is kept under.

See `jobbes.models.catalogue`: triggers raise the number whenever a listing or an organisation
changes in any way, so the number alone says whether something made from listings may be old.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import CatalogueVersion


def version(session: Session) -> int:
    return session.scalar(select(CatalogueVersion.number).where(CatalogueVersion.id == 1)) or 0
