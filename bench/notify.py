"""What causing a notification adds to a request, measured in process (budget: 2 ms).

    .venv/bin/python bench/notify.py [--database URL] [--rounds 300]

Each round is one transaction as a view makes it: a small update and a commit (the baseline),
or the same plus `notify()` to a person who gets email at once, which writes the notification and
its outbox row and, after the commit, puts a `deliver` task on the queue (SqliteHuey in a file
here; RedisHuey in production). Nothing is sent: no worker runs. The figure is the difference of
the medians (and of the 95th percentiles); nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("JOBBES_ENV", "development")

BUDGET_MS = 2.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", default="")
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--redis", default="", help="a Redis URL: RedisHuey, as in production")
    args = parser.parse_args()

    from alembic import command
    from sqlalchemy import update

    from jobbes import create_app
    from jobbes.cli import alembic_config
    from jobbes.db import db
    from jobbes.models import NotificationKind, User
    from jobbes.models.base import local_today, utcnow
    from jobbes.services import accounts, notifications

    folder = Path(tempfile.mkdtemp(prefix="jobbes-bench-notify-"))
    url = args.database or f"sqlite:///{folder / 'jobbes.db'}"
    app = create_app(
        {
            "DATABASE_URL": url,
            "HUEY_IMMEDIATE": False,
            "HUEY_FILENAME": str(folder / "huey.db"),
            "REDIS_URL": args.redis,
        }
    )
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        young = accounts.register_young_person(
            db,
            email=f"bench-{time.time_ns()}@example.no",
            password=secrets.token_urlsafe(16),
            name="Bench",
            birth_date=local_today() - timedelta(days=19 * 366),
            today=local_today(),
        )
        db.commit()
        user_id = young.id

    inside: list[float] = []  # the inserts alone, before the commit

    def one(with_notification: bool) -> float:
        with app.app_context():
            started = time.perf_counter()
            db.execute(update(User).where(User.id == user_id).values(last_login_at=utcnow()))
            if with_notification:
                before = time.perf_counter()
                user = db.get(User, user_id)
                notifications.notify(
                    db,
                    user,
                    NotificationKind.INTEREST_OFFERED,
                    link="/me/interests",
                    params={"listing": "Kjøkkenhjelp", "organisation": "Kafé AS"},
                    now=utcnow(),
                )
                inside.append((time.perf_counter() - before) * 1000)
            db.commit()
            return (time.perf_counter() - started) * 1000

    for _ in range(20):  # warm up both paths
        one(False)
        one(True)
    base, told = [], []
    inside.clear()
    for _ in range(args.rounds):
        base.append(one(False))
        told.append(one(True))

    def p95(values: list[float]) -> float:
        return statistics.quantiles(values, n=20)[-1]

    added = statistics.median(told) - statistics.median(base)
    added95 = p95(told) - p95(base)
    queue = "RedisHuey" if args.redis else "SqliteHuey"
    print(f"database: {url.split(':')[0]}, queue: {queue}, {args.rounds} rounds")
    print(f"transaction without notification: median {statistics.median(base):.2f} ms")
    print(f"transaction with notification:    median {statistics.median(told):.2f} ms")
    print(
        f"notify() itself (inserts, before the commit): {statistics.median(inside):.2f} ms median"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    verdict = "within" if added <= BUDGET_MS else "OVER"
    print(
        f"a notification adds: median {added:.2f} ms, p95 {added95:.2f} ms "
        f"({verdict} the {BUDGET_MS:.0f} ms budget)"
    )


if __name__ == "__main__":
    main()
