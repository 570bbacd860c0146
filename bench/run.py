"""Load-test Jobbes under gunicorn with wrk, and report each page as a ratio to a bare route.

    .venv/bin/python bench/run.py                      # SQLite, 100,000 listings, 50,000 profiles
    .venv/bin/python bench/run.py --database postgresql+psycopg://postgres@127.0.0.1:55432/bench

It prepares a database (migrations, `jobbes seed-bulk`, `jobbes optimize-db`; a SQLite file is
kept under bench/results/ and reused), starts gunicorn with the production settings and the
baseline route, logs in as a bulk young person and a bulk employer, and runs wrk against:

- the bare route: one indexed query, twenty rows, a small template (the yardstick);
- /listings with a query and two filters, as a full page and as the htmx fragment (the popular
  search: the same request again and again);
- the long tail (bench/longtail.lua): a different search for every request, words, kinds, a
  field, an area, an order and a page at random, as a full page and as the fragment;
- one listing's page;
- /me (a young person's recommendations) and an employer's suggestions for one listing,
  measured one request at a time for their latency budgets.

Search results are kept rendered between requests (jobbes/page_cache.py): the popular search is
then served from memory, the long tail hardly ever. Both are measured again on a second server
with PAGE_CACHE_SIZE=0, where every request searches the database and renders, and the long tail
on a third that also remembers no result card (CARD_CACHE_SIZE=0).

Each page runs in turns with the bare route on the same server (three rounds), and is reported
as the middle of its ratios: a busy two-core machine moves absolute figures by a third from one
minute to the next, the ratio much less. Nothing is asserted on absolute times; the table goes
to bench/results/. Needs wrk (apt-get install wrk).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
VENV = ROOT / ".venv" / "bin"
LUA = ROOT / "bench" / "report.lua"
LONG_TAIL = ROOT / "bench" / "longtail.lua"  # a different search for every request

BUDGETS = {  # page: (what is measured, the budget)
    "search page": ("ratio", 0.8),
    "search fragment": ("ratio", 0.8),
    "search page, nothing kept": ("ratio", 0.5),
    "search fragment, nothing kept": ("ratio", 0.7),
    "long-tail page, nothing kept": ("ratio", 0.5),
    "long-tail fragment, nothing kept": ("ratio", 0.7),
    "recommendations (/me)": ("p95_ms", 25.0),
    "suggestions for a listing": ("p95_ms", 100.0),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(VENV / "flask"), "--app", "wsgi", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def lookup(env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run(
        [str(VENV / "python"), str(ROOT / "bench" / "lookup.py")],
        cwd=ROOT,
        env={**env, "PYTHONPATH": str(ROOT)},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout)


def prepare_database(url: str, listings: int, profiles: int, env: dict[str, str]) -> None:
    env = {**env, "DATABASE_URL": url}
    flask(env, "db", "upgrade")
    if int(lookup(env)["listings"] or 0) < listings:  # type: ignore[arg-type]
        print(f"seeding {listings} listings and {profiles} profiles ...", flush=True)
        counts = ["--listings", str(listings), "--profiles", str(profiles)]
        # seed-bulk refuses to run in production, which is what the server runs as.
        print(flask({**env, "JOBBES_ENV": "development"}, "jobbes", "seed-bulk", *counts).strip())
        flask(env, "jobbes", "optimize-db")


def log_in(base: str, email: str, password: str) -> str:
    """The cookies of a fresh login, as a Cookie header value.

    Production cookies are marked Secure and this runs over plain HTTP on the loopback, so the
    cookies are carried by hand rather than by a cookie jar that would rightly refuse them.
    """
    cookies: dict[str, str] = {}

    def request(path: str, data: bytes | None = None) -> str:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(urllib.request.Request(base + path, data=data, headers=headers))
        except urllib.error.HTTPError as redirect:  # the 303 after a successful login
            response = redirect
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name] = rest.split(";", 1)[0]
        return response.read().decode()

    page = request("/auth/login")
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    request(
        "/auth/login",
        urllib.parse.urlencode(
            {"csrf_token": token, "email": email, "password": password}
        ).encode(),
    )
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def wrk(
    url: str,
    *,
    connections: int,
    duration: int,
    headers: dict[str, str],
    script: Path = LUA,
) -> dict[str, float]:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-s",
        str(script),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    report = json.loads(output[output.index("JSON") + 4 :])
    if report["non_2xx"]:
        raise SystemExit(f"{url} answered {report['non_2xx']} non-2xx responses: check the setup")
    return report


@contextlib.contextmanager
def serve(env: dict[str, str], workers: int) -> Iterator[str]:
    """gunicorn with the production settings, until the block ends; yields its base URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = ["-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", "wsgi:app"]
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), *command], cwd=ROOT, env=env, start_new_session=True
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz").read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


Page = tuple[str, dict[str, str], Path]  # the URL, request headers, the wrk script


def measure(
    pages: dict[str, Page],
    bare: str,
    args: argparse.Namespace,
    *,
    connections: int,
) -> dict[str, dict[str, float]]:
    """Each page in turns with the bare route, so both meet the same conditions on a busy
    machine; the page's figures are from the turn with the middle ratio of the rounds."""
    results = {}
    for name, (target, headers, script) in pages.items():
        wrk(target, connections=2, duration=2, headers=headers, script=script)  # warm up
        turns = []
        for _ in range(args.rounds):
            yardstick = wrk(bare, connections=connections, duration=args.duration, headers={})
            report = wrk(
                target,
                connections=connections,
                duration=args.duration,
                headers=headers,
                script=script,
            )
            ratio = report["requests_per_s"] / yardstick["requests_per_s"]
            turns.append({**report, "ratio": ratio, "bare_per_s": yardstick["requests_per_s"]})
        turns.sort(key=lambda turn: turn["ratio"])
        results[name] = {
            **turns[len(turns) // 2],
            "ratio_min": turns[0]["ratio"],
            "ratio_max": turns[-1]["ratio"],
        }
        print(
            f"  {name}: {results[name]['requests_per_s']:.0f} req/s, "
            f"{results[name]['ratio']:.2f} × bare, p95 {results[name]['p95_ms']:.1f} ms",
            flush=True,
        )
    return results


def searches(base: str, suffix: str, search: str) -> dict[str, Page]:
    """The popular search (the same one again and again) and the long tail (a new one each
    time, bench/longtail.lua), each as a full page and as the htmx fragment."""
    fragment = {"HX-Request": "true", "HX-Target": "section#results"}
    return {
        f"search page{suffix}": (base + search, {}, LUA),
        f"search fragment{suffix}": (base + search, fragment, LUA),
        f"long-tail page{suffix}": (base + "/listings", {}, LONG_TAIL),
        f"long-tail fragment{suffix}": (base + "/listings", fragment, LONG_TAIL),
    }


def table(results: dict[str, dict[str, float]], args: argparse.Namespace, kind: str) -> str:
    lines = [
        f"Jobbes benchmark: {kind}, {args.listings} listings, {args.profiles} profiles, "
        f"gunicorn {args.workers} workers. Each page ran {args.rounds} times for "
        f"{args.duration} s, each time right after the bare route with the same number of wrk "
        f"connections ({args.connections}; 1 for the latency budgets); the middle ratio is "
        "shown, with its range.",
        "",
        "| page | req/s | bare req/s | ratio to bare (range) | p50 ms | p95 ms | p99 ms | budget |",
        "|---|---:|---:|---|---:|---:|---:|---|",
    ]
    for name, report in results.items():
        budget = ""
        if name in BUDGETS:
            measure, limit = BUDGETS[name]
            value = report["ratio"] if measure == "ratio" else report["p95_ms"]
            met = value >= limit if measure == "ratio" else value <= limit
            budget = f"≥ {limit} × bare" if measure == "ratio" else f"p95 ≤ {limit:.0f} ms"
            budget += " met" if met else " NOT met"
        lines.append(
            f"| {name} | {report['requests_per_s']:.0f} | {report['bare_per_s']:.0f} | "
            f"{report['ratio']:.2f} ({report['ratio_min']:.2f}–{report['ratio_max']:.2f}) | "
            f"{report['p50_ms']:.1f} | {report['p95_ms']:.1f} | {report['p99_ms']:.1f} | "
            f"{budget} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="", help="a SQLAlchemy URL; default a SQLite file")
    parser.add_argument("--listings", type=int, default=100_000)
    parser.add_argument("--profiles", type=int, default=50_000)
    parser.add_argument("--duration", type=int, default=5, help="seconds a run")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    RESULTS.mkdir(parents=True, exist_ok=True)
    url = args.database or f"sqlite:///{RESULTS / f'bench-{args.listings}-{args.profiles}.db'}"
    kind = "postgresql" if url.startswith("postgres") else "sqlite"
    env = {
        **os.environ,
        "JOBBES_ENV": "production",
        "SECRET_KEY": "benchmark-only",
        "MAIL_SERVER": "localhost",
        "JOBBES_BENCH_ROUTES": "1",
        "RATELIMIT_ENABLED": "false",
        "DATABASE_URL": url,
    }
    prepare_database(url, args.listings, args.profiles, env)
    ids = lookup(env)
    search = "/listings?q=kj%C3%B8kken&type=job_trial&field=food_restaurant"

    with serve(env, args.workers) as base:
        young_cookie = log_in(base, f"bulk-young-{ids['young']}@example.no", "bulk-password")
        employer_cookie = log_in(base, ids["employer"], "bulk-password")
        bare = base + "/bench/bare"
        pages = searches(base, "", search)
        pages["listing page"] = (base + f"/listings/{ids['listing']}", {}, LUA)
        results = measure(pages, bare, args, connections=args.connections)
        one_at_a_time = {
            "recommendations (/me)": (base + "/me", {"Cookie": young_cookie}, LUA),
            "suggestions for a listing": (
                base + f"/employer/listings/{ids['listing']}/suggestions",
                {"Cookie": employer_cookie},
                LUA,
            ),
        }
        results |= measure(one_at_a_time, bare, args, connections=1)
    print("again with nothing kept (PAGE_CACHE_SIZE=0):", flush=True)
    with serve({**env, "PAGE_CACHE_SIZE": "0"}, args.workers) as base:
        pages = searches(base, ", nothing kept", search)
        results |= measure(pages, base + "/bench/bare", args, connections=args.connections)
    # Result cards are remembered by all they show (CARD_CACHE_SIZE): not kept results, as the
    # search runs every time, but the long tail is measured without them too.
    print("the long tail with nothing kept and no card remembered (CARD_CACHE_SIZE=0):", flush=True)
    with serve({**env, "PAGE_CACHE_SIZE": "0", "CARD_CACHE_SIZE": "0"}, args.workers) as base:
        suffix = ", nothing kept, no card remembered"
        pages = {
            name: page for name, page in searches(base, suffix, search).items() if "long" in name
        }
        results |= measure(pages, base + "/bench/bare", args, connections=args.connections)

    text = table(results, args, kind)
    print("\n" + text)
    (RESULTS / f"{kind}.md").write_text(text + "\n")
    (RESULTS / f"{kind}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
