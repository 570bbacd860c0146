"""The version of the listings catalogue that whatever is kept because of it is kept under.

See `jobbes.models.catalogue`: triggers raise the number whenever a listing or an organisation
changes in any way, so the number alone says whether something made from listings may be old.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobbes.models import CatalogueVersion

# Built once, and run on the connection rather than through the ORM: every search asks for the
# number, and building and running an ORM statement took four times as long as the query.
_NUMBER = select(CatalogueVersion.__table__.c.number).where(CatalogueVersion.__table__.c.id == 1)


def version(session: Session) -> int:
    return session.connection().execute(_NUMBER).scalar() or 0
