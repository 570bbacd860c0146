"""Only the employer's own deliberate visit marks interests as seen, never a link from elsewhere."""

import pytest

from jobbes.models import InterestStatus
from tests import factories


@pytest.fixture
def waiting(db_session):
    """An employer logged in on a client, and a new interest in one of their listings."""
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer)
    young = factories.findable_young_person(db_session)
    interest = factories.interest(db_session, young, listing)
    db_session.commit()
    return employer, listing, interest


def _status(db_session, interest):
    db_session.expire_all()
    return db_session.get(type(interest), interest.id).status


def _open(app, employer, listing, **headers):
    client = app.test_client()
    client.login(employer.email)
    response = client.get(f"/employer/listings/{listing.id}/interests", headers=headers)
    assert response.status_code == 200
    return client, response.get_data(as_text=True)


@pytest.mark.parametrize("site", ["cross-site", "same-site"])
def test_a_link_from_another_site_does_not_mark_interests_as_seen(app, db_session, waiting, site):
    employer, listing, interest = waiting
    _client, page = _open(app, employer, listing, **{"Sec-Fetch-Site": site})
    assert _status(db_session, interest) is InterestStatus.SENT
    assert "Marker som lest" in page


def test_an_old_browser_following_a_link_from_elsewhere_does_not_mark_them(
    app, db_session, waiting
):
    employer, listing, interest = waiting
    _open(app, employer, listing, Referer="https://evil.example/page")
    assert _status(db_session, interest) is InterestStatus.SENT


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},  # typed, a bookmark, or the link in our own email
        {"Referer": "http://localhost/employer"},  # a browser without Fetch Metadata
    ],
)
def test_the_employers_own_visit_marks_them_as_seen(app, db_session, waiting, headers):
    employer, listing, interest = waiting
    _client, page = _open(app, employer, listing, **headers)
    assert _status(db_session, interest) is InterestStatus.SEEN
    assert "Marker som lest" not in page


def test_the_employer_can_mark_them_as_seen_with_a_button(app, db_session, waiting):
    employer, listing, interest = waiting
    client, page = _open(app, employer, listing, **{"Sec-Fetch-Site": "cross-site"})
    url = f"/employer/listings/{listing.id}/interests/seen"
    assert f'action="{url}"' in page
    response = client.post(url, data={})
    assert response.status_code == 303
    assert _status(db_session, interest) is InterestStatus.SEEN
