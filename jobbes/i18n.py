"""Which language a page speaks: the visitor's choice, else their browser's, else Bokmål."""

from __future__ import annotations

from flask import request

LANGUAGES = {"nb": "Norsk", "en": "English"}
DEFAULT_LANGUAGE = "nb"
LANGUAGE_COOKIE = "jobbes_lang"
# Browsers ask for Norwegian in three ways; all of them get Bokmål.
_ALIASES = {"no": "nb", "nn": "nb", "nb": "nb", "en": "en"}


def select_locale() -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return chosen
    # In the browser's order of preference; "nn-NO" counts as Norwegian even if "en" comes later.
    for tag, _quality in request.accept_languages:
        primary = tag.split("-", 1)[0].lower()
        if primary in _ALIASES:
            return _ALIASES[primary]
    return DEFAULT_LANGUAGE
