"""Profiles, without HTTP: building them, being found, and the young person's own data."""

import json
from dataclasses import fields
from datetime import timedelta

import pytest
from sqlalchemy import func, inspect, select

from jobbes.models import (
    AuditEvent,
    Base,
    DeclineMessage,
    Profile,
    Report,
    ReportReason,
    ReportStatus,
    ReviewStatus,
    Role,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, moderation, own_data, profiles, reports, users, visibility
from jobbes.services.moderation import Decision
from jobbes.vocabulary import Language, LanguageLevel, OccupationalField, Opportunity, Weekpart
from tests import factories


def complete(db_session, profile, *, about="Jeg liker å lage mat.", skills=("cooking",)):
    now = utcnow()
    profiles.save_wishes(
        profile,
        opportunities=[Opportunity.JOB_TRIAL, Opportunity.SUMMER_JOB],
        fields=[OccupationalField.FOOD_RESTAURANT],
        now=now,
    )
    profiles.save_where_and_when(
        profile,
        home_area="vagsbygd",
        max_travel_minutes=30,
        weekparts=[Weekpart.WEEKDAYS, Weekpart.WEEKENDS],
        available_from=None,
        driving_licence=False,
        now=now,
    )
    profiles.save_skills_and_languages(
        db_session,
        profile,
        skills=list(skills),
        languages={Language.NORWEGIAN: LanguageLevel.GOOD, Language.ARABIC: LanguageLevel.NATIVE},
        now=now,
    )
    profiles.save_about(
        profile,
        name=profile.user.name,
        about=about,
        contact_name=None,
        contact_email=None,
        share_contact=False,
        now=now,
    )
    db_session.flush()


def discoverable_ids(db_session):
    return set(
        db_session.scalars(visibility.discoverable_profiles().with_only_columns(Profile.user_id))
    )


def approve_pending(db_session, profile):
    return factories.decide_profile(db_session, profile, Decision.APPROVE)


def write_about(profile, about, **contact):
    profiles.save_about(
        profile,
        name="Sara",
        about=about,
        contact_name=contact.get("contact_name"),
        contact_email=contact.get("contact_email"),
        share_contact=contact.get("share_contact", False),
        now=utcnow(),
    )


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, name="Sara", age=17)


def test_a_new_profile_is_empty_and_points_to_the_first_step(young):
    check = profiles.completeness(young.profile)
    assert check.percent == 0
    assert check.next_step == "wishes"
    assert not check.can_be_found


def test_a_filled_profile_is_complete(db_session, young):
    complete(db_session, young.profile)
    check = profiles.completeness(young.profile)
    assert check.percent == 100
    assert check.missing == ()
    assert check.next_step is None


def test_completeness_grows_step_by_step(db_session, young):
    profiles.save_wishes(
        young.profile,
        opportunities=[Opportunity.JOB],
        fields=[OccupationalField.IT],
        now=utcnow(),
    )
    check = profiles.completeness(young.profile)
    assert check.percent == 29  # two of seven parts
    assert check.next_step == "where-and-when"


def test_saving_replaces_choices_and_keeps_the_order_of_skills(db_session, young):
    profile = young.profile
    for skills in (["cooking", "Fotball-trener", "cooking"], ["Fotball-trener", "Excel"]):
        profiles.save_skills_and_languages(
            db_session, profile, skills=skills, languages={}, now=utcnow()
        )
        db_session.flush()
    db_session.expire_all()
    assert profile.skills == ["Fotball-trener", "Excel"]


def test_a_profile_is_private_until_the_person_says_otherwise(db_session, young):
    complete(db_session, young.profile)
    assert discoverable_ids(db_session) == set()
    assert profiles.status_of(young.profile) == "private"


def test_an_incomplete_profile_cannot_be_made_findable(db_session, young):
    with pytest.raises(profiles.ProfileIncomplete) as error:
        profiles.set_discoverable(young.profile, True, now=utcnow())
    assert error.value.missing == ["opportunities", "fields", "place", "availability", "languages"]
    assert not young.profile.discoverable


def test_a_findable_profile_waits_for_a_moderator(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    pending = profile.pending_submission
    assert pending.review_status is ReviewStatus.SUBMITTED
    assert pending.content == {
        "name": "Sara",
        "about": "Jeg liker å lage mat.",
        "skills": ["cooking"],
    }
    assert discoverable_ids(db_session) == set()
    assert profiles.status_of(profile) == "in_review"

    moderator = approve_pending(db_session, profile)
    assert discoverable_ids(db_session) == {profile.user_id}
    assert profiles.status_of(profile) == "visible"
    [event] = db_session.scalars(select(AuditEvent)).all()
    assert (event.action, event.actor_id, event.subject_id) == (
        "profile:approve",
        moderator.id,
        profile.user_id,
    )


def test_changing_your_words_is_reviewed_again_while_employers_see_the_approved_ones(
    db_session, young
):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    approve_pending(db_session, profile)

    write_about(profile, "Nå vil jeg jobbe i barnehage.")
    db_session.flush()
    assert profile.pending_submission.content["about"] == "Nå vil jeg jobbe i barnehage."
    assert profiles.status_of(profile) == "visible_update_in_review"
    assert discoverable_ids(db_session) == {profile.user_id}
    today = local_today()
    assert profiles.shared_view(
        profile, today=today, words=profiles.approved_words(profile)
    ).about == ("Jeg liker å lage mat.")
    assert profiles.shared_view(profile, today=today).about == "Nå vil jeg jobbe i barnehage."

    approve_pending(db_session, profile)
    assert profiles.shared_view(
        profile, today=today, words=profiles.approved_words(profile)
    ).about == ("Nå vil jeg jobbe i barnehage.")


def test_choices_from_lists_need_no_new_review(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    approve_pending(db_session, profile)
    profiles.save_wishes(
        profile,
        opportunities=[Opportunity.APPRENTICESHIP],
        fields=[OccupationalField.BUILDING],
        now=utcnow(),
    )
    assert profile.pending_submission is None
    assert profiles.status_of(profile) == "visible"


def test_editing_again_while_in_review_replaces_the_pending_words(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    first = profile.pending_submission
    write_about(profile, "Ny tekst")
    db_session.flush()
    assert first.review_status is ReviewStatus.WITHDRAWN
    assert profile.pending_submission.content["about"] == "Ny tekst"
    assert [s.review_status for s in profile.submissions].count(ReviewStatus.SUBMITTED) == 1


def test_hiding_the_profile_withdraws_what_is_waiting(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    pending = profile.pending_submission
    profiles.set_discoverable(profile, False, now=utcnow())
    assert pending.review_status is ReviewStatus.WITHDRAWN
    assert not profile.discoverable
    assert profiles.status_of(profile) == "private"


def test_a_rejected_profile_is_not_findable_and_says_so(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    factories.decide_profile(
        db_session,
        profile,
        Decision.REJECT,
        reason=moderation.RejectionReason.OTHER,
        comment="Ikke en ekte profil",
    )
    assert not profile.discoverable
    assert profiles.status_of(profile) == "rejected"
    assert discoverable_ids(db_session) == set()


def test_the_shared_view_has_an_age_and_no_birth_date_or_email(db_session, young):
    complete(db_session, young.profile)
    shared = profiles.shared_view(young.profile, today=local_today())
    names = {f.name for f in fields(shared)}
    assert "birth_date" not in names
    assert "email" not in names
    assert shared.age == 17
    assert shared.is_minor
    assert young.profile.birth_date.isoformat() not in repr(shared)


def test_the_contact_person_is_shared_only_when_chosen(db_session, young):
    profile = young.profile
    for share in (False, True):
        profiles.save_about(
            profile,
            name="Sara",
            about=None,
            contact_name="Rådgiver Rita",
            contact_email="Rita@Skole.no",
            share_contact=share,
            now=utcnow(),
        )
        shared = profiles.shared_view(profile, today=local_today())
        assert (shared.contact_email == "rita@skole.no") is share


def approved_contact(profile):
    shared = profiles.shared_view(
        profile, today=local_today(), words=profiles.approved_words(profile)
    )
    return shared.contact_name, shared.contact_email


def test_a_shared_contact_person_is_checked_before_employers_see_it(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    approve_pending(db_session, profile)

    write_about(
        profile,
        "Jeg liker å lage mat.",
        contact_name="Rita",
        contact_email="rita@skole.no",
        share_contact=True,
    )
    db_session.flush()
    assert profile.pending_submission.content["contact_email"] == "rita@skole.no"
    assert approved_contact(profile) == (None, None)

    approve_pending(db_session, profile)
    assert approved_contact(profile) == ("Rita", "rita@skole.no")

    # A changed contact waits for review; employers keep seeing the approved one meanwhile.
    write_about(
        profile,
        "Jeg liker å lage mat.",
        contact_name="Ring meg",
        contact_email="betal@svindel.example",
        share_contact=True,
    )
    db_session.flush()
    assert profile.pending_submission.content["contact_name"] == "Ring meg"
    assert approved_contact(profile) == ("Rita", "rita@skole.no")


def test_a_contact_no_longer_shared_disappears_at_once(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    write_about(
        profile, "Hei", contact_name="Rita", contact_email="rita@skole.no", share_contact=True
    )
    profiles.set_discoverable(profile, True, now=utcnow())
    approve_pending(db_session, profile)
    assert approved_contact(profile) == ("Rita", "rita@skole.no")

    write_about(profile, "Hei", contact_name="Rita", contact_email="rita@skole.no")
    assert approved_contact(profile) == (None, None)


def test_a_contact_kept_private_is_not_sent_for_review(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    write_about(profile, "Hei", contact_name="Rita", contact_email="rita@skole.no")
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    assert "rita@skole.no" not in repr(profile.pending_submission.content)


def test_a_profile_hidden_by_a_moderator_is_checked_again_before_it_can_be_found(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    profiles.set_discoverable(profile, True, now=utcnow())
    approve_pending(db_session, profile)
    assert discoverable_ids(db_session) == {profile.user_id}

    profiles.hide_from_employers(
        db_session,
        profile,
        moderator=factories.staff(db_session),
        reason="Rapportert",
        now=utcnow(),
    )
    db_session.flush()
    assert discoverable_ids(db_session) == set()

    # Same words as before, but they go to a moderator again.
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    assert discoverable_ids(db_session) == set()
    assert profile.pending_submission is not None
    assert profiles.status_of(profile) == "in_review"

    approve_pending(db_session, profile)
    assert discoverable_ids(db_session) == {profile.user_id}


def test_a_start_date_in_the_past_means_now(db_session, young):
    profile = young.profile
    profile.available_from = local_today() - timedelta(days=3)
    assert profiles.shared_view(profile, today=local_today()).available_from is None


def a_listing(db_session):
    employer = factories.employer(db_session)
    return factories.published_listing(db_session, employer, minimum_age=16)


def test_the_export_holds_everything(db_session, young):
    complete(db_session, young.profile)
    data = json.loads(own_data.as_json(own_data.export_data(db_session, young)))
    assert data["account"]["email"] == young.email
    assert data["profile"]["birth_date"] == young.profile.birth_date.isoformat()
    assert data["profile"]["languages"] == {"nb": 2, "ar": 4}
    assert data["profile"]["occupational_fields"] == ["food_restaurant"]
    assert data["interests"] == []
    assert data["reports_made"] == []


def test_the_export_holds_what_employers_wrote_her_and_what_she_reported(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    listing = a_listing(db_session)
    interest = factories.interest(db_session, young, listing, message="Jeg kan komme i morgen")
    today = local_today()
    interests.employer_step(
        interest,
        "agree_trial",
        now=utcnow(),
        message="Møt opp kl. 9",
        trial_start=today + timedelta(days=7),
        trial_end=today + timedelta(days=9),
    )
    interests.employer_step(
        interest,
        "decline",
        now=utcnow(),
        message="Lykke til videre",
        decline_message=DeclineMessage.FILLED,
    )
    factories.report(db_session, young, listing, text="De ba om penger")
    moderator = factories.staff(db_session)
    users.suspend(db_session, young, moderator=moderator, reason="Trakassering", now=utcnow())
    db_session.flush()

    data = json.loads(own_data.as_json(own_data.export_data(db_session, young)))

    assert data["account"]["suspended_reason"] == "Trakassering"
    assert data["account"]["suspended_at"] is not None
    [exported] = data["interests"]
    assert exported["listing"] == "Kjøkkenhjelp på kafé"
    assert exported["my_message"] == "Jeg kan komme i morgen"
    assert exported["trial_start"] == (today + timedelta(days=7)).isoformat()
    assert exported["trial_end"] == (today + timedelta(days=9)).isoformat()
    assert exported["decline_message"] == "filled"
    assert [(e["status"], e["note"]) for e in exported["timeline"]] == [
        ("sent", None),
        ("trial_agreed", "Møt opp kl. 9"),
        ("declined", "Lykke til videre"),
    ]
    [report] = data["reports_made"]
    assert report["about"] == "listing"
    assert report["listing"] == "Kjøkkenhjelp på kafé"
    assert (report["reason"], report["my_words"], report["status"]) == (
        "scam",
        "De ba om penger",
        "open",
    )


def test_deleting_an_account_leaves_no_personal_data(db_session, young):
    profile = young.profile
    complete(db_session, profile)
    write_about(
        profile,
        "Jeg liker å lage mat.",
        contact_name="Rita",
        contact_email="rita@skole.no",
        share_contact=True,
    )
    profiles.set_discoverable(profile, True, now=utcnow())
    db_session.flush()
    factories.decide_profile(
        db_session,
        profile,
        Decision.REQUEST_CHANGES,
        comment="Sara, skriv litt om hvor du har gått på skole",
    )
    other = factories.young_person(db_session, name="Other")
    moderator = factories.staff(db_session)
    listing = a_listing(db_session)
    interest = factories.interest(db_session, young, listing, message="Ring meg på 99999999")
    interests.employer_step(interest, "invite_to_talk", now=utcnow(), message="Hei Sara, kom!")
    filed = factories.report(
        db_session, young, listing, reason=ReportReason.OTHER, text="Sara her: sjefen ba om Vipps"
    )
    reports.close_report(
        db_session, filed, "dismiss", moderator=moderator, note="Ringte Sara", now=utcnow()
    )
    about_her = factories.report(
        db_session,
        other,
        young,
        reason=ReportReason.INAPPROPRIATE,
        text="Sara går i 10B på Vågsbygd skole",
    )
    reports.close_report(
        db_session,
        about_her,
        "resolve",
        moderator=moderator,
        note="Sara fjernet skolen",
        now=utcnow(),
    )
    db_session.flush()
    user_id, email = young.id, young.email
    report_ids = {filed.id, about_her.id}

    own_data.delete_account(db_session, young, now=utcnow())
    db_session.flush()
    db_session.expire_all()

    assert db_session.get(User, user_id) is None
    assert db_session.get(User, other.id) is not None
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.foreign_keys and any(
                fk.column.table.name in ("users", "profiles") for fk in column.foreign_keys
            ):
                count = db_session.scalar(
                    select(func.count()).select_from(table).where(column == user_id)
                )
                assert count == 0, f"{table.name}.{column.name} still points at the user"
    [event] = db_session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "profile"))
    assert event.comment is None  # the moderator's words named her
    assert event.subject_id == user_id
    # The moderation history keeps its rows and numbers, with no words in them.
    left = db_session.scalars(select(Report).where(Report.id.in_(report_ids))).all()
    assert {(r.status, r.text, r.resolution_note) for r in left} == {
        (ReportStatus.DISMISSED, None, None),
        (ReportStatus.RESOLVED, None, None),
    }
    assert db_session.get(Report, filed.id).reporter_id is None
    report_events = db_session.scalars(
        select(AuditEvent).where(AuditEvent.subject_type == "report")
    ).all()
    assert {(e.action, e.subject_id, e.comment) for e in report_events} == {
        ("report:dismiss", filed.id, None),
        ("report:resolve", about_her.id, None),
    }
    # Nothing she typed, or anyone wrote about her, survives anywhere in the database.
    for table in Base.metadata.sorted_tables:
        for row in db_session.execute(select(table)).all():
            text = repr(row)
            assert email not in text
            for words in (
                "Jeg liker å lage mat",
                "rita@skole.no",
                "Sara",
                "99999999",
                "Vipps",
                "Vågsbygd skole",
            ):
                assert words not in text, (table.name, words)
    assert inspect(young).was_deleted or inspect(young).detached


def test_a_moderator_who_leaves_keeps_every_audit_entry_they_wrote(db_session):
    """The log of decisions is never lost: the entry stays, its actor a number for nobody."""
    staff = factories.staff(db_session, role=Role.MODERATOR)
    young = factories.findable_young_person(db_session, approved=False)
    factories.decide_profile(db_session, young.profile, Decision.APPROVE)  # another moderator
    profiles.hide_from_employers(
        db_session, young.profile, moderator=staff, reason="Rapportert", now=utcnow()
    )
    db_session.flush()
    staff_id = staff.id
    own_data.delete_account(db_session, staff, now=utcnow())
    db_session.flush()
    entry = db_session.scalars(select(AuditEvent).where(AuditEvent.actor_id == staff_id)).one()
    assert (entry.action, entry.comment) == ("profile:hide", "Rapportert")
    assert db_session.get(User, staff_id) is None
