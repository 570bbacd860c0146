"""Named steps between the states of one attribute, each written as a compare-and-set.

Two people may act on the same row at once (two moderators on one listing, two colleagues on one
interest), or one of them from a page opened an hour ago. So a step is not "set the attribute and
flush" but one conditional statement, `UPDATE … SET status = :target WHERE id = :id AND status =
:expected`, whose row count says who won: the first writer changes the row and holds its lock until
its transaction ends; anyone after finds no row still in the state they saw and gets `StaleState`
with the state it is in now. That holds on PostgreSQL at READ COMMITTED (a blocked UPDATE
re-checks its condition against the row the winner committed) and on SQLite, which lets one writer
in at a time. Whatever a step writes besides the state (an audit entry, an event) comes after the
compare-and-set in the same transaction, so the loser's is rolled back with it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import inspect, update
from sqlalchemy.orm.attributes import set_committed_value

from jobbes.services.errors import DomainError

S = TypeVar("S", bound=enum.Enum)


class InvalidTransition(DomainError):
    """The item is not in a state this step can start from."""


class StaleState(InvalidTransition):
    """Someone changed the item since the person looked at it; `current` is where it is now."""

    def __init__(self, current: Any) -> None:
        super().__init__(f"changed meanwhile; now {getattr(current, 'value', current)}")
        self.current = current


class _NotNull:
    def __repr__(self) -> str:
        return "NOT_NULL"


# An expected value meaning "set to anything", for a column such as `suspended_at`.
NOT_NULL: Any = _NotNull()


def compare_and_set(item: Any, *, expected: Mapping[str, Any], values: Mapping[str, Any]) -> None:
    """Write `values` to the item's row only if its columns still hold `expected`; otherwise
    raise `StaleState` with the first expected attribute's value as it is now."""
    state = inspect(item)
    if not state.persistent:
        # Not in the database yet, so nobody else can have seen or changed it.
        for name, value in values.items():
            setattr(item, name, value)
        return
    session = state.session
    assert session is not None
    assert state.identity is not None
    mapper = state.mapper
    entity = mapper.class_
    conditions = [
        column == key for column, key in zip(mapper.primary_key, state.identity, strict=True)
    ]
    for name, value in expected.items():
        attribute = getattr(entity, name)
        if value is NOT_NULL:
            conditions.append(attribute.is_not(None))
        elif value is None:
            conditions.append(attribute.is_(None))
        else:
            conditions.append(attribute == value)
    result = session.execute(
        update(entity).where(*conditions).values(dict(values)),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount != 1:
        # The loser sees the row as the winner left it (READ COMMITTED: a fresh statement sees
        # the winner's commit); whatever it meant to change goes with its rolled-back request.
        session.refresh(item)
        raise StaleState(getattr(item, next(iter(expected))))
    # The row holds the values now; the object learns them without being marked for another write.
    for name, value in values.items():
        set_committed_value(item, name, value)


@dataclass(frozen=True)
class StateMachine(Generic[S]):
    """Named steps between the values of one attribute; any other step raises.

    `steps` maps a step's name to the states it may start from and the state it leads to.
    """

    attribute: str
    initial: S
    steps: dict[str, tuple[frozenset[S], S]]

    def move(
        self,
        item: Any,
        step: str,
        *,
        expected: S | None = None,
        also: Mapping[str, Any] | None = None,
    ) -> None:
        """Take one step from `expected`, the state the person saw (by default the one loaded);
        `also` names other columns that must still hold what was seen (e.g. "nobody answered")."""
        sources, target = self.steps[step]
        # An object not yet flushed has no column defaults: it is still in the initial state.
        current = getattr(item, self.attribute) or self.initial
        seen = current if expected is None else expected
        if current != seen:
            raise StaleState(current)
        if seen not in sources:
            raise InvalidTransition(f"cannot {step} from {current.value}")
        compare_and_set(
            item, expected={self.attribute: seen, **(also or {})}, values={self.attribute: target}
        )
