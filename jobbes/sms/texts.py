"""The words of a notification text: no names, no places, no titles, only what kind of thing
happened and a short link that opens after signing in."""

from __future__ import annotations

from collections.abc import Sequence

from jobbes import notification_texts
from jobbes.i18n import gettext as _
from jobbes.i18n import ngettext, speaking
from jobbes.models import Notification, User
from jobbes.services.sms import Compose


def composer(link_host: str) -> Compose:
    """Texts whose links point at `link_host` ("jobbes.no"), in each person's language."""

    def compose(user: User, notifications: Sequence[Notification], code: str) -> str:
        link = f"{link_host}/v/{code}"
        with speaking(user.language):
            if len(notifications) == 1:
                # The title names the kind of event and never a person, an employer or a listing.
                what = notification_texts.title(notifications[0].kind)
                return _("Jobbes: %(what)s. See %(link)s", what=what, link=link)
            return ngettext(
                "Jobbes: You have %(num)d new notification. See %(link)s",
                "Jobbes: You have %(num)d new notifications. See %(link)s",
                len(notifications),
                link=link,
            )

    return compose
