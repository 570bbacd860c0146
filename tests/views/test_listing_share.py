"""A listing page's link preview and share section, and the filter panel after filtering."""

import re

from tests import factories


def test_a_listing_has_a_link_preview_without_personal_data(client, db_session):
    employer = factories.employer(db_session, organisation_name="Kvadraturen Kafé")
    listing = factories.published_listing(
        db_session,
        employer,
        title="Kjøkkenhjelp",
        description="Bli med på kjøkkenet. " * 20,
        contact_person_name="Kari Nordmann",
    )
    db_session.commit()
    page = client.get(f"/listings/{listing.id}").get_data(as_text=True)
    head = page.split("</head>")[0]
    url = f"http://localhost/listings/{listing.id}"
    assert '<meta property="og:title" content="Kjøkkenhjelp – Kvadraturen Kafé">' in head
    assert f'<meta property="og:url" content="{url}">' in head
    description = re.search(r'<meta property="og:description" content="([^"]*)">', head)
    assert description
    assert description.group(1).startswith("Bli med på kjøkkenet.")
    assert len(description.group(1)) <= 201
    assert "Kari Nordmann" not in head
    assert employer.email not in head
    # Without JavaScript the link is there to copy, and an email link to send it.
    assert f'<a class="ds-link" href="{url}">{url}</a>' in page
    assert "mailto:?subject=" in page


def test_the_filter_panel_is_folded_after_filtering_and_says_what_is_chosen(client):
    page = client.get("/listings?type=job_trial&paid=y").get_data(as_text=True)
    details = re.search(r'<details class="ds-details filters"([^>]*)>', page)
    assert details is not None
    assert "open" not in details.group(1)
    assert "Filtre (2 valgt)" in page
    assert "Filtre (" not in client.get("/listings").get_data(as_text=True)
