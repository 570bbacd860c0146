"""Evaluations when two people act at the same moment, on PostgreSQL (see test_races)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, select

from jobbes.models import (
    Agreement,
    Attendance,
    ContractKind,
    Evaluation,
    Outcome,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import evaluations
from jobbes.services.evaluations import EmployerPart, YoungPart
from jobbes.services.notifications import members_of
from jobbes.services.state_machine import StaleState
from tests import factories
from tests.services.test_races import Act, Committed, _one_won, race

PART = EmployerPart(
    Attendance.COMPLETED,
    "Blid",
    None,
    Outcome.JOB,
    offer_start=date(2030, 1, 7),
    offer_contract=ContractKind.PERMANENT,
)


@pytest.fixture
def committed(engine: Engine) -> Iterator[Committed]:
    if engine.dialect.name != "postgresql":
        pytest.skip("two transactions race only on PostgreSQL (see tests/services/test_races.py)")
    rows = Committed(engine)
    yield rows
    rows.clean_up()


def _finished(committed: Committed) -> tuple[int, dict[str, int]]:
    with committed.session() as session:
        moderator = factories.staff(session)
        young = factories.young_person(session)
        agreement = factories.finished_agreement(session, young=young, moderator=moderator)
        employer = members_of(session, agreement.organisation)[0]
        session.commit()
        committed.keep(moderator, young, employer)
        people = {"young": young.id, "employer": employer.id}
        return agreement.id, people


def _writing(agreement_id: int, person_id: int, employer_side: bool) -> Callable:
    def read(session) -> Act:
        agreement = session.get_one(Agreement, agreement_id)
        actor = session.get_one(User, person_id)

        def step() -> None:
            evaluation = evaluations.ask(session, agreement, today=local_today(), now=utcnow())
            if employer_side:
                evaluations.write_employer_part(session, evaluation, actor, PART, now=utcnow())
            else:
                part = YoungPart("Fint", None)
                evaluations.write_young_part(session, evaluation, actor, part, now=utcnow())

        return step

    return read


def test_both_sides_writing_at_once_before_anyone_was_asked_both_stand(committed) -> None:
    agreement_id, people = _finished(committed)
    outcomes = race(
        committed,
        _writing(agreement_id, people["employer"], employer_side=True),
        _writing(agreement_id, people["young"], employer_side=False),
    )
    assert outcomes == [None, None]
    with committed.session() as session:
        [evaluation] = session.scalars(
            select(Evaluation).where(Evaluation.agreement_id == agreement_id)
        ).all()
        assert evaluation.employer_done
        assert evaluation.young_done


def test_two_colleagues_writing_the_workplaces_part_only_the_first_stands(committed) -> None:
    agreement_id, people = _finished(committed)
    with committed.session() as session:
        evaluations.ask(
            session, session.get_one(Agreement, agreement_id), today=local_today(), now=utcnow()
        )
        session.commit()
    outcomes = race(
        committed,
        _writing(agreement_id, people["employer"], employer_side=True),
        # The same account on two devices is as good as two colleagues.
        _writing(agreement_id, people["employer"], employer_side=True),
    )
    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], StaleState | evaluations.AlreadyWritten)
