"""Trial agreements when two people act at the same moment, on PostgreSQL (see test_races)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from jobbes.models import Agreement, AgreementStatus, SignatureRole, User
from jobbes.models.base import local_today, utcnow
from jobbes.services import agreements
from jobbes.services.notifications import members_of
from jobbes.services.state_machine import StaleState
from tests import factories
from tests.services.test_races import Act, Committed, _one_won, race

R = SignatureRole
TODAY = local_today()


@pytest.fixture
def committed(engine: Engine) -> Iterator[Committed]:
    if engine.dialect.name != "postgresql":
        pytest.skip("two transactions race only on PostgreSQL (see tests/services/test_races.py)")
    rows = Committed(engine)
    yield rows
    rows.clean_up()


def _agreement(committed: Committed, *, age: int = 19) -> tuple[int, dict[str, int]]:
    with committed.session() as session:
        moderator = factories.staff(session)
        young = factories.young_person(session, age=age)
        agreement = factories.agreement(session, young=young, moderator=moderator)
        employer = members_of(session, agreement.organisation)[0]
        session.commit()
        committed.keep(moderator, young, employer)
        people = {"moderator": moderator.id, "young": young.id, "employer": employer.id}
        return agreement.id, people


def test_two_people_changing_one_agreement_only_the_first_change_stands(
    committed: Committed,
) -> None:
    agreement_id, people = _agreement(committed)

    def changing(person: str, tasks: str) -> Callable:
        def read(session) -> Act:
            agreement = session.get_one(Agreement, agreement_id)
            actor = session.get_one(User, people[person])
            terms = replace(agreements.terms_of(agreement), tasks=tasks)
            seen = agreement.version
            return lambda: agreements.update_terms(
                session, agreement, actor, terms, seen_version=seen, now=utcnow()
            )

        return read

    outcomes = race(committed, changing("employer", "Oppvask"), changing("moderator", "Kasse"))
    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], StaleState)
    with committed.session() as session:
        agreement = session.get_one(Agreement, agreement_id)
        assert agreement.tasks == ("Oppvask", "Kasse")[winner]
        assert [e.action for e in agreement.events].count("agreement:edited") == 2  # + factory's


def test_the_last_two_signatures_at_once_both_count_and_the_agreement_is_signed(
    committed: Committed,
) -> None:
    agreement_id, people = _agreement(committed)
    with committed.session() as session:
        agreement = session.get_one(Agreement, agreement_id)
        moderator = session.get_one(User, people["moderator"])
        agreements.send_for_signature(
            session,
            agreement,
            moderator,
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )
        agreements.sign(
            session,
            agreement,
            moderator,
            R.PROGRAMME,
            typed_name="Mona",
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )
        session.commit()

    def signing(person: str, role: SignatureRole) -> Callable:
        def read(session) -> Act:
            agreement = session.get_one(Agreement, agreement_id)
            user = session.get_one(User, people[person])
            seen = agreement.version
            return lambda: agreements.sign(
                session,
                agreement,
                user,
                role,
                typed_name=user.name,
                seen_version=seen,
                today=TODAY,
                now=utcnow(),
            )

        return read

    outcomes = race(committed, signing("young", R.YOUNG_PERSON), signing("employer", R.EMPLOYER))
    assert outcomes == [None, None]
    with committed.session() as session:
        agreement = session.get_one(Agreement, agreement_id)
        assert {s.role for s in agreement.signatures} == {
            R.PROGRAMME,
            R.YOUNG_PERSON,
            R.EMPLOYER,
        }
        assert agreement.status is AgreementStatus.SIGNED


def test_a_guardian_link_used_twice_at_once_signs_once(committed: Committed) -> None:
    agreement_id, people = _agreement(committed, age=16)
    with committed.session() as session:
        agreement = session.get_one(Agreement, agreement_id)
        young = session.get_one(User, people["young"])
        agreements.set_guardian(
            session, agreement, young, name="Gro", email="gro@example.no", phone=None, now=utcnow()
        )
        token = agreements.send_for_signature(
            session,
            agreement,
            session.get_one(User, people["moderator"]),
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )
        session.commit()
    assert token is not None

    def using(name: str) -> Callable:
        def read(session) -> Act:
            agreements.guardian_link(session, token, now=utcnow())
            return lambda: agreements.sign_as_guardian(
                session, token, typed_name=name, today=TODAY, now=utcnow()
            )

        return read

    outcomes = race(committed, using("Gro"), using("Gro Verge"))
    winner = _one_won(outcomes)
    assert isinstance(outcomes[1 - winner], agreements.GuardianLinkRefused)
    with committed.session() as session:
        agreement = session.get_one(Agreement, agreement_id)
        [signature] = [s for s in agreement.signatures if s.role is R.GUARDIAN]
        assert signature.typed_name == ("Gro", "Gro Verge")[winner]
