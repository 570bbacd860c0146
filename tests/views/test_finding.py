"""Search, "I'm interested", the employer's pipeline and suggestions, through the pages."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from jobbes.models import Interest, InterestStatus
from jobbes.models.base import local_today, utcnow
from jobbes.services import profiles
from jobbes.vocabulary import ListingType, OccupationalField
from tests import factories
from tests.test_access import routes
from tests.text import t

TODAY = local_today()


@pytest.fixture
def employer(db_session):
    user = factories.employer(db_session, organisation_name="Kvadraturen Kafé")
    db_session.commit()
    return user


@pytest.fixture
def trial(db_session, employer):
    listing = factories.published_listing(db_session, employer, title="Kjøkkenhjelp")
    db_session.commit()
    return listing


@pytest.fixture
def young(db_session):
    user = factories.young_person(db_session, name="Amina", age=16)
    db_session.commit()
    return user


def test_the_search_page_and_its_fragment(client, trial):
    page = client.get("/listings?q=kjøkken").get_data(as_text=True)
    assert "<html" in page
    assert "1 annonse" in page
    fragment = client.htmx("GET", "/listings?q=kjøkken&type=job_trial", target="results")
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="results"')
    assert "Kjøkkenhjelp" in body
    assert "<html" not in body


def test_nonsense_in_the_query_string_is_named_at_its_field_with_a_400(client, trial):
    response = client.get("/listings?page=-3&type=rocket&sort=sideways&field=mars")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert page.count('class="ds-validation-message"') == 3
    assert '<details class="ds-details filters" open>' in page
    # The results still show what the rest of the search finds: here everything.
    assert "Kjøkkenhjelp" in page


@pytest.mark.parametrize("field", ["field", "area", "start", "sort", "type"])
def test_a_blank_filter_is_refused_and_the_rest_of_the_search_still_runs(client, trial, field):
    response = client.get(f"/listings?q=kjøkken&{field}=%20")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert t("Choose from the list.") in page
    assert 'aria-invalid="true"' in page
    assert "Kjøkkenhjelp" in page
    # A refused filter is not kept with the form: the same search without it shows no error.
    again = client.get("/listings?q=kjøkken")
    assert again.status_code == 200
    assert t("Choose from the list.") not in again.get_data(as_text=True)


def test_a_refused_filter_in_an_htmx_search_answers_with_its_results(client, trial):
    response = client.htmx("GET", "/listings?q=kjøkken&field=%20", target="results")
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="results"')
    assert "Kjøkkenhjelp" in body


def test_a_page_number_out_of_range_is_the_first_page(client, trial):
    response = client.get("/listings?page=-3")
    assert response.status_code == 200
    assert "Kjøkkenhjelp" in response.get_data(as_text=True)


def test_result_pages_link_with_the_same_filters(client, db_session, employer):
    moderator = factories.staff(db_session)
    for number in range(25):
        factories.published_listing(db_session, employer, moderator, title=f"Jobb {number}")
    db_session.commit()
    page = client.get("/listings?type=job_trial").get_data(as_text=True)
    assert "side 1 av 2" in page
    assert 'href="/listings?page=2&amp;type=job_trial"' in page


def test_a_young_person_says_they_are_interested_once(client, db_session, young, trial):
    client.login(young.email)
    page = client.get(f"/listings/{trial.id}").get_data(as_text=True)
    assert t("I'm interested") in page
    response = client.post(f"/listings/{trial.id}/interest", data={"message": "Hei!"})
    assert response.headers["Location"] == "/me/interests"
    assert t("You said you are interested") in client.get("/me/interests").get_data(as_text=True)
    again = client.post(f"/listings/{trial.id}/interest", data={"message": "Igjen"})
    assert again.status_code == 303
    assert len(db_session.scalars(select(Interest)).all()) == 1
    assert t("You said you are interested") in client.get(f"/listings/{trial.id}").get_data(
        as_text=True
    )


def test_a_minor_is_refused_an_adults_listing_with_a_kind_message(
    client, db_session, young, employer
):
    adults = factories.published_listing(
        db_session,
        employer,
        title="Nattevakt",
        minimum_age=18,
        listing_type=ListingType.FULL_TIME_JOB,
        trial_pay=None,
        pay="kr 200",
    )
    db_session.commit()
    client.login(young.email)
    page = client.get(f"/listings/{adults.id}").get_data(as_text=True)
    assert "Denne annonsen er for deg som er 18 år eller eldre" in page
    assert "Jeg er interessert</button>" not in page
    response = client.post(f"/listings/{adults.id}/interest", data={})
    assert response.status_code == 303
    assert db_session.scalars(select(Interest)).first() is None
    assert "18 år eller eldre" in client.get(f"/listings/{adults.id}").get_data(as_text=True)


def test_employers_and_visitors_cannot_say_they_are_interested(app, client, employer, trial):
    visitor_page = client.get(f"/listings/{trial.id}").get_data(as_text=True)
    assert t("Make your profile") in visitor_page
    as_employer = app.test_client()
    as_employer.login(employer.email)
    assert as_employer.post(f"/listings/{trial.id}/interest", data={}).status_code == 403


def interested_and_employer(app, client, db_session, young, employer, trial):
    """The young person says "Hei!" to the trial; the employer is logged in on a client."""
    client.login(young.email)
    client.post(f"/listings/{trial.id}/interest", data={"message": "Hei!"})
    boss = app.test_client()
    boss.login(employer.email)
    return db_session.scalars(select(Interest)).one(), boss


def test_the_employer_moves_an_interest_along_and_the_young_person_sees_it(
    app, client, db_session, young, employer, trial
):
    interest, boss = interested_and_employer(app, client, db_session, young, employer, trial)
    assert "1 interessert" in boss.get("/employer").get_data(as_text=True)
    pipeline = boss.get(
        f"/employer/listings/{trial.id}/interests", headers={"Sec-Fetch-Site": "same-origin"}
    ).get_data(as_text=True)
    assert "Amina, 16 år" in pipeline
    assert young.profile.birth_date.isoformat() not in pipeline
    db_session.expire_all()
    assert db_session.get(Interest, interest.id).status is InterestStatus.SEEN

    url = f"/employer/listings/{trial.id}/interests/{interest.id}"
    fragment = boss.post(
        url,
        data={"step": "invite_to_talk", "message": "Kom tirsdag"},
        headers={"HX-Request": "true", "HX-Target": "div#pipeline"},
        follow_redirects=True,
    )
    assert fragment.get_data(as_text=True).lstrip().startswith('<div id="pipeline">')
    missing = boss.post(url, data={"step": "decline"}, follow_redirects=True)
    assert missing.get_data(as_text=True).count(t("Choose one of the kind messages.")) == 1
    boss.post(url, data={"step": "decline", "decline_message": "not_now"})
    mine = client.get("/me/interests").get_data(as_text=True)
    assert t("Not this time") in mine
    assert (
        t(
            "Thank you for your interest! We cannot take anyone in right now, but we would be glad "
            "if you tried us again later."
        )
        in mine
    )
    # Every step of the usual way is explained, not only the one she is at.
    assert t("The steps, one by one") in mine
    assert t("A short meeting or a day at the workplace, so you both see if it fits.") in mine
    assert t("You said yes: you have the job, and you talk about the contract together.") in mine


def test_once_a_young_person_withdraws_the_employer_no_longer_sees_their_profile(
    app, client, db_session, young, employer, trial
):
    interest, boss = interested_and_employer(app, client, db_session, young, employer, trial)
    pipeline = f"/employer/listings/{trial.id}/interests"
    assert "Amina, 16 år" in boss.get(pipeline).get_data(as_text=True)
    assert boss.get(f"/report/profile/{young.id}").status_code == 200

    withdrawn = client.post(f"/me/interests/{interest.id}/withdraw", data={})
    assert withdrawn.status_code == 303
    page = boss.get(pipeline).get_data(as_text=True)
    assert "Amina" not in page
    assert "Hei!" not in page
    assert t("A young person who stepped back") in page
    # Nor can the employer reach the profile another way.
    assert boss.get(f"/report/profile/{young.id}").status_code == 404
    # Nor move the interest on: the step is refused, and nothing of it is kept.
    for step in ("agree_trial", "decline"):
        refused = boss.post(
            f"{pipeline}/{interest.id}",
            data={
                "step": step,
                "trial_start": local_today().isoformat(),
                "decline_message": "not_now",
                "message": "Kom likevel",
            },
            follow_redirects=True,
        )
        assert t("That step is not possible from where this interest is now.") in (
            refused.get_data(as_text=True)
        )
    db_session.expire_all()
    left = db_session.get(Interest, interest.id)
    assert left.status is InterestStatus.WITHDRAWN
    assert (left.trial_start, left.decline_message, left.employer_message) == (None, None, None)


def test_a_listing_that_has_closed_says_so_kindly_without_showing_itself(
    client, db_session, young, employer
):
    listing = factories.published_listing(
        db_session, employer, title="Sommerkafé", deadline=TODAY + timedelta(days=3)
    )
    db_session.commit()
    client.login(young.email)
    client.post(f"/listings/{listing.id}/interest", data={"message": "Hei!"})
    listing.deadline = TODAY - timedelta(days=1)
    listing.published_version.deadline = listing.deadline
    db_session.commit()

    page = client.get(f"/listings/{listing.id}")
    assert page.status_code == 410
    text = page.get_data(as_text=True)
    assert t("This listing is no longer open") in text
    assert t("See open listings") in text
    assert "Sommerkafé" not in text
    again = client.post(f"/listings/{listing.id}/interest", data={"message": "Hallo?"})
    assert again.status_code == 410
    # One that was never published is simply not there.
    draft = factories.listing(db_session, employer)
    db_session.commit()
    assert client.get(f"/listings/{draft.id}").status_code == 404


def test_an_employer_never_sees_interests_on_another_organisations_listing(
    app, db_session, young, trial
):
    other = factories.employer(db_session, organisation_name="Andre AS")
    interest = factories.interest(db_session, young, trial)
    db_session.commit()
    client = app.test_client()
    client.login(other.email)
    assert client.get(f"/employer/listings/{trial.id}/interests").status_code == 404
    assert client.get(f"/employer/listings/{trial.id}/suggestions").status_code == 404
    response = client.post(
        f"/employer/listings/{trial.id}/interests/{interest.id}", data={"step": "offer"}
    )
    assert response.status_code == 404
    own = factories.published_listing(db_session, other, title="Egen")
    db_session.commit()
    # Their own listing's URL with someone else's interest is refused too.
    assert (
        client.post(
            f"/employer/listings/{own.id}/interests/{interest.id}", data={"step": "offer"}
        ).status_code
        == 404
    )


def test_suggestions_show_findable_young_people_with_reasons_and_invite(
    app, db_session, employer, trial
):
    findable = factories.findable_young_person(db_session, name="Nora", home_area="kvadraturen")
    hidden = factories.young_person(db_session, name="Skjult")
    db_session.commit()
    boss = app.test_client()
    boss.login(employer.email)
    page = boss.get(f"/employer/listings/{trial.id}/suggestions").get_data(as_text=True)
    assert "Nora, 19 år" in page
    assert "Interessert i matlaging og servering" in page
    assert "Bor 5 minutter unna, i Kvadraturen (sentrum)" in page
    assert f"/report/profile/{findable.id}" in page
    assert "Skjult" not in page
    response = boss.post(
        f"/employer/listings/{trial.id}/suggestions/{findable.id}/invite", data={"message": "Hei"}
    )
    assert response.status_code == 303
    refused = boss.post(f"/employer/listings/{trial.id}/suggestions/{hidden.id}/invite", data={})
    assert refused.status_code == 404
    nora = app.test_client()
    nora.login(findable.email)
    assert t("The employer invites you to apply") in nora.get("/me/interests").get_data(
        as_text=True
    )


def test_my_page_suggests_listings_with_reasons(client, db_session, employer, trial):
    nora = factories.findable_young_person(db_session, name="Nora")
    db_session.commit()
    client.login(nora.email)
    page = client.get("/me").get_data(as_text=True)
    assert t("Suggestions for you") in page
    assert "Kjøkkenhjelp" in page
    assert "Du liker matlaging og servering" in page
    assert t("You are looking for a job trial") in page


def test_my_page_does_not_suggest_what_i_already_showed_interest_in(
    client, db_session, employer, trial
):
    """The page gives the recommendations the interests it loaded, instead of a query more."""
    nora = factories.findable_young_person(db_session, name="Nora")
    db_session.commit()
    client.login(nora.email)

    def suggested():
        page = client.get("/me").get_data(as_text=True)
        start = page.index('id="matches-heading"')
        return page[start : page.index("</section>", start)]

    assert "Kjøkkenhjelp" in suggested()
    factories.interest(db_session, nora, trial)
    db_session.commit()
    assert "Kjøkkenhjelp" not in suggested()


def test_a_non_discoverable_profile_is_invisible_to_employers(app, db_session, employer, trial):
    """Three profiles that fit the trial equally well; only the one that may be found shows."""
    factories.findable_young_person(db_session, name="Synligsen")
    private = factories.findable_young_person(db_session, name="Hemmeligsen")
    profiles.set_discoverable(private.profile, False, now=utcnow())
    waiting = factories.findable_young_person(db_session, name="Ventesen", approved=False)
    db_session.commit()
    boss = app.test_client()
    boss.login(employer.email)
    suggestions = boss.get(f"/employer/listings/{trial.id}/suggestions").get_data(as_text=True)
    assert "Synligsen" in suggestions  # the page does show people who may be found
    for _rule, method, url in routes(app):
        if method != "GET" or not url.startswith("/employer"):
            continue
        body = boss.get(url.replace("/1", f"/{trial.id}")).get_data(as_text=True)
        assert "Hemmeligsen" not in body, url
        assert "Ventesen" not in body, url
    for hidden in (private, waiting):
        assert boss.get(f"/report/profile/{hidden.id}").status_code == 404
        invite = f"/employer/listings/{trial.id}/suggestions/{hidden.id}/invite"
        assert boss.post(invite, data={"message": "Hei"}).status_code == 404


def count_requests_queries(client, url, connection_engine, headers=None):
    statements = []

    def remember(*args):
        statements.append(args[2])

    event.listen(connection_engine, "before_cursor_execute", remember)
    try:
        assert client.get(url, headers=headers or {}).status_code == 200
    finally:
        event.remove(connection_engine, "before_cursor_execute", remember)
    return len(statements)


def test_pages_make_the_same_number_of_queries_for_10_and_100_listings(app, db_session, employer):
    moderator = factories.staff(db_session)
    young = factories.findable_young_person(db_session)
    first = factories.published_listing(db_session, employer, moderator, title="Kjøkkenhjelp")
    factories.interest(db_session, young, first)
    db_session.commit()
    client = app.test_client()
    client.login(young.email)
    boss = app.test_client()
    boss.login(employer.email)
    boss.get(f"/employer/listings/{first.id}/interests")  # the first look marks it read, once
    engine = db_session.get_bind().engine
    search = "/listings?q=kjøkken&type=job_trial&field=food_restaurant"
    fragment = {"HX-Request": "true", "HX-Target": "section#results"}
    pages = [
        (client, "/listings", None),
        (client, search, None),
        (client, search, fragment),
        (client, f"/listings/{first.id}", None),
        (client, "/me", None),
        (client, "/me/interests", None),
        (client, "/", None),
        (boss, "/employer", None),
        (boss, f"/employer/listings/{first.id}/interests", None),
        (boss, f"/employer/listings/{first.id}/suggestions", None),
    ]

    def measure():
        return [count_requests_queries(who, url, engine, headers) for who, url, headers in pages]

    for number in range(10):
        factories.published_listing(db_session, employer, moderator, title=f"Jobb {number}")
    db_session.commit()
    with_ten = measure()
    for number in range(90):
        factories.published_listing(
            db_session,
            employer,
            moderator,
            title=f"Mer {number}",
            field=OccupationalField.FOOD_RESTAURANT,
            deadline=TODAY + timedelta(days=5 + number % 30),
        )
    db_session.commit()
    assert measure() == with_ten


def test_the_pipeline_makes_the_same_number_of_queries_for_1_and_4_interests(
    app, db_session, employer, trial
):
    boss = app.test_client()
    boss.login(employer.email)
    engine = db_session.get_bind().engine
    pipeline = f"/employer/listings/{trial.id}/interests"
    counts = []
    for new_interests in (1, 3):
        for _ in range(new_interests):
            factories.interest(db_session, factories.findable_young_person(db_session), trial)
        db_session.commit()
        boss.get(pipeline)  # the first look marks them read, once
        counts.append(count_requests_queries(boss, pipeline, engine))
    assert counts[0] == counts[1]
