"""Rendered parts of pages, kept in each worker's memory and used again while still true.

A view keeps a part with `cache_of(app).get_or_render(key, render)`, a template with
`{% cached key %}...{% endcached %}`. The key holds everything the part depends on: what was
asked for, the language, the date, and the version of the data (`services.catalogue.version`),
so a key is never used again once its answer may have changed; nothing has to be thrown away by
hand. A key of `None` renders the part every time.

The search results are the part that earns this: finding one page of 100,000 listings costs
milliseconds, showing a kept one nothing. Each worker keeps its own, least recently used
forgotten first; `PAGE_CACHE_SIZE` (0 turns it off) bounds how many.

`{% once key %}...{% endonce %}` is for parts that depend on nothing but the key's few values
(a select with one option chosen, in one language): they are rendered once per worker, whatever
PAGE_CACHE_SIZE says, in a store of their own, as they are the same for every search.

`{% memo key %}...{% endmemo %}` (`memo_each` for many) is for a part whose key holds *all* it
shows: a search result's card, keyed by the language and the card's row itself
(`services.search.Card`: the listing's id and every value the card prints). That is a memo of a
pure function, not a kept result: the search still runs every time and finds the rows afresh; a
card is used again only when the row read now is equal to the row it was rendered from, so an edit
makes a new key (no version number is needed, and nothing can be stale), and an edit of one listing
leaves every other card kept. It is shared by every search that shows the listing.
`CARD_CACHE_SIZE` bounds it (0 turns it off), least recently used forgotten first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from functools import partial
from typing import Any

from flask import Flask
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup


class PageCache:
    """A bounded map from keys to rendered HTML, safe to share between a worker's threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_render(self, key: Hashable | None, render: Callable[[], str]) -> str:
        if key is None or self.size <= 0:
            return render()
        with self._lock:
            html = self._kept.get(key)
            if html is not None:
                self._kept.move_to_end(key)
                self.hits += 1
                return html
            self.misses += 1
        # Rendered outside the lock: two threads may both render a new key, which is harmless.
        html = render()
        with self._lock:
            self._kept[key] = html
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


# Room for every value of the search form's parts in both languages, several times over.
STATIC_PARTS = 2000


class CachedExtension(Extension):
    """`{% cached key %}`, `{% once key %}` and `{% memo key %}`: the body is rendered only when
    the key is not yet kept (in the page cache, the store of static parts, or the memo)."""

    tags = {"cached", "once", "memo"}

    def parse(self, parser: Parser) -> nodes.Node:
        token = next(parser.stream)
        key = parser.parse_expression()
        body = parser.parse_statements((f"name:end{token.value}",), drop_needle=True)
        method = {"cached": "_render", "once": "_render_once", "memo": "_render_memo"}[token.value]
        call = self.call_method(method, [key])
        return nodes.CallBlock(call, [], [], body).set_lineno(token.lineno)

    def _render(self, key: Hashable | None, caller: Callable[[], str]) -> str:
        # Set by `environment.extend()` in init_app, which Jinja's types cannot see.
        cache: PageCache = self.environment.page_cache  # type: ignore[attr-defined]
        # In an autoescaped template the body comes back as Markup, and is kept as it is.
        return cache.get_or_render(key, caller)

    def _render_once(self, key: Hashable, caller: Callable[[], str]) -> str:
        parts: PageCache = self.environment.static_parts  # type: ignore[attr-defined]
        return parts.get_or_render(key, caller)

    def _render_memo(self, key: Hashable, caller: Callable[[], str]) -> str:
        memo: PageCache = self.environment.memo  # type: ignore[attr-defined]
        return memo.get_or_render(key, caller)


def memo_each(
    memo: PageCache,
    prefix: tuple[Hashable, ...],
    items: Iterable[Hashable],
    render: Callable[[Any], str],
) -> Markup:
    """`render(item)` for each item, joined, each remembered in the memo under `(*prefix, item)`
    as `{% memo %}` would: one call for the twenty cards of a search, where a `memo` tag in a loop
    cost a macro object and two calls for each card."""
    # Markup.join escapes whatever is not Markup already; what render returns is rendered HTML.
    return Markup("").join(
        memo.get_or_render((*prefix, item), partial(render, item)) for item in items
    )


def init_app(app: Flask) -> None:
    memo = PageCache(app.config["CARD_CACHE_SIZE"])
    app.jinja_env.add_extension(CachedExtension)
    app.jinja_env.extend(
        page_cache=PageCache(app.config["PAGE_CACHE_SIZE"]),
        static_parts=PageCache(STATIC_PARTS),
        memo=memo,
    )
    app.jinja_env.globals["memo_each"] = partial(memo_each, memo)


def cache_of(app: Flask) -> PageCache:
    cache: PageCache = app.jinja_env.page_cache  # type: ignore[attr-defined]  # see _render
    return cache


def memo_of(app: Flask) -> PageCache:
    memo: PageCache = app.jinja_env.memo  # type: ignore[attr-defined]  # see _render
    return memo


def static_parts_of(app: Flask) -> PageCache:
    parts: PageCache = app.jinja_env.static_parts  # type: ignore[attr-defined]  # see _render
    return parts
