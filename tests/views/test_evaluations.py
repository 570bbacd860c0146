"""The evaluation page, the certificate and the follow-up answer, as each party and everyone
else uses them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from jobbes.models import FollowUp, InterestStatus
from jobbes.models.base import local_today, utcnow
from jobbes.services import evaluations
from jobbes.services.notifications import members_of
from tests import factories
from tests.text import t


@pytest.fixture
def world(db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, name="Amina", age=19)
    agreement = factories.finished_agreement(db_session, young=young, moderator=moderator)
    employer = members_of(db_session, agreement.organisation)[0]
    db_session.commit()
    return {"agreement": agreement, "young": young, "employer": employer, "moderator": moderator}


def url(agreement, tail=""):
    return f"/agreements/{agreement.id}{tail}"


EMPLOYER_OFFER = {
    "attendance": "completed",
    "went_well": "Møtte presis hver dag.",
    "to_work_on": "Spør når noe er uklart.",
    "outcome": "job",
    "offer_start": "2030-01-07",
    "offer_contract": "part_time",
}


def test_the_employer_writes_an_offer_and_the_interest_is_offered(client, db_session, world):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    page = client.get(url(agreement, "/evaluation"))
    assert page.status_code == 200
    assert t("Save the workplace's part") in page.get_data(as_text=True)
    response = client.post(url(agreement, "/evaluation/employer"), data=EMPLOYER_OFFER)
    assert response.status_code == 303
    db_session.expire_all()
    assert agreement.interest.status is InterestStatus.OFFERED
    text = client.get(url(agreement, "/evaluation")).get_data(as_text=True)
    assert "Møtte presis hver dag." in text
    # A second try (another tab) is told plainly and changes nothing.
    again = client.post(url(agreement, "/evaluation/employer"), data=EMPLOYER_OFFER)
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"attendance": "partly"},
            "Write how many days were missed: at least 1, and no more than the trial had.",
        ),
        (
            {"offer_start": ""},
            "Write when the job starts, no earlier than the trial's first day.",
        ),
        ({"offer_contract": ""}, "Choose the kind of contract."),
        ({"outcome": ""}, "Choose what happens now."),
        ({"attendance": "maybe"}, None),
        ({"offer_start": "31.02.2030"}, "Write the date like 31.05.2008."),
    ],
)
def test_bad_employer_input_gets_a_clear_answer_and_saves_nothing(
    client, db_session, world, change, message
):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    response = client.post(
        url(agreement, "/evaluation/employer"), data={**EMPLOYER_OFFER, **change}
    )
    assert response.status_code == 422
    if message:
        assert t(message) in response.get_data(as_text=True)
    db_session.expire_all()
    evaluation = evaluations.of_agreement(db_session, agreement)
    assert evaluation is None or evaluation.employer_at is None
    assert agreement.interest.status is InterestStatus.TRIAL_AGREED


def test_who_reads_which_part(client, db_session, world):
    agreement, young, employer = world["agreement"], world["young"], world["employer"]
    client.login(young.email)
    response = client.post(
        url(agreement, "/evaluation/young"),
        data={
            "how_it_was": "Lærte mye om kjøkken.",
            "comment": "",
        },
    )
    assert response.status_code == 303
    client.post("/auth/logout")
    # The employer does not read the young person's words before writing their own part.
    client.login(employer.email)
    text = client.get(url(agreement, "/evaluation")).get_data(as_text=True)
    assert "Lærte mye om kjøkken." not in text
    assert (
        client.post(
            url(agreement, "/evaluation/employer"),
            data={
                **EMPLOYER_OFFER,
            },
        ).status_code
        == 303
    )
    text = client.get(url(agreement, "/evaluation")).get_data(as_text=True)
    assert "Lærte mye om kjøkken." in text
    client.post("/auth/logout")
    # The young person reads the employer's words and is asked whether they agree.
    client.login(young.email)
    text = client.get(url(agreement, "/evaluation")).get_data(as_text=True)
    assert "Møtte presis hver dag." in text
    assert t("Save my answer") in text
    refused = client.post(url(agreement, "/evaluation/agree"), data={})
    assert refused.status_code == 422
    assert t("Choose whether you agree.") in refused.get_data(as_text=True)
    assert (
        client.post(url(agreement, "/evaluation/agree"), data={"agrees": "yes"}).status_code == 303
    )
    certificate = client.get(url(agreement, "/certificate")).get_data(as_text=True)
    assert "Møtte presis hver dag." in certificate


def test_a_young_person_cannot_write_the_employers_part_nor_the_employer_theirs(
    client, db_session, world
):
    agreement = world["agreement"]
    client.login(world["young"].email)
    assert client.post(url(agreement, "/evaluation/employer"), data=EMPLOYER_OFFER).status_code in (
        403,
        404,
    )
    client.post("/auth/logout")
    client.login(world["employer"].email)
    assert client.post(
        url(agreement, "/evaluation/young"), data={"how_it_was": "Hei"}
    ).status_code in (403, 404)


def test_nothing_to_evaluate_before_the_last_day(client, db_session):
    agreement = factories.agreement(db_session)
    employer = members_of(db_session, agreement.organisation)[0]
    db_session.commit()
    client.login(employer.email)
    page = client.get(url(agreement, "/evaluation"))
    assert t(
        "The evaluation opens on the trial's last day. Both sides are asked then."
    ) in page.get_data(as_text=True)
    assert (
        client.post(url(agreement, "/evaluation/employer"), data=EMPLOYER_OFFER).status_code == 404
    )


def test_everyone_else_gets_404(client, db_session, world):
    agreement = world["agreement"]
    others = [
        factories.young_person(db_session, name="Annen"),
        factories.employer(db_session, organisation_name="Annen bedrift AS"),
    ]
    db_session.commit()
    for person in others:
        client.login(person.email)
        for tail in ("/evaluation", "/certificate", "/certificate.pdf"):
            assert client.get(url(agreement, tail)).status_code == 404, (person.role, tail)
        for tail in ("/evaluation/employer", "/evaluation/young", "/evaluation/agree"):
            assert client.post(url(agreement, tail), data={}).status_code in (403, 404)
        client.post("/auth/logout")


def test_the_certificate_is_the_young_persons_and_the_staffs_not_the_employers(
    client, db_session, world
):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    assert client.get(url(agreement, "/certificate")).status_code == 404
    assert client.get(url(agreement, "/certificate.pdf")).status_code == 404
    client.post("/auth/logout")
    for person in ("young", "moderator"):
        client.login(world[person].email)
        response = client.get(url(agreement, "/certificate.pdf"))
        assert response.status_code == 200, person
        assert response.headers["Content-Type"] == "application/pdf"
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
        assert "Amina" in text
        assert "Kutte grønnsaker" in text  # the tasks
        assert agreement.organisation.name in text
        client.post("/auth/logout")


def test_a_missing_evaluation_shows_on_the_agreement_and_in_the_employers_area(
    client, db_session, world
):
    agreement = world["agreement"]
    evaluations.run(db_session, today=local_today(), now=utcnow())
    db_session.commit()
    client.login(world["employer"].email)
    assert t("Neither part is written yet.") in client.get(url(agreement)).get_data(as_text=True)
    area = client.get("/employer").get_data(as_text=True)
    assert f"/agreements/{agreement.id}/evaluation" in area


def test_the_follow_up_question_is_answered_on_me_once(client, db_session, world):
    agreement, young = world["agreement"], world["young"]
    follow_up = FollowUp(agreement_id=agreement.id, months=3, asked_at=utcnow())
    db_session.add(follow_up)
    db_session.commit()
    client.login(young.email)
    me = client.get("/me").get_data(as_text=True)
    assert t("One question from us") in me
    field = f"follow-{follow_up.id}-answer"
    assert (
        client.post(f"/agreements/follow-ups/{follow_up.id}", data={field: "bogus"}).status_code
        == 303
    )
    assert (
        client.post(f"/agreements/follow-ups/{follow_up.id}", data={field: "school"}).status_code
        == 303
    )
    db_session.expire_all()
    assert follow_up.answer.value == "school"
    assert t("One question from us") not in client.get("/me").get_data(as_text=True)
    assert (
        client.post(f"/agreements/follow-ups/{follow_up.id}", data={field: "work"}).status_code
        == 303
    )
    db_session.expire_all()
    assert follow_up.answer.value == "school"
    client.post("/auth/logout")
    other = factories.young_person(db_session, name="Annen")
    db_session.commit()
    client.login(other.email)
    assert (
        client.post(f"/agreements/follow-ups/{follow_up.id}", data={field: "work"}).status_code
        == 404
    )


def test_staff_read_both_parts_and_write_neither(client, db_session, world):
    agreement = world["agreement"]
    evaluation = evaluations.ask(db_session, agreement, today=local_today(), now=utcnow())
    evaluations.write_young_part(
        db_session,
        evaluation,
        world["young"],
        evaluations.YoungPart("Lærte mye om kjøkken.", None),
        now=utcnow(),
    )
    db_session.commit()
    client.login(world["moderator"].email)
    text = client.get(url(agreement, "/evaluation")).get_data(as_text=True)
    assert "Lærte mye om kjøkken." in text
    assert t("The workplace has not written its part yet.") in text
    assert t("Save the workplace's part") not in text
    assert (
        client.post(url(agreement, "/evaluation/employer"), data=EMPLOYER_OFFER).status_code == 404
    )
