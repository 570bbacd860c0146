"""The indicators page over 100,000 listings, 50,000 profiles and 200,000 interests (budget:
p95 ≤ 300 ms), measured in process, one request at a time, as a moderator would use it.

    .venv/bin/python bench/indicators.py [--database URL] [--requests 200]

It migrates the database and, unless it already holds them, adds the listings, profiles and a
year of interests with `seed-bulk` (a SQLite file is kept in bench/results/ for the next run),
then counts the programme's numbers once (`refresh-indicators`, the worker's hourly job: its
time is reported too) and asks for the page with a different mix of filters each time: each
period kind, the age bands, areas and kinds of listing, and the CSV. Wall time includes the
database's own work (on PostgreSQL, the server's); CPU time is this process's only. Nothing is
asserted; the figures go to standard output.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JOBBES_ENV", "development")

BUDGET_MS = 300.0
LISTINGS, PROFILES, INTERESTS = 100_000, 50_000, 200_000


def urls(count: int, today: object, seed: int = 15) -> list[str]:
    from jobbes.areas import CODES
    from jobbes.services.indicators import AGE_BANDS, LISTING_TYPES, choosable_periods

    periods = [p.key for kind in choosable_periods(today).values() for p in kind[:4]]  # type: ignore[arg-type]
    rng = random.Random(seed)  # noqa: S311 - a fixed sample of requests, not a secret
    found = []
    for n in range(count):
        parts = [f"period={rng.choice(periods)}"]
        if rng.random() < 0.3:
            parts.append(f"age_band={rng.choice(AGE_BANDS)}")
        if rng.random() < 0.3:
            parts.append(f"area={rng.choice(CODES)}")
        if rng.random() < 0.3:
            parts.append(f"listing_type={rng.choice(LISTING_TYPES)}")
        path = (
            "/moderation/indicators.csv?table=funnel&" if n % 10 == 9 else "/moderation/indicators?"
        )
        found.append(path + "&".join(parts))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = f"sqlite:///{ROOT / 'bench' / 'results' / 'indicators-100000-50000-200000.db'}"
    parser.add_argument("--database", default=default)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    (ROOT / "bench" / "results").mkdir(exist_ok=True)

    from alembic import command
    from sqlalchemy import func, select, text

    from jobbes import create_app
    from jobbes.cli import alembic_config
    from jobbes.db import db
    from jobbes.models import Interest, Listing, Role
    from jobbes.models.base import local_today, utcnow
    from jobbes.seed import bulk
    from jobbes.services import accounts, indicators

    app = create_app(
        {
            "DATABASE_URL": args.database,
            "HUEY_IMMEDIATE": False,
            "HUEY_FILENAME": str(ROOT / "bench" / "results" / "indicators-huey.db"),
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    email = "bench-indicators@example.no"
    password = "bench-indicators"  # noqa: S105 - a local benchmark account
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        started = time.perf_counter()
        if (db.scalar(select(func.count()).select_from(Listing)) or 0) < LISTINGS:
            print(f"seeding {LISTINGS} listings and {PROFILES} profiles ...", flush=True)
            bulk.seed(db, listings=LISTINGS, profiles=PROFILES, today=local_today(), now=utcnow())
            db.commit()
        if (db.scalar(select(func.count()).select_from(Interest)) or 0) < INTERESTS:
            print(f"seeding {INTERESTS} interests ...", flush=True)
            print(bulk.seed_interests(db, count=INTERESTS, today=local_today(), now=utcnow()))
            db.commit()
            db.execute(text("ANALYZE"))
            db.commit()
        if started and time.perf_counter() - started > 1:
            print(f"seeded in {time.perf_counter() - started:.0f} s", flush=True)
        if accounts.find_user_by_email(db, email) is None:
            accounts.create_staff(db, email=email, password=password, role=Role.MODERATOR, name="B")
            db.commit()
        cpu, wall = time.process_time(), time.perf_counter()
        rows = indicators.refresh(db, today=local_today(), now=utcnow())
        db.commit()
        refresh_wall, refresh_cpu = time.perf_counter() - wall, time.process_time() - cpu
        counts = {
            "listings": db.scalar(select(func.count()).select_from(Listing)),
            "interests": db.scalar(select(func.count()).select_from(Interest)),
        }

    client = app.test_client()
    answer = client.post("/auth/login", data={"email": email, "password": password})
    assert answer.status_code in (302, 303), answer.status_code
    wanted = urls(args.requests, local_today())
    for url in wanted[:10]:  # warm up: templates compiled, statements cached
        assert client.get(url).status_code == 200, url
    walls, cpus = [], []
    for url in wanted:
        cpu, wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    print(f"database: {args.database.split(':')[0]}, {counts} (and 50,000 profiles)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"refresh (the hourly job): {refresh_wall:.1f} s wall, {refresh_cpu:.1f} s CPU, {rows} rows"
    )
    print(
        f"indicators page, {len(walls)} requests: wall p50 {statistics.median(walls):.1f} ms, "
        f"p95 {p95(walls):.1f} ms; CPU p50 {statistics.median(cpus):.1f} ms, p95 {p95(cpus):.1f} ms"
    )
    verdict = "within" if p95(walls) <= BUDGET_MS else "OVER"
    print(f"{verdict} the {BUDGET_MS:.0f} ms budget (p95, wall)")


if __name__ == "__main__":
    main()
