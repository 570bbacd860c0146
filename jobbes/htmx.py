"""Pages and their fragments from one template: the only place that reads htmx's request headers.

Every URL renders a full page when opened directly. When htmx asks on behalf of an element with an
id, `render()` answers with the template block of the same name (DOM id `profile-step` is block
`profile_step`), rendered with the same context, so a fragment can never show more than its page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from flask import Response, current_app, make_response, request
from flask import render_template as render_page

HTMX_HEADERS = ("HX-Request", "HX-Target")


def is_htmx_request() -> bool:
    """True for requests htmx made, except history restores, which want the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def requested_fragment() -> str | None:
    """The block name htmx asks for, from the id in `HX-Target: tag#id`, if this is a swap."""
    if not is_htmx_request() or request.headers.get("HX-Request-Type") == "full":
        return None
    _, _, element_id = request.headers.get("HX-Target", "").partition("#")
    return unquote(element_id).replace("-", "_") or None


def render_fragment(template_name: str, block: str, **context: Any) -> str:
    """Render one named block of a page template."""
    return _render_blocks(template_name, (block,), context)[0]


def _render_blocks(
    template_name: str, blocks: tuple[str, ...], context: dict[str, Any]
) -> list[str]:
    """Named blocks of a page template, rendered with one context: the context processors and
    the template's context are made once, not once for each block."""
    env = current_app.jinja_env
    template = env.get_or_select_template(template_name)
    current_app.update_template_context(context)
    rendering = template.new_context(context)
    return [env.concat(template.blocks[block](rendering)) for block in blocks]


def render(template_name: str, *, status: int = 200, **context: Any) -> Response:
    """The full page, or, for an htmx swap of one of its blocks, just that block."""
    block = requested_fragment()
    template = current_app.jinja_env.get_or_select_template(template_name)
    if block is not None and block in template.blocks:
        if "title" in template.blocks:
            # htmx takes a <title> out of the swapped content and gives it to the document, so
            # the browser's title names what is shown now, not what was swapped out.
            body, title = _render_blocks(template_name, (block, "title"), context)
            body += f"\n<title>{title.strip()} – Jobbes</title>"
        else:
            body = render_fragment(template_name, block, **context)
    else:
        body = render_page(template_name, **context)
    response = make_response(body, status)
    response.vary.update(HTMX_HEADERS)
    if request.method not in ("GET", "HEAD"):
        # A page rendered for a POST is a refused form. htmx must not put the POST's URL in the
        # address bar, where reload and Back would answer 405; the address stays the page's.
        response.headers["HX-Push-Url"] = "false"
    return response


def redirect_client(location: str) -> Response:
    """Tell htmx to load another page instead of swapping (a plain 303 for everyone else)."""
    if is_htmx_request():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = location
        return response
    response = make_response("", 303)
    response.headers["Location"] = location
    return response


def swap_or_redirect(location: str, page: Callable[[], Response]) -> Response:
    """After a POST that worked: for an htmx swap, the page's block in place (`page` renders it
    as it is now); for everyone else a 303 to `location`, so a reload does not post again."""
    if requested_fragment() is not None:
        return page()
    response = make_response("", 303)
    response.headers["Location"] = location
    return response
