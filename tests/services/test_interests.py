"""Interests from "I'm interested" to hired, the illegal steps, and invitations."""

from datetime import timedelta

import pytest

from jobbes.models import DeclineMessage, InterestStatus
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, own_data
from jobbes.services.moderation import InvalidTransition
from tests import factories

TODAY = local_today()


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session)


@pytest.fixture
def listing(db_session, employer):
    return factories.published_listing(db_session, employer, minimum_age=16)


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, age=17)


def express(db_session, young, listing, message="Hei!"):
    return interests.express_interest(
        db_session,
        profile=young.profile,
        listing=listing,
        message=message,
        today=TODAY,
        now=utcnow(),
    )


def test_the_whole_way_to_hired_leaves_a_timeline(db_session, young, listing):
    interest = express(db_session, young, listing)
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "invite_to_talk", now=utcnow(), message="Tirsdag kl. 10")
    interests.employer_step(
        interest,
        "agree_trial",
        now=utcnow(),
        trial_start=TODAY,
        trial_end=TODAY + timedelta(days=5),
    )
    interests.employer_step(interest, "offer", now=utcnow())
    interests.answer_offer(interest, accept=True, now=utcnow())
    assert interest.status is InterestStatus.HIRED
    assert [e.status for e in interest.events] == [
        InterestStatus.SENT,
        InterestStatus.SEEN,
        InterestStatus.TALK,
        InterestStatus.TRIAL_AGREED,
        InterestStatus.OFFERED,
        InterestStatus.HIRED,
    ]
    assert interest.employer_message == "Tirsdag kl. 10"


@pytest.mark.parametrize(
    ("reason", "arrange"),
    [
        ("too_young", lambda db, young, listing: setattr(listing, "minimum_age", 18)),
        (
            "closed",
            lambda db, young, listing: setattr(listing, "deadline", TODAY - timedelta(days=1)),
        ),
        ("already_interested", lambda db, young, listing: express(db, young, listing)),
    ],
)
def test_an_interest_is_refused_with_a_reason(db_session, young, listing, reason, arrange):
    arrange(db_session, young, listing)
    with pytest.raises(interests.NotPossible) as refused:
        express(db_session, young, listing)
    assert refused.value.reason == reason


def test_a_young_person_exactly_the_minimum_age_may_apply(db_session, listing):
    sixteen_today = factories.young_person(db_session, age=16)
    assert express(db_session, sixteen_today, listing).status is InterestStatus.SENT


def test_declining_needs_one_of_the_kind_messages(db_session, young, listing):
    interest = express(db_session, young, listing)
    with pytest.raises(interests.DetailsMissing):
        interests.employer_step(interest, "decline", now=utcnow())
    interests.employer_step(
        interest,
        "decline",
        now=utcnow(),
        decline_message=DeclineMessage.FILLED,
        message="Lykke til!",
    )
    assert interest.status is InterestStatus.DECLINED
    assert interest.decline_message is DeclineMessage.FILLED


def test_a_trial_needs_a_start_before_its_end(db_session, young, listing):
    interest = express(db_session, young, listing)
    with pytest.raises(interests.DetailsMissing):
        interests.employer_step(
            interest,
            "agree_trial",
            now=utcnow(),
            trial_start=TODAY,
            trial_end=TODAY - timedelta(days=1),
        )
    assert interest.status is InterestStatus.SENT


@pytest.mark.parametrize("step", ["offer"])
def test_steps_cannot_be_skipped_from_a_fresh_interest(db_session, young, listing, step):
    interest = express(db_session, young, listing)
    with pytest.raises(InvalidTransition):
        interests.employer_step(interest, step, now=utcnow())
    assert interest.status is InterestStatus.SENT


def offered(db_session, young, listing):
    interest = express(db_session, young, listing)
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "offer", now=utcnow(), message="Vil du ha jobben?")
    return interest


def test_an_employer_cannot_hire_without_the_young_persons_yes(db_session, young, listing):
    """Is "hired" reached only by the young person accepting an offer?"""
    assert "hire" not in interests.EMPLOYER_STEPS
    sources_of_hired = {
        step for step, (_, target) in interests.FLOW.steps.items() if target is InterestStatus.HIRED
    }
    assert sources_of_hired == {"accept_offer"}
    interest = express(db_session, young, listing)
    with pytest.raises(InvalidTransition):
        interests.answer_offer(interest, accept=True, now=utcnow())


@pytest.mark.parametrize(
    ("accept", "status"), [(True, InterestStatus.HIRED), (False, InterestStatus.OFFER_DECLINED)]
)
def test_the_young_person_answers_an_offer(db_session, young, listing, accept, status):
    interest = offered(db_session, young, listing)
    interests.answer_offer(interest, accept=accept, now=utcnow())
    assert interest.status is status
    # Someone who said no to the job is no longer counted as interested.
    assert interests.counts_by_listing(db_session, [listing.id]) == (
        {listing.id: 1} if accept else {}
    )
    assert interest.events[-1].status is status
    with pytest.raises(InvalidTransition):
        interests.answer_offer(interest, accept=not accept, now=utcnow())
    for step in interests.EMPLOYER_STEPS:
        with pytest.raises((InvalidTransition, interests.DetailsMissing)):
            interests.employer_step(interest, step, now=utcnow())


def test_a_withdrawn_interest_reopens_while_the_listing_is_open(db_session, young, listing):
    interest = offered(db_session, young, listing)
    interests.withdraw(interest, now=utcnow())
    interests.reopen(interest, today=TODAY, now=utcnow())
    assert interest.status is InterestStatus.SENT
    assert [e.status for e in interest.events][-2:] == [
        InterestStatus.WITHDRAWN,
        InterestStatus.SENT,
    ]
    with pytest.raises(InvalidTransition):
        interests.reopen(interest, today=TODAY, now=utcnow())


def test_a_withdrawn_interest_does_not_reopen_once_the_listing_has_closed(
    db_session, young, listing
):
    interest = express(db_session, young, listing)
    interests.withdraw(interest, now=utcnow())
    with pytest.raises(interests.NotPossible) as refused:
        interests.reopen(
            interest, today=listing.current_version.deadline + timedelta(days=1), now=utcnow()
        )
    assert refused.value.reason is interests.WhyNot.CLOSED
    assert interest.status is InterestStatus.WITHDRAWN


def finish(interest, how):
    if how == "withdrawn":
        interests.withdraw(interest, now=utcnow())
    elif how == "declined":
        interests.employer_step(
            interest, "decline", now=utcnow(), decline_message=DeclineMessage.FILLED
        )
    else:
        interests.employer_step(interest, "offer", now=utcnow())
        interests.answer_offer(interest, accept=True, now=utcnow())


# Every step with the details it needs, so that only the interest's state can refuse it.
COMPLETE_STEPS = {
    "invite_to_talk": {"message": "Kom innom"},
    "agree_trial": {"trial_start": TODAY, "trial_end": TODAY + timedelta(days=2)},
    "offer": {},
    "decline": {"decline_message": DeclineMessage.NOT_NOW, "message": "Lykke til"},
}


def test_every_employer_step_is_tested_with_complete_details():
    assert set(COMPLETE_STEPS) == set(interests.EMPLOYER_STEPS)


@pytest.mark.parametrize("how", ["hired", "declined", "withdrawn"])
@pytest.mark.parametrize("step", interests.EMPLOYER_STEPS)
def test_nothing_moves_after_hired_declined_or_withdrawn(db_session, young, listing, how, step):
    interest = express(db_session, young, listing)
    interests.mark_seen(interest, now=utcnow())
    finish(interest, how)
    before = (
        interest.status,
        interest.trial_start,
        interest.trial_end,
        interest.decline_message,
        interest.employer_message,
        len(interest.events),
    )
    with pytest.raises(InvalidTransition):
        interests.employer_step(interest, step, now=utcnow(), **COMPLETE_STEPS[step])
    after = (
        interest.status,
        interest.trial_start,
        interest.trial_end,
        interest.decline_message,
        interest.employer_message,
        len(interest.events),
    )
    assert after == before
    with pytest.raises(InvalidTransition):
        interests.withdraw(interest, now=utcnow())


@pytest.mark.parametrize("step", ["decline", "agree_trial"])
def test_an_employer_cannot_decline_or_agree_a_trial_on_a_withdrawn_interest(
    db_session, young, listing, step
):
    interest = express(db_session, young, listing)
    interests.withdraw(interest, now=utcnow())
    with pytest.raises(InvalidTransition):
        interests.employer_step(interest, step, now=utcnow(), **COMPLETE_STEPS[step])
    assert interest.status is InterestStatus.WITHDRAWN
    assert (interest.trial_start, interest.decline_message) == (None, None)


def test_an_employer_invites_only_a_findable_young_person(db_session, young, listing):
    with pytest.raises(interests.NotPossible) as refused:
        interests.invite(
            db_session,
            listing=listing,
            profile=young.profile,
            message=None,
            today=TODAY,
            now=utcnow(),
        )
    assert refused.value.reason == "not_discoverable"


def test_an_invitation_is_answered_by_the_young_person(db_session, listing):
    young = factories.findable_young_person(db_session)
    invitation = interests.invite(
        db_session,
        listing=listing,
        profile=young.profile,
        message="Hei!",
        today=TODAY,
        now=utcnow(),
    )
    assert invitation.status is InterestStatus.INVITED
    assert interests.counts_by_listing(db_session, [listing.id]) == {}
    interests.respond_to_invitation(invitation, accept=True, message="Ja takk", now=utcnow())
    assert invitation.status is InterestStatus.SENT
    assert invitation.message == "Ja takk"
    assert interests.counts_by_listing(db_session, [listing.id]) == {listing.id: 1}
    with pytest.raises(InvalidTransition):
        interests.respond_to_invitation(invitation, accept=False, message=None, now=utcnow())


def test_leaving_jobbes_withdraws_open_interests_and_erases_the_message(db_session, young, listing):
    interest = express(db_session, young, listing, message="Mitt telefonnummer er 99999999")
    db_session.flush()
    interest_id = interest.id
    own_data.delete_account(db_session, young, now=utcnow())
    db_session.flush()
    db_session.expire_all()
    left = db_session.get(type(interest), interest_id)
    assert left.status is InterestStatus.WITHDRAWN
    assert left.profile_id is None
    assert left.message is None


def test_the_conversation_keeps_every_message_in_order_with_who_said_it(db_session, young, listing):
    """Does an earlier message stay readable after the next step carries one of its own?"""
    interest = express(db_session, young, listing, message="Jeg liker å lage mat.")
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(
        interest, "invite_to_talk", now=utcnow(), message="Kom innom tirsdag kl. 10."
    )
    interests.employer_step(
        interest, "agree_trial", now=utcnow(), trial_start=TODAY, message="Vi sees mandag!"
    )
    interests.employer_step(
        interest,
        "decline",
        now=utcnow(),
        decline_message=DeclineMessage.FILLED,
        message="Lykke til",
    )
    said = interests.conversation(interest)
    assert [(s.by_young_person, s.text) for s in said] == [
        (True, "Jeg liker å lage mat."),
        (False, "Kom innom tirsdag kl. 10."),
        (False, "Vi sees mandag!"),
        (False, "Lykke til"),
    ]
    assert said[-1].kind_message is DeclineMessage.FILLED
    assert [s.at for s in said] == sorted(s.at for s in said)
    assert said[1].status is InterestStatus.TALK


def test_an_invitation_and_its_answer_are_both_in_the_conversation(db_session, listing):
    young = factories.findable_young_person(db_session)
    interest = interests.invite(
        db_session,
        listing=listing,
        profile=young.profile,
        message="Du passer fint!",
        today=TODAY,
        now=utcnow(),
    )
    interests.respond_to_invitation(interest, accept=True, message="Takk, gjerne!", now=utcnow())
    said = interests.conversation(interest)
    assert [(s.by_young_person, s.text) for s in said] == [
        (False, "Du passer fint!"),
        (True, "Takk, gjerne!"),
    ]


# Found by mutation testing (make mutation): paths and filters no test had pinned.


def invitation(db_session, listing, young=None):
    young = young or factories.findable_young_person(db_session)
    return interests.invite(
        db_session,
        listing=listing,
        profile=young.profile,
        message="Hei!",
        today=TODAY,
        now=utcnow(),
    )


def test_an_invitation_can_be_declined(db_session, listing):
    invited = invitation(db_session, listing)
    interests.respond_to_invitation(invited, accept=False, message="Nei takk", now=utcnow())
    assert invited.status is InterestStatus.INVITATION_DECLINED
    assert invited.message is None


def test_leaving_declines_invitations_and_leaves_finished_interests_as_they_were(
    db_session, employer, listing
):
    young = factories.findable_young_person(db_session)
    invited = invitation(db_session, listing, young)
    hired = express(db_session, young, factories.published_listing(db_session, employer))
    interests.employer_step(hired, "invite_to_talk", now=utcnow(), message="Kom, Sara")
    interests.employer_step(hired, "offer", now=utcnow())
    interests.answer_offer(hired, accept=True, now=utcnow())
    own_data.delete_account(db_session, young, now=utcnow())
    db_session.flush()
    assert invited.status is InterestStatus.INVITATION_DECLINED
    assert hired.status is InterestStatus.HIRED
    assert (hired.message, hired.employer_message) == (None, None)
    assert (invited.message, invited.employer_message) == (None, None)


def test_opening_the_pipeline_reads_only_this_listings_new_interests(
    db_session, employer, listing, young
):
    other_listing = factories.published_listing(db_session, employer)
    here = express(db_session, young, listing)
    elsewhere = express(db_session, young, other_listing)
    assert interests.mark_all_seen(db_session, listing, now=utcnow())
    assert (here.status, elsewhere.status) == (InterestStatus.SEEN, InterestStatus.SENT)
    interests.employer_step(here, "invite_to_talk", now=utcnow())
    db_session.flush()
    assert not interests.mark_all_seen(db_session, listing, now=utcnow())  # nothing new


def test_counts_are_per_listing_asked_for(db_session, employer, listing, young):
    other_listing = factories.published_listing(db_session, employer)
    express(db_session, young, listing)
    express(db_session, young, other_listing)
    assert interests.counts_by_listing(db_session, [listing.id]) == {listing.id: 1}


def test_the_pipeline_is_oldest_first_and_my_interests_newest_change_first(
    db_session, employer, young
):
    first, second = (factories.published_listing(db_session, employer) for _ in range(2))
    older = express(db_session, young, second)
    newer = express(db_session, young, first)
    start = utcnow()
    older.created_at, newer.created_at = start - timedelta(days=2), start - timedelta(days=1)
    older.updated_at, newer.updated_at = start, start - timedelta(days=1)
    db_session.flush()
    # Changed last, though made first: the ids alone would give the other order.
    assert db_session.scalars(interests.of_profile(young.profile)).all() == [older, newer]
    other = factories.young_person(db_session, age=18)
    earliest = express(db_session, other, second)
    earliest.created_at = start - timedelta(days=3)  # made before `older`, though its id is higher
    db_session.flush()
    assert db_session.scalars(interests.for_listing(second)).all() == [earliest, older]
