"""Writing a message in a conversation."""

from __future__ import annotations

from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from jobbes.forms.base import Form
from jobbes.forms.fields import StateField
from jobbes.i18n import lazy_gettext as _l
from jobbes.models import InterestStatus
from jobbes.services.messages import BODY_MAX


class MessageForm(Form):
    # Where the interest stood when the page was opened: a message sent just as it ended loses.
    expected = StateField(InterestStatus)
    body = TextAreaField(
        _l("Your message"),
        validators=[
            DataRequired(message=_l("Write something first.")),
            Length(max=BODY_MAX, message=_l("Keep it under %(max)d characters.")),
        ],
        render_kw={"rows": 3, "maxlength": BODY_MAX},
    )
