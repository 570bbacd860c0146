"""Numbers in URLs: an id the database cannot hold is a page that does not exist, not a crash."""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.routing import IntegerConverter, Map

# The largest value of an INTEGER column on PostgreSQL (SQLite's go higher), which every id is.
MAX_ID = 2**31 - 1


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` as Werkzeug has it, but a number above MAX_ID matches no route (a 404)."""

    def __init__(self, url_map: Map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def init_app(app: Flask) -> None:
    # Before any blueprint is registered: each rule takes its converters when it is added.
    app.url_map.converters["int"] = DatabaseIdConverter
