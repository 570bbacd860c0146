"""What a person reads, by its msgid: a test about what happened, not about how it is worded.

`t("Approved.")` is the Bokmål the app shows for that msgid, HTML-escaped as the templates write
it, so `assert t("Approved.") in page` survives a copy edit of the Norwegian. Use it where the words
are not the point (flash messages, form errors, button labels); assert the words themselves
where they are.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from markupsafe import escape

CATALOGUE = Path(__file__).parent.parent / "jobbes/translations/nb/LC_MESSAGES/messages.po"


@cache
def catalogue() -> Catalog:
    with CATALOGUE.open("rb") as file:
        return read_po(file, locale="nb")


def _bokmal(msgid: str) -> str:
    message = catalogue().get(msgid)
    # A msgid that is not in the catalogue would come back as the English, which no Norwegian
    # page contains: an `assert ... not in page` would pass for the wrong reason.
    if message is None or not message.string or isinstance(message.string, tuple):
        raise KeyError(f"no Bokmål translation of the msgid {msgid!r}")
    return str(message.string)


def plain(msgid: str, **variables: Any) -> str:
    """The Bokmål for `msgid` as text (for email bodies and CLI output)."""
    text = _bokmal(msgid)
    return text % variables if variables else text


def t(msgid: str, **variables: Any) -> str:
    """The Bokmål for `msgid` as a page shows it (escaped, as are the variables)."""
    text = escape(_bokmal(msgid))
    return str(text % variables if variables else text)
