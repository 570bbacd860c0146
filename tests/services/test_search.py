"""Listing search on SQLite and PostgreSQL: text, filters, order, pages, and nothing that is
not public, ever."""

from datetime import timedelta

import pytest
from sqlalchemy import event

from jobbes.models.base import local_today, utcnow
from jobbes.services import listings, matches, organisations, search
from jobbes.services.search import Criteria
from jobbes.vocabulary import ListingType, OccupationalField, TrialPay
from tests import factories

TODAY = local_today()


def titles(page):
    return [listing.published_version.title for listing in page.listings]


def find(db_session, **criteria):
    return search.find_listings(db_session, Criteria(**criteria), today=TODAY)


@pytest.fixture
def employer(db_session):
    return factories.employer(db_session, organisation_name="Kvadraturen Kafé")


@pytest.fixture
def catalogue(db_session, employer):
    """Four public listings and four that must never show."""
    moderator = factories.staff(db_session)
    made = {
        "kitchen": factories.published_listing(
            db_session,
            employer,
            moderator,
            title="Kjøkkenhjelp",
            description="Oppvask og matlaging.",
        ),
        "carpenter": factories.published_listing(
            db_session,
            employer,
            moderator,
            title="Tømrerlærling",
            listing_type=ListingType.APPRENTICESHIP,
            field=OccupationalField.BUILDING,
            area="vagsbygd",
            trial_pay=None,
            pay="Lærlinglønn",
            description="Bygg hus.",
            no_experience_needed=False,
            start_date=TODAY + timedelta(days=60),
        ),
        "summer": factories.published_listing(
            db_session,
            employer,
            moderator,
            title="Sommerjobb i butikk",
            listing_type=ListingType.SUMMER_JOB,
            field=OccupationalField.SHOP_SALES,
            trial_pay=None,
            pay="kr 170",
            minimum_age=18,
            description="Kasse og hyller.",
            deadline=TODAY + timedelta(days=3),
        ),
        "paid_trial": factories.published_listing(
            db_session,
            employer,
            moderator,
            title="Betalt prøvedag",
            trial_pay=TrialPay.PAID,
            description="En dag i lageret.",
            field=OccupationalField.WAREHOUSE_LOGISTICS,
        ),
    }
    draft = factories.listing(db_session, employer, title="Hemmelig kladd")
    in_review = factories.listing(db_session, employer, title="Venter på moderator")
    listings.submit_listing(in_review, today=TODAY, now=utcnow())
    closed = factories.published_listing(db_session, employer, moderator, title="Avsluttet annonse")
    listings.close_listing(closed, now=utcnow())
    other = factories.employer(db_session, organisation_name="Suspendert AS")
    suspended = factories.published_listing(db_session, other, moderator, title="Fra suspendert")
    organisations.suspend(
        db_session, other.organisation, moderator=moderator, reason="x", now=utcnow()
    )
    # Past its deadline, but `expire-listings` has not run yet: still "published" in the table.
    past_deadline = factories.published_listing(
        db_session, employer, moderator, title="Utløpt frist"
    )
    past_deadline.deadline = TODAY - timedelta(days=1)
    db_session.flush()
    return made, [draft, in_review, closed, suspended, past_deadline]


def test_everything_public_and_nothing_else(db_session, catalogue):
    page = find(db_session)
    assert page.total == 4
    assert sorted(titles(page)) == sorted(
        ["Kjøkkenhjelp", "Tømrerlærling", "Sommerjobb i butikk", "Betalt prøvedag"]
    )


@pytest.mark.parametrize(
    "q", ["Hemmelig", "Venter", "Avsluttet", "suspendert", "kladd moderator", "Utløpt"]
)
def test_text_search_never_finds_what_is_not_public(db_session, catalogue, q):
    assert find(db_session, q=q).total == 0


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("kjøkken", ["Kjøkkenhjelp"]),  # the start of a word
        ("oppvask", ["Kjøkkenhjelp"]),  # the description
        ("kafé", 4),  # the organisation's name is indexed on every listing
        ("tømrer", ["Tømrerlærling"]),
        ("bygg", ["Tømrerlærling"]),  # words of its occupational field, in Norwegian
        ("construction", ["Tømrerlærling"]),  # and in English
        ("kasse hyller", ["Sommerjobb i butikk"]),  # every word must match
        ("kasse tømrer", []),
        ('"; DROP TABLE listings; --', []),  # only words survive
        ("   ", 4),
    ],
)
def test_text_search(db_session, catalogue, q, expected):
    page = find(db_session, q=q)
    if isinstance(expected, int):
        assert page.total == expected
    else:
        assert titles(page) == expected


def test_every_start_of_a_word_finds_it_however_long(db_session, employer):
    """A word is found by each of its starts, one letter to the whole word: on SQLite the first
    twenty letters come from prefix indexes (counted in letters, so "ø" is one) and longer
    ones the slow way, and the two must agree."""
    long_word = "arbeidsmiljøkoordinatorassistent"  # 32 letters, 33 bytes
    factories.published_listing(
        db_session, employer, title="Kjøkkenhjelp", description=f"Bli {long_word} hos oss."
    )
    factories.published_listing(db_session, employer, title="Lager", description="Truck.")
    for word in ("kjøkkenhjelp", long_word):
        for length in range(1, len(word) + 1):
            start = word[:length]
            assert "Kjøkkenhjelp" in titles(find(db_session, q=start)), start
    # Past twenty letters the rest of what was typed still counts.
    assert find(db_session, q=long_word[:24] + "x").total == 0


def test_filters_combine(db_session, catalogue):
    assert titles(find(db_session, types=(ListingType.APPRENTICESHIP,))) == ["Tømrerlærling"]
    assert titles(find(db_session, areas=("vagsbygd",))) == ["Tømrerlærling"]
    assert titles(find(db_session, fields=(OccupationalField.SHOP_SALES,))) == [
        "Sommerjobb i butikk"
    ]
    assert sorted(titles(find(db_session, paid=True))) == [
        "Betalt prøvedag",
        "Sommerjobb i butikk",
        "Tømrerlærling",
    ]
    assert "Tømrerlærling" not in titles(find(db_session, no_experience=True))
    assert "Sommerjobb i butikk" not in titles(find(db_session, age=17))
    assert titles(find(db_session, start="later")) == ["Tømrerlærling"]
    assert "Tømrerlærling" not in titles(find(db_session, start="now"))
    assert find(db_session, types=(ListingType.APPRENTICESHIP,), areas=("lund",)).total == 0


def test_sort_orders(db_session, catalogue):
    assert titles(find(db_session, sort="deadline"))[0] == "Sommerjobb i butikk"
    assert titles(find(db_session, sort="newest"))[0] == "Betalt prøvedag"


def test_featured_come_first_by_default(db_session, catalogue):
    made, _hidden = catalogue
    listings.set_featured(
        db_session, made["carpenter"], True, moderator=factories.staff(db_session), now=utcnow()
    )
    assert titles(find(db_session))[0] == "Tømrerlærling"


def test_pages(db_session, employer):
    moderator = factories.staff(db_session)
    for number in range(search.PER_PAGE + 5):
        factories.published_listing(db_session, employer, moderator, title=f"Annonse {number:02d}")
    first, second = find(db_session, sort="newest"), find(db_session, sort="newest", page=2)
    assert (first.total, first.pages, len(first.listings), len(second.listings)) == (25, 2, 20, 5)
    assert not set(titles(first)) & set(titles(second))
    assert find(db_session, page=99).listings == []
    # The cards' page comes from the count's own statement: the same listings, in order.
    for number in (1, 2):
        cards = search.find_cards(db_session, Criteria(sort="newest", page=number), today=TODAY)
        listed = find(db_session, sort="newest", page=number)
        assert [card.id for card in cards.listings] == [item.id for item in listed.listings]
        assert (cards.total, cards.page) == (25, number)


def test_an_edit_is_searchable_only_once_approved(db_session, employer, catalogue):
    made, _hidden = catalogue
    listing = made["kitchen"]
    listings.save_listing(
        db_session, listing, author=employer, content={"title": "Pizzabaker"}, now=utcnow()
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    assert find(db_session, q="pizzabaker").total == 0
    assert find(db_session, q="kjøkkenhjelp").total == 1
    listings.decide_listing(
        db_session,
        listing.current_version,
        moderator=factories.staff(db_session),
        decision=listings.Decision.APPROVE,
        now=utcnow(),
    )
    assert find(db_session, q="pizzabaker").total == 1
    assert find(db_session, q="kjøkkenhjelp").total == 0


def test_renaming_the_organisation_updates_the_index_once_approved(db_session, employer, catalogue):
    waiting = organisations.update_details(
        db_session,
        employer.organisation,
        author=employer,
        now=utcnow(),
        name="Bakeriet Sjokoladen",
        sector=None,
        address=None,
        area=None,
        description=None,
        website=None,
    )
    assert find(db_session, q="sjokoladen").total == 0
    organisations.decide_details(
        db_session,
        waiting,
        moderator=factories.staff(db_session),
        decision=listings.Decision.APPROVE,
        now=utcnow(),
    )
    assert find(db_session, q="sjokoladen").total == 4


def count_queries(db_session, action):
    statements = []
    engine = db_session.get_bind().engine

    def remember(*args):
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", remember)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    return len(statements)


def test_search_and_recommendations_use_the_same_number_of_queries_for_10_and_100_listings(
    db_session, employer
):
    moderator = factories.staff(db_session)
    young = factories.findable_young_person(db_session)

    def measure():
        db_session.flush()
        db_session.expire_all()
        return (
            count_queries(
                db_session, lambda: find(db_session, q="kjøkken", types=(ListingType.JOB_TRIAL,))
            ),
            count_queries(
                db_session, lambda: matches.recommendations(db_session, young.profile, today=TODAY)
            ),
        )

    for number in range(10):
        factories.published_listing(db_session, employer, moderator, title=f"Jobb {number}")
    with_ten = measure()
    for number in range(90):
        factories.published_listing(db_session, employer, moderator, title=f"Mer {number}")
    assert measure() == with_ten


@pytest.mark.parametrize("sort", [None, "newest", "deadline"])
@pytest.mark.parametrize("q", ["", "kafé", "i"])
def test_past_the_cap_the_page_walks_the_order_and_finds_the_same(
    db_session, catalogue, monkeypatch, q, sort
):
    """Past the count's cap the page query is planned differently (walking an index in the
    requested order); with a cap of 2, four public matches take that path."""
    counted_all = find(db_session, q=q, sort=sort)
    monkeypatch.setattr(search, "MAX_COUNTED", 2)
    walked = find(db_session, q=q, sort=sort)
    assert walked.more_than_counted or counted_all.total <= 2
    assert [listing.id for listing in walked.listings] == [
        listing.id for listing in counted_all.listings
    ]


def test_past_the_cap_ranking_scores_the_newest_matches_up_to_the_cap(
    db_session, catalogue, monkeypatch
):
    made, _hidden = catalogue
    monkeypatch.setattr(search, "MAX_COUNTED", 2)
    page = find(db_session, q="kafé", sort="relevance")
    # Every public listing matches "kafé"; the oldest of the four is past the cap and unranked.
    newest_three = sorted(listing.id for listing in made.values())[1:]
    assert sorted(listing.id for listing in page.listings) == newest_three


def test_words_and_filters_together(db_session, catalogue):
    """On SQLite the filters go into the text query as words of their own (search.facet)."""
    assert titles(find(db_session, q="kafé", areas=("vagsbygd",))) == ["Tømrerlærling"]
    assert titles(find(db_session, q="kafé", types=(ListingType.SUMMER_JOB,))) == [
        "Sommerjobb i butikk"
    ]
    either = (ListingType.SUMMER_JOB, ListingType.APPRENTICESHIP)
    assert sorted(titles(find(db_session, q="kafé", types=either))) == [
        "Sommerjobb i butikk",
        "Tømrerlærling",
    ]
    assert titles(find(db_session, q="kafé", fields=(OccupationalField.BUILDING,))) == [
        "Tømrerlærling"
    ]
    assert find(db_session, q="oppvask", areas=("vagsbygd",)).total == 0


@pytest.mark.parametrize("q", ["tjobtrial", "avagsbygd", "fbuilding", "facets"])
def test_the_filter_words_cannot_be_searched_for(db_session, catalogue, q):
    assert find(db_session, q=q).total == 0


def test_an_approved_move_to_another_area_is_found_there(db_session, employer, catalogue):
    made, _hidden = catalogue
    listing = made["kitchen"]
    listings.save_listing(
        db_session, listing, author=employer, content={"area": "grim"}, now=utcnow()
    )
    listings.submit_listing(listing, today=TODAY, now=utcnow())
    listings.decide_listing(
        db_session,
        listing.current_version,
        moderator=factories.staff(db_session),
        decision=listings.Decision.APPROVE,
        now=utcnow(),
    )
    assert titles(find(db_session, q="oppvask", areas=("grim",))) == ["Kjøkkenhjelp"]
    assert find(db_session, q="oppvask", areas=("kvadraturen",)).total == 0


def test_filters_alone_through_the_index_and_past_the_cap(db_session, catalogue, monkeypatch):
    """Filters without words are asked of the text index on SQLite; past the cap the listings
    are walked and checked on their own columns. Both find the same."""
    either = (ListingType.SUMMER_JOB, ListingType.APPRENTICESHIP)
    few = sorted(titles(find(db_session, types=either)))
    assert few == ["Sommerjobb i butikk", "Tømrerlærling"]
    assert titles(find(db_session, types=either, sort="relevance"))  # no words: nothing to rank
    monkeypatch.setattr(search, "MAX_COUNTED", 1)
    assert sorted(titles(find(db_session, types=either))) == few


@pytest.mark.parametrize(
    "criteria",
    [
        {},
        {"q": "kafé"},
        {"q": "kafé", "sort": "relevance"},
        {"sort": "deadline"},
        {"types": (ListingType.APPRENTICESHIP, ListingType.SUMMER_JOB)},
        {"areas": ("vagsbygd",)},
        {"q": "bygg", "fields": (OccupationalField.BUILDING,)},
        {"q": "finnesikke"},  # nothing matches
        {"q": "kafé", "page": 3},  # an old link past the last page
    ],
)
@pytest.mark.parametrize("cap", [1000, 2])
def test_the_cards_are_the_page_of_listings_as_plain_rows(
    db_session, catalogue, monkeypatch, criteria, cap
):
    """find_cards (the search page's) loads the same listings, in the same order, as
    find_listings, and each card shows its published version and organisation."""
    monkeypatch.setattr(search, "MAX_COUNTED", cap)
    listings = find(db_session, **criteria)
    cards = search.find_cards(db_session, Criteria(**criteria), today=TODAY)
    assert (cards.total, cards.page) == (listings.total, listings.page)
    assert [card.id for card in cards.listings] == [listing.id for listing in listings.listings]
    for card, listing in zip(cards.listings, listings.listings, strict=True):
        version = listing.published_version
        assert card == search.Card(
            id=listing.id,
            featured=listing.featured,
            title=version.title,
            listing_type=version.listing_type,
            no_experience_needed=version.no_experience_needed,
            area=version.area,
            start_date=version.start_date,
            end_date=version.end_date,
            duration=version.duration,
            deadline=version.deadline,
            organisation=listing.organisation.name,
        )
