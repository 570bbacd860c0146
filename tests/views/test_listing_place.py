"""The listing page says how far it is for a signed-in young person, and shows a drawn map."""

from jobbes.areas import travel_minutes
from tests import factories


def test_a_young_person_sees_the_travel_time_from_home(client, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, area="lund")
    young = factories.findable_young_person(db_session, home_area="vagsbygd")
    db_session.commit()
    client.login(young.email)
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    minutes = travel_minutes("vagsbygd", "lund")
    assert f"Omtrent {minutes} minutter fra Vågsbygd, der du bor." in page
    assert "Kart: annonsen er i Lund, og du bor i Vågsbygd." in page
    assert page.count('class="area-dot') == 13  # Kristiansand's districts


def test_a_visitor_sees_the_map_without_a_travel_time(client, db_session):
    employer = factories.employer(db_session)
    listing = factories.published_listing(db_session, employer, area="lund")
    db_session.commit()
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    assert "minutter fra" not in page
    assert "Kart: annonsen er i Lund." in page
    assert "<svg" in page
    assert "tile" not in page.lower()
