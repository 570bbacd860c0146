"""Conversations: who writes when, what the other side reads, and what reports and leaving do."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from jobbes.models import (
    DeclineMessage,
    InterestStatus,
    Message,
    Notification,
    NotificationKind,
    ReportReason,
    Side,
)
from jobbes.models.base import local_today, utcnow
from jobbes.services import interests, messages, own_data, reports, users
from jobbes.services.state_machine import compare_and_set
from tests import factories

TODAY = local_today()


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Lund Kafé")


@pytest.fixture
def colleague(db_session, employer):
    other = factories.employer(db_session)
    other.organisation_id = employer.organisation_id
    db_session.flush()
    return other


@pytest.fixture
def listing(db_session, employer):
    return factories.published_listing(db_session, employer, title="Kokk", minimum_age=15)


@pytest.fixture
def young(db_session):
    return factories.young_person(db_session, age=19, name="Sara")


@pytest.fixture
def interest(db_session, young, listing):
    return factories.interest(db_session, young, listing, message="Jeg liker å lage mat.")


def told(db_session, user, kind):
    return db_session.scalars(
        select(Notification).where(Notification.user_id == user.id, Notification.kind == kind)
    ).all()


def test_the_young_persons_first_words_open_the_conversation(db_session, interest, employer):
    entries = messages.conversation(db_session, interest, viewer=employer)
    assert [(e.side, e.text) for e in entries] == [(Side.YOUNG_PERSON, "Jeg liker å lage mat.")]
    assert messages.is_open(interest)


def test_messages_follow_the_earlier_words_in_order_on_both_sides(
    db_session, interest, employer, young
):
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "invite_to_talk", now=utcnow(), message="Kom tirsdag.")
    messages.send(db_session, interest, sender=employer, body="Passer kl. 10?", now=utcnow())
    messages.send(db_session, interest, sender=young, body="Ja, det passer!", now=utcnow())
    for viewer in (young, employer):
        entries = messages.conversation(db_session, interest, viewer=viewer)
        assert [e.text for e in entries] == [
            "Jeg liker å lage mat.",
            "Kom tirsdag.",
            "Passer kl. 10?",
            "Ja, det passer!",
        ]


def test_a_message_is_kept_as_plain_text_up_to_2000_characters(db_session, interest, young):
    sent = messages.send(db_session, interest, sender=young, body="  <b>hei</b>  ", now=utcnow())
    assert sent.body == "<b>hei</b>"
    messages.send(db_session, interest, sender=young, body="x" * 2000, now=utcnow())
    for body in ("", "   ", "x" * 2001):
        with pytest.raises(messages.EmptyMessage):
            messages.send(db_session, interest, sender=young, body=body, now=utcnow())


@pytest.mark.parametrize(
    "ending",
    ["withdraw", "decline", "decline_offer"],
)
def test_an_ended_interest_closes_the_conversation_for_both_sides(
    db_session, interest, employer, young, ending
):
    if ending == "withdraw":
        interests.withdraw(interest, now=utcnow())
    elif ending == "decline":
        interests.employer_step(
            interest, "decline", now=utcnow(), decline_message=DeclineMessage.NOT_NOW
        )
    else:
        interests.mark_seen(interest, now=utcnow())
        interests.employer_step(interest, "offer", now=utcnow())
        interests.answer_offer(interest, accept=False, now=utcnow())
    assert not messages.is_open(interest)
    for sender in (young, employer):
        with pytest.raises(messages.ConversationClosed):
            messages.send(db_session, interest, sender=sender, body="Hei?", now=utcnow())
    # Still readable by the young person.
    assert messages.conversation(db_session, interest, viewer=young)


def test_a_hire_keeps_the_conversation_open_for_the_first_day(
    db_session, interest, employer, young
):
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "offer", now=utcnow())
    interests.answer_offer(interest, accept=True, now=utcnow())
    assert interest.status is InterestStatus.HIRED
    messages.send(db_session, interest, sender=employer, body="Velkommen mandag!", now=utcnow())


def test_an_invitation_opens_a_conversation_the_young_person_can_answer(
    db_session, employer, listing
):
    findable = factories.findable_young_person(db_session, name="Emil")
    invited = interests.invite(
        db_session,
        listing=listing,
        profile=findable.profile,
        message="Vil du søke?",
        today=TODAY,
        now=utcnow(),
    )
    assert [e.text for e in messages.conversation(db_session, invited, viewer=findable)] == [
        "Vil du søke?"
    ]
    messages.send(db_session, invited, sender=findable, body="Hva går jobben ut på?", now=utcnow())


def test_a_message_sent_as_the_interest_ends_loses_and_is_not_written(
    db_session, interest, young, employer
):
    """The employer declined from another page while the young person was writing."""
    seen = interest.status
    compare_and_set(interest, expected={"status": seen}, values={"status": InterestStatus.DECLINED})
    # The young person's page still says "sent": that is what their form carries.
    with pytest.raises(messages.ConversationClosed) as refused:
        messages.send(
            db_session, interest, sender=young, body="Hallo?", expected=seen, now=utcnow()
        )
    assert refused.value.current is InterestStatus.DECLINED
    assert db_session.scalars(select(Message)).all() == []


def test_a_message_still_goes_when_the_interest_only_moved_on(db_session, interest, young):
    """A colleague invited to a talk meanwhile: the conversation is still open."""
    interests.mark_seen(interest, now=utcnow())
    interests.employer_step(interest, "invite_to_talk", now=utcnow())
    sent = messages.send(
        db_session,
        interest,
        sender=young,
        body="Flott!",
        expected=InterestStatus.SENT,
        now=utcnow(),
    )
    assert sent.id is not None


def test_reading_marks_the_other_sides_messages_and_shows_the_receipt(
    db_session, interest, young, employer, colleague
):
    first = messages.send(db_session, interest, sender=young, body="Én", now=utcnow())
    messages.send(db_session, interest, sender=young, body="To", now=utcnow())
    entries = messages.conversation(db_session, interest, viewer=young)
    # The interest is not seen yet, so nothing of the young person's is read.
    assert messages.last_read(entries, Side.YOUNG_PERSON) is None
    # A colleague reading is the organisation reading; the young person's own reading is not.
    assert not messages.mark_read(db_session, interest, reader=young, now=utcnow())
    read_by_colleague = utcnow()
    assert messages.mark_read(db_session, interest, reader=colleague, now=read_by_colleague)
    messages.mark_read(db_session, interest, reader=employer, now=utcnow() + timedelta(hours=1))
    db_session.refresh(first)
    assert first.read_at == read_by_colleague
    entries = messages.conversation(db_session, interest, viewer=young)
    assert messages.last_read(entries, Side.YOUNG_PERSON) == len(entries) - 1


def test_a_burst_of_messages_is_one_notification_until_it_is_read(
    db_session, interest, young, employer
):
    for body in ("Hei", "Er du der?", "Jeg kan starte mandag"):
        messages.send(db_session, interest, sender=young, body=body, now=utcnow())
    assert len(told(db_session, employer, NotificationKind.MESSAGE_TO_EMPLOYER)) == 1
    messages.mark_read(db_session, interest, reader=employer, now=utcnow())
    messages.send(db_session, interest, sender=young, body="Takk!", now=utcnow())
    assert len(told(db_session, employer, NotificationKind.MESSAGE_TO_EMPLOYER)) == 2


def test_a_message_from_a_member_tells_the_young_person_and_not_the_sender(
    db_session, interest, young, employer, colleague
):
    messages.send(db_session, interest, sender=employer, body="Hei Sara", now=utcnow())
    (note,) = told(db_session, young, NotificationKind.MESSAGE_TO_YOUNG_PERSON)
    assert note.link == f"/messages/{interest.id}"
    assert "Hei Sara" not in str(note.params)  # no words of a message in an email or a text
    assert told(db_session, employer, NotificationKind.MESSAGE_TO_EMPLOYER) == []
    messages.send(db_session, interest, sender=young, body="Hei!", now=utcnow())
    assert len(told(db_session, colleague, NotificationKind.MESSAGE_TO_EMPLOYER)) == 1


def test_the_list_puts_the_newest_activity_first_and_counts_unread(
    db_session, employer, young, listing
):
    other_listing = factories.published_listing(db_session, employer, title="Servitør")
    older = factories.interest(db_session, young, listing)
    newer = factories.interest(db_session, young, other_listing)
    messages.send(db_session, newer, sender=employer, body="Hei", now=utcnow())
    messages.send(
        db_session, older, sender=employer, body="Hei igjen", now=utcnow() + timedelta(minutes=1)
    )
    summaries = messages.conversations_of(db_session, young)
    assert [s.interest.id for s in summaries] == [older.id, newer.id]
    assert [s.unread for s in summaries] == [1, 1]
    assert messages.unread_conversations(db_session, young) == 2
    messages.mark_read(db_session, older, reader=young, now=utcnow())
    assert messages.unread_conversations(db_session, young) == 1
    assert {s.interest.id for s in messages.conversations_of(db_session, employer)} == {
        older.id,
        newer.id,
    }


def test_nobody_else_takes_part(db_session, interest, young, employer, colleague):
    stranger = factories.employer(db_session)
    moderator = factories.staff(db_session)
    other_young = factories.young_person(db_session)
    assert messages.takes_part(young, interest)
    assert messages.takes_part(employer, interest)
    assert messages.takes_part(colleague, interest)
    for outsider in (stranger, moderator, other_young):
        assert not messages.takes_part(outsider, interest)
        assert messages.conversations_of(db_session, outsider) == []


def test_an_employer_no_longer_reads_a_conversation_the_young_person_withdrew_from(
    db_session, interest, young, employer
):
    interests.withdraw(interest, now=utcnow())
    assert not messages.takes_part(employer, interest)
    assert messages.takes_part(young, interest)


def test_a_suspended_persons_messages_are_hidden_from_the_other_side(
    db_session, interest, young, employer
):
    messages.send(db_session, interest, sender=employer, body="Send meg BankID-koden", now=utcnow())
    messages.send(db_session, interest, sender=young, body="Nei", now=utcnow())
    moderator = factories.staff(db_session)
    users.suspend(db_session, employer, moderator=moderator, reason="Svindel", now=utcnow())
    texts = [e.text for e in messages.conversation(db_session, interest, viewer=young)]
    assert "Send meg BankID-koden" not in texts
    assert "Nei" in texts
    assert messages.unread_conversations(db_session, young) == 0


def test_the_safety_notice_is_for_conversations_with_under_18s(db_session, employer, listing):
    minor = factories.young_person(db_session, age=16)
    adult = factories.young_person(db_session, age=18)
    assert messages.with_minor(factories.interest(db_session, minor, listing), today=TODAY)
    assert not messages.with_minor(factories.interest(db_session, adult, listing), today=TODAY)


def test_a_report_hands_the_message_and_the_last_20_to_the_moderators(
    db_session, interest, young, employer
):
    reported = messages.send(db_session, interest, sender=employer, body="Rart", now=utcnow())
    for n in range(25):
        sender = young if n % 2 else employer
        messages.send(db_session, interest, sender=sender, body=f"Melding {n}", now=utcnow())
    report = messages.report(
        db_session,
        interest,
        reported,
        reporter=young,
        reason=ReportReason.INAPPROPRIATE,
        text=None,
        now=utcnow(),
    )
    assert (report.subject_type, report.subject_id) == (reports.CONVERSATION, interest.id)
    handed = messages.reported_messages(db_session, report)
    assert len(handed) == 21
    assert [m.body for m, flagged in handed if flagged] == ["Rart"]
    assert handed[-1][0].body == "Melding 24"
    assert reports.title_of(db_session, reports.CONVERSATION, interest.id) == "Kokk"
    mine = messages.send(db_session, interest, sender=young, body="Min", now=utcnow())
    with pytest.raises(ValueError, match="other side"):
        messages.report(
            db_session,
            interest,
            mine,
            reporter=young,
            reason=ReportReason.OTHER,
            text="x",
            now=utcnow(),
        )


def test_leaving_erases_the_persons_words_and_the_export_holds_them(
    db_session, interest, young, employer
):
    messages.send(db_session, interest, sender=employer, body="Hei fra oss", now=utcnow())
    messages.send(db_session, interest, sender=young, body="Hei tilbake", now=utcnow())
    exported = own_data.export_data(db_session, employer)["messages"]
    assert [m["words"] for m in exported] == ["Hei fra oss"]
    exported = own_data.export_data(db_session, young)["messages"]
    assert [(m["words"], m["mine"]) for m in exported] == [
        ("Hei fra oss", False),
        ("Hei tilbake", True),
    ]
    own_data.delete_account(db_session, employer, now=utcnow())
    db_session.expire_all()
    entries = messages.conversation(db_session, interest, viewer=young)
    deleted = [e for e in entries if e.message_id and e.side is Side.EMPLOYER]
    assert len(deleted) == 1
    assert deleted[0].deleted
    assert deleted[0].sender_id is None
    assert [e.text for e in entries if e.side is Side.YOUNG_PERSON][-1] == "Hei tilbake"


def test_a_young_person_leaving_erases_the_whole_conversation(
    db_session, interest, young, employer
):
    messages.send(db_session, interest, sender=employer, body="Hei Sara", now=utcnow())
    messages.send(db_session, interest, sender=young, body="Hei", now=utcnow())
    own_data.delete_account(db_session, young, now=utcnow())
    db_session.expire_all()
    assert [m.body for m in db_session.scalars(select(Message))] == [None, None]


def test_a_new_interests_own_words_wait_for_the_employer_until_it_is_read(
    db_session, interest, employer, young
):
    (summary,) = messages.conversations_of(db_session, employer)
    assert summary.unread == 1
    assert messages.unread_conversations(db_session, employer) == 1
    messages.send(db_session, interest, sender=young, body="Og en til", now=utcnow())
    assert messages.unread_conversations(db_session, employer) == 1
    interests.mark_seen(interest, now=utcnow())
    messages.mark_read(db_session, interest, reader=employer, now=utcnow())
    assert messages.unread_conversations(db_session, employer) == 0
    assert messages.conversations_of(db_session, employer)[0].unread == 0


def test_opening_the_conversation_reads_its_notifications_too(
    db_session, interest, young, employer
):
    messages.send(db_session, interest, sender=employer, body="Hei", now=utcnow())
    (note,) = told(db_session, young, NotificationKind.MESSAGE_TO_YOUNG_PERSON)
    assert note.read_at is None
    assert messages.mark_read(db_session, interest, reader=young, now=utcnow())
    db_session.refresh(note)
    assert note.read_at is not None
    assert not messages.mark_read(db_session, interest, reader=young, now=utcnow())


def test_a_message_from_the_organisation_answers_the_interest_and_stops_the_clock(
    db_session, interest, employer, young
):
    # The young person's own words are not an answer; a colleague's message is (no ghosting).
    messages.send(db_session, interest, sender=young, body="Hei igjen!", now=utcnow())
    assert interest.employer_answered_at is None
    sent = utcnow()
    messages.send(db_session, interest, sender=employer, body="Takk, vi ser på det.", now=sent)
    assert interest.employer_answered_at == sent
    later = sent + timedelta(hours=1)
    messages.send(db_session, interest, sender=employer, body="Kan du tirsdag?", now=later)
    assert interest.employer_answered_at == sent  # the first answer counts


def test_a_conversation_that_closed_unanswered_is_read_only(db_session, interest, employer):
    interests.close_unanswered(interest, now=utcnow())
    assert not messages.is_open(interest)
    with pytest.raises(messages.ConversationClosed):
        messages.send(db_session, interest, sender=employer, body="Beklager!", now=utcnow())
