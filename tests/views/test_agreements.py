"""The trial agreement's pages, as each party and everyone else uses them."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta
from datetime import time as agreements_time

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from jobbes.models import AgreementStatus, Role, SignatureRole
from jobbes.models.base import local_today, utcnow
from jobbes.services import agreements, counselling
from jobbes.services.notifications import members_of
from tests import factories
from tests.text import t

A = AgreementStatus
TODAY = local_today()


@pytest.fixture
def world(db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, name="Amina", age=19)
    agreement = factories.agreement(db_session, young=young, moderator=moderator)
    employer = members_of(db_session, agreement.organisation)[0]
    db_session.commit()
    return {"agreement": agreement, "young": young, "employer": employer, "moderator": moderator}


def url(agreement, tail=""):
    return f"/agreements/{agreement.id}{tail}"


def test_each_party_and_the_staff_see_the_agreement(client, db_session, world):
    agreement = world["agreement"]
    for person in ("young", "employer", "moderator"):
        client.login(world[person].email)
        page = client.get(url(agreement))
        assert page.status_code == 200, person
        text = page.get_data(as_text=True)
        assert "Amina" in text
        assert "Per Kontakt" in text
        assert t("Days and hours") in text
        client.post("/auth/logout")


def test_everyone_else_gets_404_for_the_agreement_and_its_documents(client, db_session, world):
    agreement = world["agreement"]
    others = [
        factories.young_person(db_session, name="Annen"),
        factories.employer(db_session, organisation_name="Annen bedrift AS"),
    ]
    db_session.commit()
    for person in others:
        client.login(person.email)
        for tail in ("", ".pdf", ".ics", "/print", "/terms", "/schedule"):
            # A young person holds no right to edit any agreement: the area turns them away.
            assert client.get(url(agreement, tail)).status_code in (403, 404), (person.role, tail)
        for tail in ("/sign", "/terms", "/send", "/cancel", "/guardian", "/sign-for"):
            response = client.post(url(agreement, tail), data={"version": agreement.version})
            assert response.status_code in (403, 404), (person.role, tail)
        assert client.get(f"/agreements/interest/{agreement.interest_id}").status_code == 404
        client.post("/auth/logout")


def test_the_young_person_cannot_change_the_terms(client, world):
    agreement = world["agreement"]
    client.login(world["young"].email)
    assert client.get(url(agreement, "/terms")).status_code in (403, 404)
    response = client.post(url(agreement, "/terms"), data={"version": agreement.version})
    assert response.status_code in (403, 404)
    page = client.get(url(agreement)).get_data(as_text=True)
    assert "Vil du ha noe endret?" in page
    assert f'href="/messages/{agreement.interest_id}"' in page


def test_an_interest_card_leads_to_its_agreement(client, world):
    agreement = world["agreement"]
    client.login(world["young"].email)
    page = client.get("/me/interests").get_data(as_text=True)
    assert f"/agreements/interest/{agreement.interest_id}" in page
    response = client.get(f"/agreements/interest/{agreement.interest_id}")
    assert response.headers["Location"].endswith(url(agreement))
    client.post("/auth/logout")
    client.login(world["employer"].email)
    listing_id = agreement.interest.listing_id
    page = client.get(f"/employer/listings/{listing_id}/interests").get_data(as_text=True)
    assert f"/agreements/interest/{agreement.interest_id}" in page


def _terms(agreement, **changes):
    data = {
        "version": agreement.version,
        "contact_name": agreement.contact_name,
        "contact_role": agreement.contact_role or "",
        "contact_phone": agreement.contact_phone,
        "place": agreement.place or "",
        "start_date": agreement.start_date.isoformat(),
        "end_date": agreement.end_date.isoformat(),
        "tasks": agreement.tasks,
        "goals": agreement.goals,
        "pay": agreement.pay.value,
        "evaluation_date": agreement.end_date.isoformat(),
    }
    data.update(changes)
    return data


def test_the_employer_changes_the_terms_and_the_history_shows_it(client, db_session, world):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    response = client.post(url(agreement, "/terms"), data=_terms(agreement, tasks="Oppvask"))
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert agreement.tasks == "Oppvask"
    page = client.get(url(agreement)).get_data(as_text=True)
    assert t("Changed") in page


def test_two_people_editing_at_once_the_second_is_told_and_nothing_of_theirs_is_saved(
    client, db_session, world
):
    agreement = world["agreement"]
    seen = _terms(agreement)
    client.login(world["employer"].email)
    assert client.post(url(agreement, "/terms"), data={**seen, "tasks": "Først"}).status_code == 303
    client.post("/auth/logout")
    client.login(world["moderator"].email)
    response = client.post(
        url(agreement, "/terms"), data={**seen, "tasks": "Sist", "programme_contact": ""}
    )
    assert response.status_code == 409
    assert "Noen endret denne avtalen mens du så på den." in response.get_data(as_text=True)
    db_session.refresh(agreement)
    assert agreement.tasks == "Først"
    assert agreement.programme_contact_id == world["moderator"].id


def test_reversed_dates_are_refused_with_a_clear_message(client, db_session, world):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    before = agreement.start_date - timedelta(days=3)
    response = client.post(
        url(agreement, "/terms"), data=_terms(agreement, end_date=before.isoformat())
    )
    assert response.status_code == 422
    assert t("The last day is before the first day.") in response.get_data(as_text=True)
    db_session.refresh(agreement)
    assert agreement.end_date > before


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("0", "14:00", "09:00")], "dagen slutter før den begynner"),
        ([("0", "22:00", "02:00")], "dagen slutter før den begynner"),  # past midnight
        ([("0", "09:00", "12:00"), ("0", "11:00", "14:00")], "står to ganger i timeplanen"),
        ([("40", "09:00", "12:00")], "er utenfor jobbtreningens første og siste dag"),
    ],
)
def test_a_bad_schedule_is_refused_and_nothing_is_saved(client, db_session, world, rows, message):
    agreement = world["agreement"]
    days_before = [(d.day, d.start, d.end) for d in agreement.days]
    client.login(world["moderator"].email)
    data = {"version": agreement.version}
    for i, (offset, start, end) in enumerate(rows):
        data[f"days-{i}-day"] = (agreement.start_date + timedelta(days=int(offset))).isoformat()
        data[f"days-{i}-start"] = start
        data[f"days-{i}-end"] = end
    response = client.post(url(agreement, "/schedule"), data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db_session.refresh(agreement)
    assert [(d.day, d.start, d.end) for d in agreement.days] == days_before


def test_a_week_longer_than_the_listing_allows_is_refused(client, db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator, ready=False, hours_per_week=15)
    db_session.commit()
    client.login(moderator.email)
    response = client.post(
        url(agreement, "/schedule/pattern"),
        data={
            "version": agreement.version,
            "weekdays": ["0", "1", "2", "3", "4"],
            "start": "08:00",
            "end": "16:00",
            "break_minutes": "30",
        },
    )
    assert response.status_code == 422
    assert "15" in response.get_data(as_text=True)
    db_session.refresh(agreement)
    assert agreement.days == []


def test_the_pattern_fills_the_weekdays(client, db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator, ready=False)
    db_session.commit()
    client.login(moderator.email)
    response = client.post(
        url(agreement, "/schedule/pattern"),
        data={
            "version": agreement.version,
            "weekdays": ["0", "1", "2", "3", "4"],
            "start": "09:00",
            "end": "14:00",
            "break_minutes": "30",
        },
    )
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert 1 <= len(agreement.days) <= 5
    assert all(d.day.weekday() < 5 for d in agreement.days)


def _sign(client, agreement, name):
    return client.post(
        url(agreement, "/sign"), data={"version": agreement.version, "agree": "y", "name": name}
    )


def test_signing_needs_the_box_ticked_and_a_name(client, db_session, world):
    agreement = world["agreement"]
    agreements.send_for_signature(
        db_session,
        agreement,
        world["moderator"],
        seen_version=agreement.version,
        today=TODAY,
        now=utcnow(),
    )
    db_session.commit()
    client.login(world["young"].email)
    response = client.post(url(agreement, "/sign"), data={"version": agreement.version})
    assert response.status_code == 422
    assert t("Tick the box to show that you agree.") in response.get_data(as_text=True)
    assert agreement.signatures == []


def test_every_party_signs_through_the_page(client, db_session, world):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    assert client.post(url(agreement, "/send"), data={"version": 3}).status_code == 303
    db_session.refresh(agreement)
    assert agreement.status is A.AWAITING_SIGNATURES
    assert _sign(client, agreement, "Kari Arbeidsgiver").status_code == 303
    # A second try from the same side finds nothing to sign.
    assert _sign(client, agreement, "Kari Arbeidsgiver").status_code == 303
    for person, name in (("young", "Amina"), ("moderator", "Mona Moderator")):
        client.post("/auth/logout")
        client.login(world[person].email)
        assert _sign(client, agreement, name).status_code == 303
    db_session.refresh(agreement)
    assert agreement.status is A.SIGNED
    assert {s.role for s in agreement.signatures} == {
        SignatureRole.YOUNG_PERSON,
        SignatureRole.EMPLOYER,
        SignatureRole.PROGRAMME,
    }


def test_the_pdf_is_real_text_and_the_calendar_has_every_day(client, world):
    agreement = world["agreement"]
    client.login(world["young"].email)
    response = client.get(url(agreement, ".pdf"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert "Amina" in text
    assert "Per Kontakt" in text
    assert t("Trial agreement") in text
    ics = client.get(url(agreement, ".ics"))
    assert ics.headers["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.data).walk("VEVENT")
    assert len(events) == len(agreement.days)
    assert "Per Kontakt" in str(events[0]["DESCRIPTION"])
    printable = client.get(url(agreement, "/print")).get_data(as_text=True)
    assert "agreement-print.css" in printable


def test_the_employer_never_sees_the_age_or_the_guardians_address(client, db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, name="Sara", age=16)
    agreement = factories.agreement(db_session, young=young, moderator=moderator)
    agreements.set_guardian(
        db_session,
        agreement,
        young,
        name="Gro Verge",
        email="gro@example.no",
        phone=None,
        now=utcnow(),
    )
    db_session.commit()
    client.login(members_of(db_session, agreement.organisation)[0].email)
    page = client.get(url(agreement)).get_data(as_text=True)
    assert "gro@example.no" not in page
    assert young.profile.birth_date.isoformat() not in page
    assert not re.search(r"\b16\s*(år|years)", page)
    client.post("/auth/logout")
    client.login(young.email)
    assert "gro@example.no" in client.get(url(agreement)).get_data(as_text=True)


def test_a_guardian_signs_through_the_link_once(client, db_session, mail):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, name="Sara", age=16)
    agreement = factories.agreement(db_session, young=young, moderator=moderator)
    db_session.commit()
    client.login(young.email)
    response = client.post(
        url(agreement, "/guardian"),
        data={"guardian-name": "Gro Verge", "guardian-email": "gro@example.no"},
    )
    assert response.status_code == 303
    client.post("/auth/logout")
    client.login(moderator.email)
    client.post(url(agreement, "/send"), data={"version": agreement.version})
    [message] = mail.to("gro@example.no")
    link = re.search(r"https?://\S+/agreements/guardian/\S+", mail.body(message)).group(0)
    path = link[link.index("/agreements/") :]
    client.post("/auth/logout")
    page = client.get(path)
    assert page.status_code == 200
    assert "Sara" in page.get_data(as_text=True)
    assert page.headers["Cache-Control"] == "private, no-store"
    asked = client.post(path + "/question", data={"question": "Får hun lunsj?"})
    assert asked.status_code == 303
    refused = client.post(path, data={"name": "Gro Verge"})
    assert refused.status_code == 422
    signed = client.post(path, data={"name": "Gro Verge", "agree": "y"})
    assert signed.status_code == 200
    assert t("Thank you for signing") in signed.get_data(as_text=True)
    again = client.get(path)
    assert again.status_code == 410
    assert "Denne lenken er allerede brukt" in again.get_data(as_text=True)
    assert client.post(path, data={"name": "X", "agree": "y"}).status_code == 410
    assert client.get("/agreements/guardian/not-a-token").status_code == 404
    db_session.refresh(agreement)
    assert agreements.signature_of(agreement, SignatureRole.GUARDIAN).typed_name == "Gro Verge"
    # Not everyone has signed yet: the guardian is told only when they have.
    assert len(mail.to("gro@example.no")) == 1
    for person in (members_of(db_session, agreement.organisation)[0], young, moderator):
        client.login(person.email)
        client.post(
            url(agreement, "/sign"),
            data={"version": agreement.version, "agree": "y", "name": person.name},
        )
        client.post("/auth/logout")
    db_session.refresh(agreement)
    assert agreement.status is A.SIGNED
    signed = mail.to("gro@example.no")[-1]
    assert "Sara" not in mail.body(signed)
    assert len(mail.to("gro@example.no")) == 2


def test_the_programme_contact_signs_on_behalf_with_a_reason(client, db_session, world):
    agreement = world["agreement"]
    agreements.send_for_signature(
        db_session,
        agreement,
        world["moderator"],
        seen_version=agreement.version,
        today=TODAY,
        now=utcnow(),
    )
    db_session.commit()
    client.login(world["moderator"].email)
    data = {"for-version": agreement.version, "for-role": "young_person", "for-name": "Amina"}
    assert client.post(url(agreement, "/sign-for"), data=data).status_code == 422
    response = client.post(url(agreement, "/sign-for"), data={**data, "for-reason": "Papir"})
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert agreements.signature_of(agreement, SignatureRole.YOUNG_PERSON).on_behalf_reason == (
        "Papir"
    )
    client.post("/auth/logout")
    client.login(world["employer"].email)
    response = client.post(url(agreement, "/sign-for"), data={**data, "for-reason": "Papir"})
    assert response.status_code == 404


def test_staff_set_up_an_agreement_for_a_trial_agreed_without_one(client, db_session):
    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator, ready=False)
    interest = agreement.interest
    db_session.delete(agreement)
    db_session.commit()
    client.login(moderator.email)
    assert "/agreements/for-interest/" in client.get("/agreements").get_data(as_text=True)
    response = client.post(f"/agreements/for-interest/{interest.id}", data={})
    assert response.status_code == 303
    assert agreements.for_interest(db_session, interest) is not None


def test_cancelling_needs_a_reason(client, db_session, world):
    agreement = world["agreement"]
    client.login(world["employer"].email)
    data = {"end-version": agreement.version}
    assert client.post(url(agreement, "/cancel"), data=data).status_code == 422
    response = client.post(url(agreement, "/cancel"), data={**data, "end-reason": "Stengt"})
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert agreement.status is A.CANCELLED


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.EMPLOYER])
def test_the_agreement_list_shows_a_persons_own(client, db_session, world, role):
    person = world["young"] if role is Role.YOUNG_PERSON else world["employer"]
    client.login(person.email)
    page = client.get("/agreements").get_data(as_text=True)
    assert url(world["agreement"]) in page


def test_a_schedule_that_breaks_a_rule_is_refused_with_its_sentence(client, db_session):
    from tests.services.test_agreements import school_week

    moderator = factories.staff(db_session)
    agreement = factories.agreement(
        db_session,
        moderator=moderator,
        age=16,
        start=school_week(),
        hours=(agreements_time(9), agreements_time(14), 30),
    )
    db_session.commit()
    employer = members_of(db_session, agreement.organisation)[0]
    client.login(employer.email)
    page = client.get(url(agreement)).get_data(as_text=True)
    assert "aml. § 11-2 (2)" in page
    response = client.post(url(agreement, "/send"), data={"version": agreement.version})
    assert response.status_code == 422
    assert "er for mye for en 16-åring" in response.get_data(as_text=True)
    db_session.refresh(agreement)
    assert agreement.status is A.DRAFT


def test_the_young_person_reads_the_rules_for_their_own_hours(client, db_session):
    young = factories.young_person(db_session, name="Sara", age=16)
    agreement = factories.agreement(db_session, young=young)
    db_session.commit()
    client.login(young.email)
    page = client.get(url(agreement)).get_data(as_text=True)
    assert 'id="your-hours"' in page
    client.post("/auth/logout")
    client.login(members_of(db_session, agreement.organisation)[0].email)
    assert 'id="your-hours"' not in client.get(url(agreement)).get_data(as_text=True)


def test_the_nightly_job_starts_a_signed_agreement_on_its_first_day_once(app, db_session):
    import time_machine

    from jobbes.models.base import LOCAL_TIMEZONE
    from jobbes.tasks import tasks_of

    moderator = factories.staff(db_session)
    agreement = factories.agreement(db_session, moderator=moderator)
    employer = members_of(db_session, agreement.organisation)[0]
    agreements.send_for_signature(
        db_session, agreement, moderator, seen_version=agreement.version, today=TODAY, now=utcnow()
    )
    for user, role in (
        (agreement.young_person, SignatureRole.YOUNG_PERSON),
        (employer, SignatureRole.EMPLOYER),
        (moderator, SignatureRole.PROGRAMME),
    ):
        agreements.sign(
            db_session,
            agreement,
            user,
            role,
            typed_name=user.name,
            seen_version=agreement.version,
            today=TODAY,
            now=utcnow(),
        )
    db_session.commit()
    first_night = datetime.combine(agreement.start_date, agreements_time(0, 10), LOCAL_TIMEZONE)
    with time_machine.travel(first_night, tick=False):
        tasks_of(app).agreements()
        tasks_of(app).agreements()
    db_session.refresh(agreement)
    assert agreement.status is A.RUNNING
    assert [e.action for e in agreement.events].count("agreement:started") == 1
    with time_machine.travel(first_night + timedelta(days=7), tick=False):
        tasks_of(app).agreements()
    db_session.refresh(agreement)
    assert agreement.status is A.COMPLETED


def _guardian_by_mobile(client, db_session):
    moderator = factories.staff(db_session)
    young = factories.young_person(db_session, name="Sara", age=16)
    agreement = factories.agreement(db_session, young=young, moderator=moderator)
    agreements.send_for_signature(
        db_session, agreement, moderator, seen_version=agreement.version, today=TODAY, now=utcnow()
    )
    db_session.commit()
    client.login(young.email)
    return agreement


def test_a_guardian_gets_the_link_by_text_message_in_the_daytime(client, db_session, caplog):
    import logging

    import time_machine

    from jobbes.models.base import LOCAL_TIMEZONE

    caplog.set_level(logging.INFO, logger="jobbes.sms")
    noon = datetime.combine(TODAY, agreements_time(12), LOCAL_TIMEZONE)
    # Logged in at that time too: a session cookie signed later than "now" is refused.
    with time_machine.travel(noon, tick=False):
        agreement = _guardian_by_mobile(client, db_session)
        response = client.post(
            url(agreement, "/guardian"),
            data={"guardian-name": "Gro Verge", "guardian-phone": "412 34 567"},
        )
    assert response.status_code == 303
    [text] = [r.getMessage() for r in caplog.records if r.name == "jobbes.sms"]
    assert "+4741234567" in text
    assert "/agreements/guardian/" in text
    assert "Sara" not in text  # no names in a text message


def test_no_text_message_goes_to_a_guardian_at_night(client, db_session, caplog):
    import logging

    import time_machine

    from jobbes.models.base import LOCAL_TIMEZONE

    caplog.set_level(logging.INFO, logger="jobbes.sms")
    night = datetime.combine(TODAY, agreements_time(23), LOCAL_TIMEZONE)
    with time_machine.travel(night, tick=False):
        agreement = _guardian_by_mobile(client, db_session)
        client.post(
            url(agreement, "/guardian"),
            data={"guardian-name": "Gro Verge", "guardian-phone": "41234567"},
        )
        page = client.get(url(agreement)).get_data(as_text=True)
    assert [r for r in caplog.records if r.name == "jobbes.sms"] == []
    assert "SMS sendes ikke om natten" in page


def test_a_guardians_mobile_number_must_be_norwegian(client, db_session):
    agreement = _guardian_by_mobile(client, db_session)
    response = client.post(
        url(agreement, "/guardian"), data={"guardian-name": "Gro", "guardian-phone": "12"}
    )
    assert response.status_code == 422
    db_session.refresh(agreement)
    assert agreement.guardian_phone is None


def test_the_young_person_finds_their_agreements_in_their_data(client, world):
    client.login(world["young"].email)
    page = client.get("/me/data").get_data(as_text=True)
    assert 'id="agreements-heading"' in page
    assert world["agreement"].organisation.name in page


def test_a_counsellor_with_consent_may_be_the_programme_contact(client, db_session, world):
    agreement, young = world["agreement"], world["young"]
    vera = factories.counsellor(db_session, name="Vera Veileder")
    stranger = factories.counsellor(db_session, name="Ola Ukjent")
    factories.following(db_session, young, vera)
    db_session.commit()
    # The moderator chooses among the staff and the young person's own counsellors only.
    client.login(world["moderator"].email)
    form = client.get(url(agreement, "/terms")).get_data(as_text=True)
    assert "Vera Veileder" in form
    assert "Ola Ukjent" not in form
    response = client.post(
        url(agreement, "/terms"), data=_terms(agreement, programme_contact=str(stranger.id))
    )
    db_session.refresh(agreement)
    assert agreement.programme_contact_id == world["moderator"].id
    response = client.post(
        url(agreement, "/terms"), data=_terms(agreement, programme_contact=str(vera.id))
    )
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert agreement.programme_contact_id == vera.id
    client.post("/auth/logout")
    # The counsellor sees, changes and signs it as the programme's contact.
    client.login(vera.email)
    assert client.get(url(agreement)).status_code == 200
    assert url(agreement) in client.get("/agreements").get_data(as_text=True)
    response = client.post(url(agreement, "/terms"), data=_terms(agreement, tasks="Rydde lager"))
    assert response.status_code == 303
    db_session.refresh(agreement)
    assert agreement.tasks == "Rydde lager"
    assert agreement.programme_contact_id == vera.id
    agreements.send_for_signature(
        db_session, agreement, vera, seen_version=agreement.version, today=TODAY, now=utcnow()
    )
    db_session.commit()
    assert _sign(client, agreement, "Vera Veileder").status_code == 303
    db_session.refresh(agreement)
    assert {s.role for s in agreement.signatures} == {SignatureRole.PROGRAMME}
    client.post("/auth/logout")
    client.login(world["moderator"].email)
    assert client.get(url(agreement, "/terms")).status_code == 404
    # Another counsellor, and this one once the consent is ended, get a 404.
    client.post("/auth/logout")
    client.login(stranger.email)
    assert client.get(url(agreement)).status_code == 404
    client.post("/auth/logout")
    consent = counselling.consent_of_young_person(db_session, young, vera.id)
    counselling.end_consent(consent, now=utcnow())
    db_session.commit()
    client.login(vera.email)
    for tail in ("", "/terms", "/schedule", ".pdf"):
        assert client.get(url(agreement, tail)).status_code == 404, tail
    assert url(agreement) not in client.get("/agreements").get_data(as_text=True)
    # The staff, shut out while the counsellor was the contact, may now choose another.
    client.post("/auth/logout")
    client.login(world["moderator"].email)
    assert client.get(url(agreement, "/terms")).status_code == 200
