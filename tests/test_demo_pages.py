"""With the demo data in place, every page renders for every role, whole and as fragments.

The demo data reaches every state the app has (listings in review, published and featured,
interests at several steps, invitations, reports), so a template that breaks on real data
breaks here, not in front of a young person.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from jobbes.models import (
    Interest,
    Listing,
    ListingVersion,
    Message,
    Organisation,
    ProfileSubmission,
    Report,
    User,
)
from jobbes.models.base import local_today, utcnow
from jobbes.seed import demo
from tests.test_access import routes

# Which ids to try for each URL argument: every demo object, so every state is rendered.
ARGUMENT_IDS = {
    "listing_id": select(Listing.id),
    "item_id": select(ListingVersion.id).union(select(ProfileSubmission.id)),
    "organisation_id": select(Organisation.id),
    "user_id": select(User.id),
    "report_id": select(Report.id),
    "interest_id": select(Interest.id),
    "message_id": select(Message.id),
    "profile_id": select(User.id),
    "subject_id": select(Listing.id).union(select(User.id)),
}
FRAGMENT_TARGETS = (
    "results",
    "review",
    "pipeline",
    "profile-step",
    "listing-form",
    "audit-table",
    "conversation",
    "conversation-messages",
)


@pytest.fixture
def demo_app(app, db_session):
    demo.seed(db_session, today=local_today(), now=utcnow())
    db_session.commit()
    return app


def urls(app, db_session):
    for rule, method, url in routes(app):
        if method != "GET" or rule.endpoint == "static" or "token" in rule.arguments:
            continue
        ints = [name for name in rule.arguments if name in ARGUMENT_IDS]
        if not ints:
            yield url
            continue
        choices = [sorted(db_session.scalars(ARGUMENT_IDS[name]).all())[:8] for name in ints]
        adapter = app.url_map.bind("localhost")
        for values in itertools.product(*choices):
            arguments = dict(zip(ints, values, strict=True))
            arguments.update({n: "wishes" for n in rule.arguments if n == "step"})
            arguments.update({n: "listing" for n in rule.arguments if n == "subject_type"})
            yield adapter.build(rule.endpoint, arguments)


@pytest.mark.parametrize(
    "email",
    [
        None,
        demo.YOUNG_PERSON_EMAIL,
        demo.EMPLOYER_EMAIL,
        demo.MODERATOR_EMAIL,
        demo.ADMIN_EMAIL,
        demo.COUNSELLOR_EMAIL,
        demo.PROGRAMME_EMAIL,
    ],
)
def test_every_page_renders_with_demo_data(demo_app, db_session, email):
    client = demo_app.test_client()
    if email:
        client.login(email, demo.DEMO_PASSWORD)
    failures = []
    for url in sorted(set(urls(demo_app, db_session))):
        for headers in [{}] + [
            {"HX-Request": "true", "HX-Target": f"div#{target}"} for target in FRAGMENT_TARGETS
        ]:
            response = client.get(url, headers=headers)
            if response.status_code >= 500:
                failures.append((url, headers.get("HX-Target"), response.status_code))
    assert failures == []


def test_the_demo_young_person_has_a_signed_and_a_completed_evaluated_agreement(
    demo_app, db_session
):
    from jobbes.models import AgreementStatus, FollowUp, NowDoing
    from jobbes.services import accounts, agreements, evaluations

    sara = accounts.find_user_by_email(db_session, demo.YOUNG_PERSON_EMAIL)
    found = {a.status: a for a in agreements.of_user(db_session, sara, now=utcnow())}
    assert set(found) == {AgreementStatus.SIGNED, AgreementStatus.COMPLETED}
    evaluation = evaluations.of_agreement(db_session, found[AgreementStatus.COMPLETED])
    assert evaluation is not None
    assert evaluation.employer_done
    assert evaluation.young_done
    answers = db_session.scalars(
        select(FollowUp.answer).where(FollowUp.agreement_id == evaluation.agreement_id)
    ).all()
    assert answers == [NowDoing.SCHOOL]
    # Seeding again adds nothing.
    demo.seed(db_session, today=local_today(), now=utcnow())
    assert len(agreements.of_user(db_session, sara, now=utcnow())) == 2
    client = demo_app.test_client()
    client.login(demo.YOUNG_PERSON_EMAIL, demo.DEMO_PASSWORD)
    for agreement in found.values():
        assert client.get(f"/agreements/{agreement.id}").status_code == 200
