"""Every step of every state machine, from every state: the table is the whole truth.

The cases are generated from each machine's own table, so a step added to a table is tested from
every state without anyone writing a test for it.
"""

from __future__ import annotations

from typing import Any

import pytest

from jobbes.models import Interest, Listing, ListingVersion, Organisation, Report
from jobbes.services.interests import FLOW
from jobbes.services.listings import LIFECYCLE
from jobbes.services.moderation import REVIEW, InvalidTransition
from jobbes.services.organisations import VERIFICATION
from jobbes.services.reports import HANDLING

MACHINES: dict[str, Any] = {
    "review": REVIEW,
    "interest": FLOW,
    "listing": LIFECYCLE,
    "organisation": VERIFICATION,
    "report": HANDLING,
}


def cases(legal: bool) -> list[Any]:
    found = []
    for name, machine in MACHINES.items():
        for step, (sources, target) in machine.steps.items():
            for state in type(machine.initial):
                if (state in sources) is legal:
                    found.append(
                        pytest.param(
                            machine, step, state, target, id=f"{name}-{step}-from-{state.value}"
                        )
                    )
    return found


# The model each machine moves. An item not yet saved is moved in Python (nobody else can see it
# yet), so these cases need no database; a saved one moves by compare-and-set (test_state_machine).
MODELS: dict[str, type[Any]] = {
    "review": ListingVersion,
    "interest": Interest,
    "listing": Listing,
    "organisation": Organisation,
    "report": Report,
}


def item_in(machine: Any, state: Any) -> Any:
    name = next(name for name, known in MACHINES.items() if known is machine)
    return MODELS[name](**{machine.attribute: state})


def take(machine: Any, item: Any, step: str) -> None:
    """The one place that calls a machine: if moving changes its signature, only this changes."""
    machine.move(item, step)


@pytest.mark.parametrize(("machine", "step", "state", "target"), cases(legal=True))
def test_a_step_moves_from_each_of_its_sources_to_its_target(machine, step, state, target):
    item = item_in(machine, state)
    take(machine, item, step)
    assert getattr(item, machine.attribute) is target


@pytest.mark.parametrize(("machine", "step", "state", "target"), cases(legal=False))
def test_a_step_from_any_other_state_is_refused_and_changes_nothing(machine, step, state, target):
    item = item_in(machine, state)
    with pytest.raises(InvalidTransition):
        take(machine, item, step)
    assert getattr(item, machine.attribute) is state


@pytest.mark.parametrize("machine", MACHINES.values(), ids=MACHINES.keys())
def test_an_item_not_yet_flushed_is_in_the_initial_state(machine):
    for step, (sources, target) in machine.steps.items():
        item = item_in(machine, None)
        if machine.initial in sources:
            take(machine, item, step)
            assert getattr(item, machine.attribute) is target
        else:
            with pytest.raises(InvalidTransition):
                take(machine, item, step)


def test_the_tables_are_not_empty_and_every_machine_has_a_refused_step():
    """Guards the generator itself: an empty table would make the tests above vacuous."""
    assert all(machine.steps for machine in MACHINES.values())
    refused = {id(case.values[0]) for case in cases(legal=False)}
    assert len(refused) == len(MACHINES)
