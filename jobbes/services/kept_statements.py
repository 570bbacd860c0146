"""Statements built once per process for each *shape* of a question.

Where a statement's form depends only on which parts a question has (which filters, words or
not, the order: its shape) and never on their values, the values go in as bound parameters and
the statement itself can be built once and kept. A question of a known shape then costs no
building, and SQLAlchemy's own cache finds the kept statement's compiled SQL at once (its cache
key is memoised on the statement). Shapes are few, so the store needs no bound. It holds SQL,
never results: nothing in it can be stale.

Callers key their statements so that no two can meet: search by its `_Shape`, the
recommendations by a tuple that starts with their name.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")

_STORE: dict[Hashable, Any] = {}


def kept(key: Hashable, build: Callable[[], T]) -> T:
    """The statement kept under `key`, built by `build()` the first time it is asked for."""
    found: T | None = _STORE.get(key)
    if found is None:
        found = _STORE[key] = build()
    return found
