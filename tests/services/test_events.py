"""Each thing that happens tells the right people, with the right kind, and never the actor."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import DeclineMessage, Notification, NotificationKind, RejectionReason
from jobbes.models.base import local_today, utcnow
from jobbes.services import accounts, interests, listings, organisations
from jobbes.services.moderation import Decision
from tests import factories

K = NotificationKind
TODAY = local_today()


def told(db_session, user):
    """The kinds this person was told of, oldest first."""
    db_session.flush()
    return list(
        db_session.scalars(
            select(Notification.kind)
            .where(Notification.user_id == user.id)
            .order_by(Notification.id)
        )
    )


def last(db_session, user):
    return db_session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id.desc())
    ).first()


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Kafé Kvadraturen")


@pytest.fixture
def colleague(db_session, employer):
    user = factories.employer(db_session)
    user.organisation = employer.organisation
    db_session.flush()
    return user


@pytest.fixture
def listing(db_session, employer):
    return factories.published_listing(db_session, employer, title="Kjøkkenhjelp")


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, name="Sara")


@pytest.fixture
def interest(db_session, young, listing):
    return factories.interest(db_session, young, listing)


def test_a_new_interest_tells_every_member_and_not_the_young_person(
    db_session, employer, colleague, young, interest
):
    assert told(db_session, employer)[-1] is K.INTEREST_NEW
    assert told(db_session, colleague)[-1] is K.INTEREST_NEW
    assert told(db_session, young) == []
    note = last(db_session, employer)
    assert note.params == {"listing": "Kjøkkenhjelp", "organisation": "Kafé Kvadraturen"}
    assert note.link == f"/employer/listings/{interest.listing_id}/interests#card-{interest.id}"
    # Employers are not sent the young person's name: it stays behind the link.
    assert "Sara" not in str(note.params)


def test_each_employer_step_tells_the_young_person_and_not_the_employer(
    db_session, employer, young, interest
):
    before = told(db_session, employer)
    now = utcnow()
    interests.mark_seen(interest, now=now)
    interests.employer_step(
        interest, "invite_to_talk", now=now, message="Tirsdag kl. 10, Markens 1"
    )
    assert last(db_session, young).params["message"] == "Tirsdag kl. 10, Markens 1"
    interests.employer_step(
        interest, "agree_trial", now=now, trial_start=TODAY, trial_end=TODAY + timedelta(days=4)
    )
    trial = last(db_session, young)
    assert trial.params["start"] == TODAY.isoformat()
    assert trial.params["end"] == (TODAY + timedelta(days=4)).isoformat()
    interests.employer_step(interest, "offer", now=now)
    assert told(db_session, young) == [
        K.INTEREST_READ,
        K.INTEREST_INVITED,
        K.INTEREST_TRIAL_AGREED,
        K.INTEREST_OFFERED,
    ]
    assert all(n.link == f"/me/interests#interest-{interest.id}" for n in [trial])
    assert told(db_session, employer) == before


@pytest.mark.parametrize(
    ("accept", "kind"), [(True, K.INTEREST_OFFER_ACCEPTED), (False, K.INTEREST_OFFER_DECLINED)]
)
def test_answering_an_offer_tells_the_employer_and_not_the_young_person(
    db_session, employer, young, interest, accept, kind
):
    now = utcnow()
    interests.mark_seen(interest, now=now)
    interests.employer_step(interest, "offer", now=now)
    before = told(db_session, young)
    interests.answer_offer(interest, accept=accept, now=now)
    assert told(db_session, employer)[-1] is kind
    assert told(db_session, young) == before


def test_coming_back_after_withdrawing_is_a_new_interest_for_the_employer(
    db_session, employer, young, interest
):
    interests.withdraw(interest, now=utcnow())
    interests.reopen(interest, today=TODAY, now=utcnow())
    assert told(db_session, employer)[-2:] == [K.INTEREST_WITHDRAWN, K.INTEREST_NEW]
    assert told(db_session, young) == []


def test_a_decline_carries_the_kind_message(db_session, young, interest):
    interests.employer_step(
        interest,
        "decline",
        now=utcnow(),
        decline_message=DeclineMessage.FILLED,
        message="Lykke til!",
    )
    note = last(db_session, young)
    assert note.kind is K.INTEREST_DECLINED
    assert note.params["decline_message"] == "filled"
    assert note.params["message"] == "Lykke til!"


def test_withdrawing_tells_the_employer_and_not_the_young_person(
    db_session, employer, young, interest
):
    interests.withdraw(interest, now=utcnow())
    assert told(db_session, employer)[-1] is K.INTEREST_WITHDRAWN
    assert told(db_session, young) == []


def test_an_invitation_tells_the_young_person_and_the_answer_tells_the_employer(
    db_session, employer, listing
):
    nora = factories.findable_young_person(db_session, name="Nora")
    before = told(db_session, employer)
    invitation = interests.invite(
        db_session,
        listing=listing,
        profile=nora.profile,
        message="Vi tror du passer!",
        today=TODAY,
        now=utcnow(),
    )
    note = last(db_session, nora)
    assert note.kind is K.INTEREST_INVITED_BY_EMPLOYER
    assert note.params["message"] == "Vi tror du passer!"
    assert told(db_session, employer) == before
    interests.respond_to_invitation(invitation, accept=True, message=None, now=utcnow())
    assert told(db_session, employer)[-1] is K.INTEREST_ACCEPTED
    assert told(db_session, nora)[-1] is K.INTEREST_INVITED_BY_EMPLOYER


def test_declining_an_invitation_tells_the_employer(db_session, employer, listing):
    nora = factories.findable_young_person(db_session, name="Nora")
    invitation = interests.invite(
        db_session, listing=listing, profile=nora.profile, message=None, today=TODAY, now=utcnow()
    )
    interests.respond_to_invitation(invitation, accept=False, message=None, now=utcnow())
    assert told(db_session, employer)[-1] is K.INTEREST_INVITATION_DECLINED


def test_closing_a_listing_tells_those_still_interested(db_session, listing, young, interest):
    gone = factories.young_person(db_session)
    interests.withdraw(factories.interest(db_session, gone, listing), now=utcnow())
    listings.close_listing(listing, now=utcnow())
    assert told(db_session, young)[-1] is K.LISTING_CLOSED
    assert K.LISTING_CLOSED not in told(db_session, gone)


def test_a_listing_taken_down_tells_those_interested(db_session, listing, young, interest):
    moderator = factories.staff(db_session)
    listings.unpublish_listing(
        db_session, listing, moderator=moderator, reason="Ikke en ekte jobb", now=utcnow()
    )
    assert told(db_session, young)[-1] is K.LISTING_CLOSED
    assert told(db_session, moderator) == []


def _edit_and_submit(db_session, listing, employer, title):
    listings.save_listing(
        db_session,
        listing,
        author=employer,
        content=factories.listing_content(title=title),
        now=utcnow(),
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    return listing.current_version


def test_an_approved_edit_tells_the_employer_and_those_interested(
    db_session, employer, colleague, listing, young, interest
):
    version = _edit_and_submit(db_session, listing, employer, "Kjøkkenhjelp, nå med lønn")
    moderator = factories.staff(db_session)
    listings.decide_listing(
        db_session, version, moderator=moderator, decision=Decision.APPROVE, now=utcnow()
    )
    assert told(db_session, employer)[-1] is K.LISTING_APPROVED
    assert told(db_session, colleague)[-1] is K.LISTING_APPROVED
    assert told(db_session, young)[-1] is K.LISTING_CHANGED
    assert last(db_session, young).params["listing"] == "Kjøkkenhjelp, nå med lønn"
    assert told(db_session, moderator) == []


def test_a_listing_sent_back_or_rejected_tells_its_organisation_why(db_session, employer):
    moderator = factories.staff(db_session)
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    draft = factories.listing(db_session, employer)
    listings.submit_listing(draft, today=TODAY, now=utcnow())
    listings.decide_listing(
        db_session,
        draft.current_version,
        moderator=moderator,
        decision=Decision.REQUEST_CHANGES,
        comment="Skriv arbeidstiden",
        now=utcnow(),
    )
    note = last(db_session, employer)
    assert note.kind is K.LISTING_CHANGES_REQUESTED
    assert note.params["message"] == "Skriv arbeidstiden"
    assert note.link == f"/employer/listings/{draft.id}"

    _edit_and_submit(db_session, draft, employer, "Kokk")
    listings.decide_listing(
        db_session,
        draft.current_version,
        moderator=moderator,
        decision=Decision.REJECT,
        reason=RejectionReason.NOT_A_REAL_JOB,
        now=utcnow(),
    )
    note = last(db_session, employer)
    assert note.kind is K.LISTING_REJECTED
    assert note.params["reason"] == "not_a_real_job"


def test_verifying_an_organisation_tells_its_members(db_session, employer, colleague):
    moderator = factories.staff(db_session)
    organisations.verify(db_session, employer.organisation, moderator=moderator, now=utcnow())
    assert told(db_session, employer) == [K.ORGANISATION_VERIFIED]
    assert told(db_session, colleague) == [K.ORGANISATION_VERIFIED]
    assert told(db_session, moderator) == []


def test_a_colleague_joining_tells_the_others_but_not_them_nor_those_still_invited(
    db_session, employer
):
    invited = accounts.invite_employer(
        db_session, organisation=employer.organisation, email="ny@example.no", invited_by=employer
    )
    waiting = accounts.invite_employer(
        db_session,
        organisation=employer.organisation,
        email="snart@example.no",
        invited_by=employer,
    )
    accounts.accept_invitation(invited, name="Per", password="et langt passord", now=utcnow())
    assert told(db_session, employer) == [K.ORGANISATION_COLLEAGUE_JOINED]
    assert last(db_session, employer).params["name"] == "Per"
    assert told(db_session, invited) == []
    assert told(db_session, waiting) == []


@pytest.mark.parametrize(
    ("decision", "kind"),
    [
        (Decision.APPROVE, K.PROFILE_APPROVED),
        (Decision.REQUEST_CHANGES, K.PROFILE_CHANGES_REQUESTED),
    ],
)
def test_a_decision_on_a_profile_tells_the_young_person(db_session, decision, kind):
    nora = factories.findable_young_person(db_session, approved=False)
    comment = "Fjern telefonnummeret" if decision is Decision.REQUEST_CHANGES else None
    moderator = factories.decide_profile(db_session, nora.profile, decision, comment=comment)
    assert told(db_session, nora) == [kind]
    assert told(db_session, moderator) == []
    if comment:
        assert last(db_session, nora).params["message"] == comment


def test_a_suspended_young_person_is_not_told(db_session, young, interest):
    young.suspended_at = utcnow()
    interests.mark_seen(interest, now=utcnow())
    assert told(db_session, young) == []
