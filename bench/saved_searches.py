"""Time the daily saved-search run: 10,000 saved searches against 1,000 new listings.

    .venv/bin/python bench/saved_searches.py                  # a temporary SQLite file
    .venv/bin/python bench/saved_searches.py --database postgresql+psycopg://...  # emptied first

It migrates an empty database, adds 5,000 older listings and 2,500 young people (`seed-bulk`'s
generator), gives each person four saved searches drawn the way people search (a word or two,
a kind, a field, a place, a few ticks), then 1,000 listings published since the searches last
ran, and times `run_saved_search_alerts` once, counting its SQL statements. The budget (issue
12) is 60 s on the project's two-core machine; nothing is asserted, the figures are printed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("JOBBES_ENV", "test")
os.environ.setdefault("SECRET_KEY", "bench")

from alembic import command
from sqlalchemy import event, insert, select, text

from jobbes import areas, create_app
from jobbes.cli import alembic_config
from jobbes.db import db
from jobbes.models import AlertFrequency, Role, SavedSearch, User
from jobbes.models.base import utcnow
from jobbes.seed import bulk
from jobbes.services import saved_searches
from jobbes.services.saved_searches import local_date
from jobbes.vocabulary import ListingType, OccupationalField

WORDS = [
    "kjøkken",
    "butikk",
    "barnehage",
    "lager",
    "kafé",
    "sommer",
    "hotell",
    "bil",
    "kontor",
    "maler",
    "servitør",
    "kokk",
    "selger",
    "guide",
    "sveiser",
    "tømrer",
    "frisør",
    "data",
]


def a_search(rng: random.Random) -> str:
    """One person's search: mostly a word or a filter or two, sometimes more."""
    args: list[tuple[str, str]] = []
    if rng.random() < 0.6:
        args.append(("q", " ".join(rng.sample(WORDS, rng.choice((1, 1, 1, 2))))))
    if rng.random() < 0.4:
        args.extend(("type", t.value) for t in rng.sample(list(ListingType), rng.randint(1, 2)))
    if rng.random() < 0.4:
        args.append(("field", rng.choice(list(OccupationalField)).value))
    if rng.random() < 0.3:
        args.append(("area", rng.choice(areas.CODES)))
    for tick in ("no_experience", "paid", "my_age"):
        if rng.random() < 0.15:
            args.append((tick, "y"))
    return saved_searches.canonical_query(args)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="a SQLAlchemy URL (default: a temporary SQLite file)")
    parser.add_argument("--searches-per-person", type=int, default=4)
    parser.add_argument("--searches", type=int, default=10_000)
    parser.add_argument("--new-listings", type=int, default=1_000)
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="jobbes-bench-")
    try:
        run(options.database or f"sqlite:///{workdir}/bench.db", options)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def run(url: str, options: argparse.Namespace) -> None:

    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        if db.get_bind().dialect.name == "postgresql":
            db.execute(text("DROP SCHEMA public CASCADE"))
            db.execute(text("CREATE SCHEMA public"))
            db.commit()
        command.upgrade(alembic_config(), "head")

        now = utcnow()
        today = local_date(now)
        people = options.searches // options.searches_per_person
        started = time.perf_counter()
        bulk.seed(db, listings=5_000, profiles=people, today=today, now=now - timedelta(days=3))
        young = db.scalars(select(User.id).where(User.role == Role.YOUNG_PERSON)).all()
        rng = random.Random(12)  # noqa: S311 - a repeatable mix of searches, not a secret
        ran_before = now - timedelta(days=2)
        rows = [
            {
                "user_id": user_id,
                "name": f"Søk {n}",
                "query": a_search(rng),
                "frequency": AlertFrequency.WEEKLY if rng.random() < 0.2 else AlertFrequency.DAILY,
                "weekday": today.weekday(),
                "created_at": ran_before,
                "alerts_until": now + timedelta(days=90),
                "last_run_at": ran_before,
                "last_seen_at": ran_before,
            }
            for user_id in young
            for n in range(options.searches_per_person)
        ]
        db.execute(insert(SavedSearch), rows)
        bulk.seed(db, listings=options.new_listings, profiles=0, today=today, now=now)
        db.commit()
        db.execute(text("ANALYZE"))
        db.commit()
        print(
            f"seeded in {time.perf_counter() - started:.1f} s: {len(rows)} saved searches of "
            f"{len(young)} people, {options.new_listings} new listings on {url.split(':')[0]}"
        )

        statements = 0

        def count(*_args: object) -> None:
            nonlocal statements
            statements += 1

        event.listen(db.get_bind(), "before_cursor_execute", count)
        started, cpu = time.perf_counter(), time.process_time()
        result = saved_searches.run_saved_search_alerts(db, now)
        db.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        event.remove(db.get_bind(), "before_cursor_execute", count)
        print(
            f"run_saved_search_alerts: {elapsed:.1f} s ({cpu:.1f} s of CPU in this process, "
            f"the rest waiting on the database or a busy machine), {statements} SQL statements; "
            f"{result.searches_run} searches ({result.filter_sets} distinct filter sets), "
            f"{result.alerts} alerts, {result.listings_sent} listings sent "
            f"(budget: 60 s on 2 cores)"
        )


if __name__ == "__main__":
    main()
