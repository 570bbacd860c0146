"""CPU time per request, in process, as a ratio to the bare route: a second yardstick for a busy
machine, where wrk's requests per second move with everyone else's work but a process's own CPU
time much less.

    .venv/bin/python bench/cpu.py [--database URL]   # after bench/run.py has seeded it

Nothing is kept (PAGE_CACHE_SIZE=0). The long tail is 200 searches drawn as bench/longtail.lua
draws them (its word lists are read from it), the same 200 every run; each request is timed
three times and the least CPU time counts. The ratio is bare's CPU time over the page's: what
the page would reach against the bare route on a CPU-bound server.

Result cards are remembered by all they show (CARD_CACHE_SIZE, `memo` in jobbes/page_cache.py):
not kept results, but the best of three would always find them, so the long tail is measured
with the memo as the first pass over the 200 searches left it (its hit rate is printed), and
again with it turned off.

Last, the same long tail with the search itself answered for free (each search's page of cards
looked up in a dict, filled by a first pass): what is left is the request, the form and the
page around the cards, the floor no search engine can go below. If that floor is already under
a goal, the goal cannot be met by the search, only by the rest.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FRAGMENT = {"HX-Request": "true", "HX-Target": "section#results"}


def lua_list(source: str, name: str) -> list[str]:
    found = re.search(rf"local {name} = \{{(.*?)\}}", source, re.S)
    assert found is not None, name
    return re.findall(r'"([^"]*)"', found.group(1))


def long_tail(count: int, seed: int = 16) -> list[str]:
    source = (ROOT / "bench" / "longtail.lua").read_text()
    words, kinds = lua_list(source, "words"), lua_list(source, "kinds")
    fields, areas = lua_list(source, "fields"), lua_list(source, "areas")
    rng = random.Random(seed)  # noqa: S311 - a fixed sample of searches, not a secret
    urls = []
    for _ in range(count):
        parts = []
        if n := rng.randint(0, 2):
            parts.append("q=" + urllib.parse.quote(" ".join(rng.choice(words) for _ in range(n))))
        parts += [f"type={kind}" for kind in kinds if rng.random() < 0.2]
        if rng.random() < 0.5:
            parts.append("field=" + rng.choice(fields))
        if rng.random() < 0.5:
            parts.append("area=" + rng.choice(areas))
        if order := rng.choice(["", "newest", "deadline", "relevance"]):
            parts.append("sort=" + order)
        if (page := rng.randint(1, 4)) > 1:
            parts.append(f"page={page}")
        urls.append("/listings?" + "&".join(parts))
    return urls


def cpu_ms(client: object, url: str, headers: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        response = client.get(url, headers=headers)  # type: ignore[attr-defined]
        best = min(best, time.process_time() - start)
        assert response.status_code == 200, (url, response.status_code)
    return best * 1000


class ServerClock:
    """The CPU time of the PostgreSQL server on this machine (every process of its system user:
    the connections' backends, and through the postmaster's children's time, the parallel
    workers that came and went), read from /proc in clock ticks of 10 ms: too coarse for one
    request, so it is read around whole passes over the searches."""

    def __init__(self, user: str = "postgres") -> None:
        import pwd

        try:
            self.uid: int | None = pwd.getpwnam(user).pw_uid
        except KeyError:
            self.uid = None
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float:
        total = 0
        for process in Path("/proc").iterdir():
            if not process.name.isdigit():
                continue
            try:
                if process.stat().st_uid != self.uid:
                    continue
                fields = (process / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
        return total / self.tick


def pass_ms(
    client: object, clock: ServerClock, urls: list[str], headers: dict[str, str]
) -> tuple[float, float]:
    """CPU per request over a whole pass, the best of three passes: this process's, and the
    database server's."""
    best = (float("inf"), float("inf"))
    for _ in range(3):
        ours, theirs = time.process_time(), clock.seconds()
        for url in urls:
            client.get(url, headers=headers)  # type: ignore[attr-defined]
        spent = (time.process_time() - ours, clock.seconds() - theirs)
        best = min(best, spent, key=sum)
    ours, theirs = best
    return 1000 * ours / len(urls), 1000 * theirs / len(urls)


def wall_and_sql_ms(client: object, engine: Any, tail: list[str]) -> tuple[float, float]:
    """The long tail's wall time per request and the part of it spent inside SQL statements
    (SQLAlchemy's cursor events), each request the best of three: on SQLite, where the database
    runs in the process, how much of a search is the database's."""
    from sqlalchemy import event

    inside = [0.0]

    def before(conn: Any, *_args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def after(conn: Any, *_args: Any) -> None:
        inside[0] += time.perf_counter() - conn.info["bench_started"]

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    walls, sqls = [], []
    try:
        for url in tail:
            best = (float("inf"), 0.0)
            for _ in range(3):
                inside[0] = 0.0
                start = time.perf_counter()
                client.get(url)  # type: ignore[attr-defined]
                best = min(best, (time.perf_counter() - start, inside[0]))
            walls.append(best[0])
            sqls.append(best[1])
    finally:
        event.remove(engine, "before_cursor_execute", before)
        event.remove(engine, "after_cursor_execute", after)
    return 1000 * statistics.mean(walls), 1000 * statistics.mean(sqls)


def answered_for_free(client: object, tail: list[str], memo: Any) -> dict[str, float]:
    """The long tail's CPU time with `find_cards` a dict lookup (see the module's text)."""
    from jobbes.services import search

    real = search.find_cards
    answers: dict[str, Any] = {}

    def remembered(session: Any, criteria: Any, *, today: Any) -> Any:
        key = repr((criteria, today))
        if key not in answers:
            answers[key] = real(session, criteria, today=today)
        return answers[key]

    search.find_cards = remembered
    try:
        for url in tail:
            client.get(url)  # type: ignore[attr-defined]
        rows = {
            "long-tail page, search answered for free": statistics.mean(
                cpu_ms(client, url, {}) for url in tail
            ),
            "long-tail fragment, search answered for free": statistics.mean(
                cpu_ms(client, url, FRAGMENT) for url in tail
            ),
        }
        size, memo.size = memo.size, 0
        rows["long-tail page, search answered for free, cards not remembered"] = statistics.mean(
            cpu_ms(client, url, {}) for url in tail
        )
        rows["long-tail fragment, search answered for free, cards not remembered"] = (
            statistics.mean(cpu_ms(client, url, FRAGMENT) for url in tail)
        )
        memo.size = size
    finally:
        search.find_cards = real
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    default = f"sqlite:///{ROOT / 'bench' / 'results' / 'bench-100000-50000.db'}"
    parser.add_argument("--database", default=default)
    args = parser.parse_args()
    os.environ.update(
        DATABASE_URL=args.database,
        JOBBES_ENV="production",
        SECRET_KEY="benchmark-only",  # noqa: S106 - a local load test
        MAIL_SERVER="localhost",
        RATELIMIT_ENABLED="false",
        JOBBES_BENCH_ROUTES="1",
        PAGE_CACHE_SIZE="0",
    )
    sys.path.insert(0, str(ROOT))
    from jobbes import db
    from jobbes.page_cache import memo_of
    from wsgi import app

    clock = ServerClock()
    client = app.test_client()
    tail = long_tail(200)
    popular = "/listings?q=kj%C3%B8kken&type=job_trial&field=food_restaurant"
    for url in (*tail[:5], popular, "/bench/bare"):  # warm up: templates, statement caches
        client.get(url)
    memo = memo_of(app)
    memo.clear()
    memo.hits = memo.misses = 0
    for url in tail:
        client.get(url)
    hit_rate = memo.hits / max(1, memo.hits + memo.misses)
    bare = statistics.median(cpu_ms(client, "/bench/bare", {}) for _ in range(20))
    rows = {
        "search page": cpu_ms(client, popular, {}),
        "search fragment": cpu_ms(client, popular, FRAGMENT),
        "long-tail page": statistics.mean(cpu_ms(client, url, {}) for url in tail),
        "long-tail fragment": statistics.mean(cpu_ms(client, url, FRAGMENT) for url in tail),
    }
    size, memo.size = memo.size, 0
    rows["long-tail page, cards not remembered"] = statistics.mean(
        cpu_ms(client, url, {}) for url in tail
    )
    rows["long-tail fragment, cards not remembered"] = statistics.mean(
        cpu_ms(client, url, FRAGMENT) for url in tail
    )
    memo.size = size
    with app.app_context():
        engine = db.engine()
    wall, sql = wall_and_sql_ms(client, engine, tail)
    rows |= answered_for_free(client, tail, memo)
    kind = "postgresql" if args.database.startswith("postgres") else "sqlite"
    print(f"CPU time per request, {kind}, nothing kept; bare route {bare:.2f} ms")
    print(f"cards remembered: {hit_rate:.0%} of the first pass's cards were found (size {size})")
    print("| page | CPU ms | ratio to bare |\n|---|---:|---:|")
    for name, value in rows.items():
        print(f"| {name} | {value:.2f} | {bare / value:.2f} |")
    print(f"\nlong-tail page: {wall:.2f} ms wall time a request, {sql:.2f} ms of it in SQL")
    local = any(host in args.database for host in ("@127.0.0.1", "@localhost"))
    if args.database.startswith("postgres") and local and clock.uid is not None:
        # On PostgreSQL the figures above are the Python side only; under load the server's
        # work runs on the same cores. Both together, per request, over whole passes:
        both = {
            "bare route": pass_ms(client, clock, ["/bench/bare"] * 200, {}),
            "long-tail page": pass_ms(client, clock, tail, {}),
            "long-tail fragment": pass_ms(client, clock, tail, FRAGMENT),
        }
        total_bare = sum(both["bare route"])
        print("\nWith the database server's CPU (PostgreSQL), per request, best of three passes")
        print("| page | ours ms | server ms | both ms | ratio to bare |\n|---|---:|---:|---:|---:|")
        for name, (ours, theirs) in both.items():
            total = ours + theirs
            print(
                f"| {name} | {ours:.2f} | {theirs:.2f} | {total:.2f} | {total_bare / total:.2f} |"
            )


if __name__ == "__main__":
    main()
