"""Gzip copies of the static files, which whitenoise sends to browsers that accept them.

Run as `python -m jobbes.static_files` (`make static` does); a copy is rewritten whenever its
source is newer, so a stale copy is never served.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

COMPRESSIBLE = {".css", ".js", ".svg", ".json", ".txt"}
STATIC = Path(__file__).resolve().parent.parent / "static"


def compress(folder: Path = STATIC) -> list[Path]:
    """Write `<file>.gz` beside every compressible file whose copy is missing or out of date."""
    written = []
    for source in sorted(folder.rglob("*")):
        if source.suffix not in COMPRESSIBLE or not source.is_file():
            continue
        target = source.with_name(source.name + ".gz")
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        target.write_bytes(gzip.compress(source.read_bytes(), compresslevel=9, mtime=0))
        written.append(target)
    return written


if __name__ == "__main__":
    from jobbes import css_bundle

    if css_bundle.ensure_built():
        print(f"built static/{css_bundle.BUNDLE}")
    for path in compress(Path(sys.argv[1]) if len(sys.argv) > 1 else STATIC):
        print(f"compressed {path}")
