"""One stylesheet for every page, built from Designsystemet's and Jobbes' own.

Three stylesheets were three requests and 29 KB compressed on a first visit, most of it rules
for components Jobbes never shows (comboboxes, tabs, dialogs, avatars...). `build()` joins the
theme, the components and `static/css/jobbes.css` in the order the pages linked them, leaves out
every rule whose selectors all name a `ds-` class that no template, Python module, script or
stylesheet of Jobbes mentions, and drops comments and spaces. The vendored files stay as they
came from npm (static/vendor/README.md); the bundle is built by `make static`, and by the app at
start-up when it is missing or older than its sources.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
BUNDLE = "build/site.css"
SOURCES = (
    "vendor/designsystemet-css-1.22.0/designsystemet.css",
    "vendor/designsystemet-css-1.22.0/index.css",
    "css/jobbes.css",
)
# Where Jobbes names Designsystemet's classes.
USERS = ("templates/**/*.html", "jobbes/**/*.py", "static/js/*.js", "static/css/*.css")
# At-rules that hold rules (filtered inside); every other block (@keyframes...) is kept whole.
_GROUPS = ("@layer", "@media", "@supports", "@container")
_DS_CLASS = re.compile(r"\.(ds-[\w-]+)")
_DS_WORD = re.compile(r"\bds-[a-z0-9-]+")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def used_classes(root: Path = ROOT) -> set[str]:
    found: set[str] = set()
    for pattern in USERS:
        for path in root.glob(pattern):
            found.update(_DS_WORD.findall(path.read_text(encoding="utf-8")))
    return found


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level statements as (prelude, body); body is None for `@layer a, b;`. Braces inside
    strings do not count."""
    start = depth = 0
    prelude_end = -1
    quote = ""
    for i, char in enumerate(css):
        if quote:
            quote = "" if char == quote and css[i - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                yield css[start:prelude_end].strip(), css[prelude_end + 1 : i]
                start = i + 1
        elif char == ";" and depth == 0:
            yield css[start:i].strip(), None
            start = i + 1


def _selector_used(selector: str, used: set[str]) -> bool:
    return any(
        all(name in used for name in _DS_CLASS.findall(part)) for part in selector.split(",")
    )


def purge(css: str, used: set[str]) -> str:
    """The rules of `css` that can match something Jobbes renders."""
    kept: list[str] = []
    for prelude, body in _blocks(_COMMENT.sub("", css)):
        if body is None:
            kept.append(prelude + ";")
        elif prelude.startswith(_GROUPS):
            inner = purge(body, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@") or _selector_used(prelude, used):
            kept.append(f"{prelude}{{{body}}}")
    return "".join(kept)


def minify(css: str) -> str:
    css = re.sub(r"\s+", " ", _COMMENT.sub("", css))
    return re.sub(r"\s*([{};])\s*", r"\1", css).strip()


def build(static: Path = STATIC, sources: Iterable[str] = SOURCES) -> str:
    used = used_classes(static.parent)
    return "".join(
        minify(purge((static / name).read_text(encoding="utf-8"), used)) for name in sources
    )


def is_stale(static: Path = STATIC) -> bool:
    target = static / BUNDLE
    if not target.exists():
        return True
    built = target.stat().st_mtime
    users = (path for pattern in USERS for path in static.parent.glob(pattern))
    sources = (static / name for name in SOURCES)
    return any(path.stat().st_mtime > built for path in (*sources, *users))


def ensure_built(static: Path = STATIC) -> bool:
    """Write the bundle if it is missing or older than what it is made from; True if written."""
    if not is_stale(static):
        return False
    target = static / BUNDLE
    target.parent.mkdir(exist_ok=True)
    css = build(static).encode()
    # The compressed copy whitenoise sends goes with it, never a stale one (jobbes.static_files).
    target.write_bytes(css)
    target.with_name(target.name + ".gz").write_bytes(gzip.compress(css, compresslevel=9, mtime=0))
    return True
