"""The tests' own way to name what a person reads by its msgid (tests/text.py)."""

import pytest

from tests.text import plain, t


def test_a_msgid_gives_the_bokmal_the_page_shows(client):
    assert t("Make your profile") == "Lag profilen din"
    assert t("Make your profile") in client.get("/").get_data(as_text=True)


def test_variables_and_the_text_are_escaped_as_templates_escape_them():
    told = t(
        "Your account is suspended: %(reason)s Contact the staff at Varodd if you have questions.",
        reason="<b>",
    )
    assert "&lt;b&gt;" in told
    assert "<b>" in plain(
        "Your account is suspended: %(reason)s Contact the staff at Varodd if you have questions.",
        reason="<b>",
    )


def test_an_unknown_msgid_fails_instead_of_comparing_english():
    with pytest.raises(KeyError):
        t("No such message anywhere")
