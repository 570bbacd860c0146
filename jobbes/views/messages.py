"""Conversations: a person's list, one conversation with its send form, and reporting a message.

Only the young person of an interest and the members of the organisation whose listing it is
may open its conversation; anyone else (another organisation, a moderator) gets a 404.
Moderators read a conversation only through a report about it, on the report's page.
"""

from __future__ import annotations

import re
from typing import Any

from flask import Blueprint, Response, abort, flash, g, request, url_for
from flask_limiter import RequestLimit
from flask_login import current_user
from markupsafe import Markup, escape

from jobbes import labels
from jobbes.db import db
from jobbes.extensions import account_or_address, limiter
from jobbes.forms.messages import MessageForm
from jobbes.forms.moderation import ReportForm
from jobbes.htmx import redirect_client, render, requested_fragment, swap_or_redirect
from jobbes.i18n import gettext as _
from jobbes.models import Interest, InterestStatus, Message, Side
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import Permission, can
from jobbes.services import interests, meetings, messages
from jobbes.views.access import guard
from jobbes.views.employer import _deliberate_visit

bp = Blueprint("messages", __name__, url_prefix="/messages")
guard(bp, Permission.CONVERSATION_VIEW)

# Per account, over all its conversations: a message every three seconds for a whole minute, or
# 200 in an hour, is more than a real conversation (or an employer answering a full inbox)
# comes near, and stops a script or a stuck key from flooding someone.
MESSAGE_LIMIT = "20 per minute;200 per hour"

# A web address in a message: shown as a link, never fetched, never previewed.
_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)»”'"


@bp.app_template_filter("linkify")
def linkify(text: str) -> Markup:
    """Plain text with its web addresses as links that search engines and the opened page
    cannot take as ours (`nofollow ugc`) nor reach back through (`noopener`, no referrer)."""
    parts: list[Markup] = []
    position = 0
    for found in _ADDRESS.finditer(text):
        address = found.group(0).rstrip(_TRAILING)
        parts.append(escape(text[position : found.start()]))
        parts.append(
            Markup(
                '<a class="ds-link" href="{0}" rel="nofollow noopener ugc" '
                'referrerpolicy="no-referrer">{0}</a>'
            ).format(address)
        )
        position = found.start() + len(address)
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _conversation(interest_id: int, permission: Permission) -> Interest:
    interest = db.get(Interest, interest_id)
    if interest is None or not can(current_user, permission, interest):
        abort(404)
    return interest


def _title(interest: Interest) -> str:
    version = interest.listing.published_version or interest.listing.current_version
    return version.title if version is not None else ""


@bp.get("")
def index() -> Any:
    return render(
        "messages/index.html",
        summaries=messages.conversations_of(db, current_user),
        young_person=current_user.profile is not None,
        title_of=_title,
    )


def _page(interest: Interest, form: MessageForm | None = None, status: int = 200) -> Any:
    entries = messages.conversation(db, interest, viewer=current_user)
    return _render(interest, entries, form, status)


def _render(
    interest: Interest,
    entries: list[messages.Entry],
    form: MessageForm | None = None,
    status: int = 200,
    news: list[messages.Entry] | None = None,
    times_changed: bool = False,
) -> Any:
    side = messages.side_of(current_user, interest)
    if form is None:
        form = MessageForm(formdata=None, data={"expected": interest.status})
    return render(
        "messages/conversation.html",
        status=status,
        interest=interest,
        title=_title(interest),
        entries=entries,
        side=side,
        Side=Side,
        last_read=messages.last_read(entries, side),
        is_open=messages.is_open(interest),
        minor=messages.with_minor(interest, today=local_today()),
        form=form,
        pipeline=labels.PIPELINE,
        steps=labels.INTEREST_STEPS,
        version=_shown(interest, entries),
        times=_times_state(interest),
        newest=max((e.message_id for e in entries if e.message_id), default=0),
        news=news or [],
        times_changed=times_changed,
    )


def _times_state(interest: Interest) -> str:
    """Where the times to meet this side sees stand (round and answer), or "" for none."""
    if messages.side_of(current_user, interest) is Side.YOUNG_PERSON:
        meeting = meetings.shown_to_young_person(interest)
    else:
        meeting = meetings.shown(interest)
    return f"{meeting.round}-{meeting.status.value}" if meeting is not None else ""


def _shown(interest: Interest, entries: list[messages.Entry]) -> str:
    """The fingerprint the page polls with: its lines, and the times to meet shown with them."""
    return f"{messages.version(interest, entries)}.{_times_state(interest)}"


@bp.get("/<int:interest_id>")
def conversation(interest_id: int) -> Any:
    interest = _conversation(interest_id, Permission.CONVERSATION_VIEW)
    # Opening the conversation is reading it, but not when another site sent the browser here.
    if _deliberate_visit():
        now = utcnow()
        read = messages.mark_read(db, interest, reader=current_user, now=now)
        employer = messages.side_of(current_user, interest) is Side.EMPLOYER
        if employer and interest.status is InterestStatus.SENT:
            # The young person's first words are on this page: their interest is read.
            interests.mark_seen(interest, now=now)
            read = True
        if read:
            db.commit()
    entries = messages.conversation(db, interest, viewer=current_user)
    # The page asks every few seconds with what it shows; nothing new is a 204, which htmx
    # leaves alone: no bytes on a poor connection, no list redrawn under a screen reader.
    polled = requested_fragment() == "conversation_messages"
    if polled and request.args.get("shown") == _shown(interest, entries):
        return Response(status=204)
    # What arrived since the page last looked, for screen readers to hear once (not the list).
    after = request.args.get("after", type=int)
    news = (
        [e for e in _new_entries(entries, after) if e.sender_id != current_user.id]
        if polled and after is not None
        else []
    )
    # New times, or an answer to them, are redrawn too; otherwise the card is left alone, with
    # whatever time the young person is choosing.
    times_changed = polled and request.args.get("times", "") != _times_state(interest)
    return _render(interest, entries, news=news, times_changed=times_changed)


def _new_entries(entries: list[messages.Entry], after: int) -> list[messages.Entry]:
    return [
        e for e in entries if e.message_id is not None and e.message_id > after and not e.deleted
    ]


def _too_fast(_limit: RequestLimit) -> Response | None:
    """Over the sending limit: the conversation again, with the words kept and told plainly."""
    interest_id = (request.view_args or {}).get("interest_id")
    interest = db.get(Interest, interest_id) if interest_id is not None else None
    if interest is None or not can(current_user, Permission.CONVERSATION_TAKE_PART, interest):
        return None  # the site's own "too many attempts" page
    form = MessageForm()
    form.form_errors.append(
        _(
            "You have sent a lot of messages in a short time, so this one was not sent. Wait a "
            "minute and send it again: your words are still in the box."
        )
    )
    response: Response = _page(interest, form, status=429)
    return response


@bp.post("/<int:interest_id>")
@limiter.limit(MESSAGE_LIMIT, key_func=account_or_address, on_breach=_too_fast)
def send(interest_id: int) -> Any:
    interest = _conversation(interest_id, Permission.CONVERSATION_TAKE_PART)
    form = MessageForm()
    if not form.validate():
        return _page(interest, form, status=422)
    try:
        messages.send(
            db,
            interest,
            sender=current_user,
            body=form.body.data,
            expected=form.expected.data,
            now=utcnow(),
        )
    except messages.ConversationClosed:
        db.rollback()
        db.refresh(interest)
        # Their words stay in the box: they may want to keep them, or say them elsewhere.
        form.form_errors.append(
            _(
                "This conversation closed while you were writing, so your message was not "
                "sent. Your words are still in the box if you want to keep them."
            )
        )
        return _page(interest, form, status=409)
    except messages.EmptyMessage:
        form.body.errors.append(_("Write something first."))
        return _page(interest, form, status=422)
    db.commit()
    location = url_for("messages.conversation", interest_id=interest.id) + "#message-form"
    return swap_or_redirect(location, lambda: _page(interest))


def _reported(interest: Interest, message_id: int) -> Message:
    message = db.get(Message, message_id)
    if (
        message is None
        or message.interest_id != interest.id
        or message.side is messages.side_of(current_user, interest)
        or message.body is None
    ):
        abort(404)
    return message


def _report_page(interest: Interest, message: Message, form: ReportForm, status: int = 200) -> Any:
    return render(
        "messages/report.html",
        status=status,
        interest=interest,
        message=message,
        title=_title(interest),
        form=form,
    )


@bp.get("/<int:interest_id>/report/<int:message_id>")
def report_page(interest_id: int, message_id: int) -> Any:
    interest = _conversation(interest_id, Permission.CONVERSATION_VIEW)
    return _report_page(interest, _reported(interest, message_id), ReportForm())


@bp.post("/<int:interest_id>/report/<int:message_id>")
def send_report(interest_id: int, message_id: int) -> Any:
    interest = _conversation(interest_id, Permission.CONVERSATION_VIEW)
    message = _reported(interest, message_id)
    form = ReportForm()
    if not form.validate():
        return _report_page(interest, message, form, status=422)
    messages.report(
        db,
        interest,
        message,
        reporter=current_user,
        reason=form.chosen_reason(),
        text=form.text.data,
        now=utcnow(),
    )
    db.commit()
    flash(
        _(
            "Thank you. The staff at Varodd will read this message and the ones before it, "
            "usually within a working day."
        ),
        "success",
    )
    return redirect_client(url_for("messages.conversation", interest_id=interest.id))


@bp.app_template_global("unread_messages")
def unread_messages() -> int:
    """For the menu on every page: one COUNT per request, for those who take part in any."""
    if "_unread_messages" not in g:
        g._unread_messages = messages.unread_conversations(db, current_user)
    count: int = g._unread_messages
    return count


@bp.app_template_global("unread_in_conversations")
def unread_in_conversations() -> dict[int, int]:
    """Unread messages per conversation, for the links on interest cards: one query a request."""
    if "_unread_by_interest" not in g:
        g._unread_by_interest = messages.unread_by_interest(db, current_user)
    counts: dict[int, int] = g._unread_by_interest
    return counts
