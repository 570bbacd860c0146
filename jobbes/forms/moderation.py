"""Moderators' decisions, and the report form anyone logged in can send."""

from __future__ import annotations

from typing import Any

from wtforms import HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from jobbes import areas, labels
from jobbes.forms.base import Form
from jobbes.forms.fields import StateField, email_field
from jobbes.i18n import lazy_gettext as _l
from jobbes.models import OrganisationStatus, RejectionReason, ReportReason
from jobbes.services.moderation import Decision

COMMENT_MAX = 2000


class DecisionForm(Form):
    """Approve, ask for changes (with a comment) or reject (with a reason)."""

    decision = HiddenField(validators=[AnyOf([d.value for d in Decision])])
    changes_comment = TextAreaField(
        _l("What should the author change?"),
        validators=[Optional(), Length(max=COMMENT_MAX)],
        description=_l("The author sees this. Be kind and concrete."),
        render_kw={"rows": 3},
    )
    reject_comment = TextAreaField(
        _l("Explanation"),
        validators=[Optional(), Length(max=COMMENT_MAX)],
        description=_l("Needed when the reason is “Other”. The author sees this."),
        render_kw={"rows": 2},
    )
    reason = SelectField(
        _l("Reason"),
        choices=[SelectChoice("", _l("Choose a reason"))]
        + [SelectChoice(r.value, label) for r, label in labels.REJECTION_REASONS.items()],
        validators=[Optional()],
    )

    def chosen(self) -> Decision:
        return Decision(self.decision.data)

    def comment(self) -> str | None:
        written: str | None = None
        if self.chosen() is Decision.REQUEST_CHANGES:
            written = self.changes_comment.data
        elif self.chosen() is Decision.REJECT:
            written = self.reject_comment.data
        return written

    def rejection_reason(self) -> RejectionReason | None:
        return RejectionReason(self.reason.data) if self.reason.data else None


class ReasonForm(Form):
    """A step that needs a reason people will read: reject, suspend, take down."""

    step = HiddenField()
    reason = TextAreaField(
        _l("Reason"),
        validators=[Optional(), Length(max=COMMENT_MAX)],
        description=_l("The people concerned see this."),
        render_kw={"rows": 2},
    )
    # Set when the step is taken from a report's page: the report is resolved by it.
    report = IntegerField(widget=HiddenInput(), validators=[Optional()])
    # The organisation's state the moderator saw, for decisions on an organisation.
    expected = StateField(OrganisationStatus)


class ReportForm(Form):
    reason = RadioField(
        _l("What is wrong?"),
        choices=[SelectChoice(r.value, label) for r, label in labels.REPORT_REASONS.items()],
        validators=[InputRequired(message=_l("Choose what is wrong."))],
    )
    text = TextAreaField(
        _l("Tell us more"),
        validators=[Optional(), Length(max=1000)],
        description=_l("What did you see? Only the staff at Varodd read this."),
        render_kw={"rows": 4},
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.reason.data == ReportReason.OTHER and not (self.text.data or "").strip():
            self.text.errors.append(_l("Tell us what is wrong."))
            valid = False
        return valid

    def chosen_reason(self) -> ReportReason:
        return ReportReason(self.reason.data)


class CloseReportForm(Form):
    step = HiddenField(validators=[AnyOf(["resolve", "dismiss"])])
    note = TextAreaField(
        _l("What was done"), validators=[Optional(), Length(max=COMMENT_MAX)], render_kw={"rows": 2}
    )


class AuditFilterForm(Form):
    """Filters for the audit log, read from the query string."""

    class Meta:
        csrf = False

    actor = SelectField(_l("Person"), validators=[Optional()])
    action = SelectField(_l("Action"), validators=[Optional()])
    subject_type = SelectField(
        _l("Kind of item"),
        choices=[SelectChoice("", _l("All"))]
        + [SelectChoice(kind, label) for kind, label in labels.SUBJECT_TYPES.items()],
        validators=[Optional()],
    )
    subject_id = IntegerField(_l("Item number"), validators=[Optional()])
    page = IntegerField(validators=[Optional(), NumberRange(min=1)])


class PeopleSearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(
        _l("Email, name or organisation number"), validators=[Optional(), Length(max=100)]
    )


class IndicatorFilterForm(Form):
    """The indicators' filters, read from the query string; the view fills in the periods."""

    class Meta:
        csrf = False

    period = SelectField(_l("Period"), validators=[Optional()])
    age_band = SelectField(
        _l("Age"),
        choices=[SelectChoice("", _l("All ages"))]
        + [SelectChoice(band, label) for band, label in labels.AGE_BANDS.items()],
        validators=[Optional()],
    )
    area = SelectField(
        _l("Area"),
        choices=[SelectChoice("", _l("All areas"))]
        + [SelectChoice(area.code, area.name) for area in areas.AREAS],
        validators=[Optional()],
    )
    listing_type = SelectField(
        _l("Kind of listing"),
        choices=[SelectChoice("", _l("All kinds"))]
        + [SelectChoice(kind.value, label) for kind, label in labels.LISTING_TYPES.items()],
        validators=[Optional()],
    )


class CreateProgrammeUserForm(Form):
    """An admin creates a read-only account for someone at the municipality's programme."""

    email = email_field(_l("Their work email"))
    name = StringField(
        _l("Name"),
        validators=[Optional(), Length(max=100, message=_l("Keep it under %(max)d characters."))],
        description=_l("Leave it empty to let them write it when they join."),
    )
