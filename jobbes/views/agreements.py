"""A trial agreement: the page the parties read, change and sign; its PDF, calendar and printable
page; and the guardian's link, which needs no account."""

from __future__ import annotations

import logging
from datetime import datetime, time
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    url_for,
)
from flask_login import current_user

from jobbes import agreement_labels, mail
from jobbes.db import db
from jobbes.extensions import limiter
from jobbes.forms.agreements import (
    BLANK_ROWS,
    CancelForm,
    GuardianForm,
    GuardianQuestionForm,
    GuardianSignForm,
    PatternForm,
    ResendForm,
    ScheduleForm,
    SendForm,
    SignForm,
    SignOnBehalfForm,
    TermsForm,
)
from jobbes.htmx import redirect_client, render
from jobbes.i18n import format_date, format_time
from jobbes.i18n import gettext as _
from jobbes.models import (
    Agreement,
    AgreementStatus,
    PoliceCertificateHandling,
    Role,
    SignatureRole,
    User,
)
from jobbes.models.base import LOCAL_TIMEZONE, local_today, utcnow
from jobbes.permissions import STAFF_ROLES, Permission, can
from jobbes.services import agreements, phones, sms
from jobbes.services.state_machine import InvalidTransition, StaleState
from jobbes.sms import SmsError
from jobbes.views.access import guard, public, requires
from jobbes.views.conflicts import lost
from jobbes.vocabulary import TrialPay
from jobbes.working_hours_texts import duration, rules_in_plain_words, violation_text

logger = logging.getLogger(__name__)

bp = Blueprint("agreements", __name__, url_prefix="/agreements")
guard(bp, Permission.AGREEMENT_VIEW)

GUARDIAN_LIMIT = "20 per minute;100 per hour"
PRINT_CSS = "css/agreement-print.css"


# --- Finding and showing ------------------------------------------------------------------------


def agreement_or_404(
    agreement_id: int, permission: Permission = Permission.AGREEMENT_VIEW
) -> Agreement:
    """The agreement, if this person may do `permission` with it; 404 for anyone else."""
    agreement = agreements.get(db, agreement_id)
    if agreement is None or not can(current_user, Permission.AGREEMENT_VIEW, agreement):
        abort(404)
    if not can(current_user, permission, agreement):
        abort(404)
    return agreement


def _day_text(day: Any) -> str:
    return format_date(day, "weekday")


def _listing_title(agreement: Agreement) -> str:
    listing = agreement.interest.listing
    version = listing.published_version or listing.current_version
    return version.title if version is not None else ""


def document_context(agreement: Agreement, *, today: Any) -> dict[str, Any]:
    """What the agreement's text needs, the same on the page, the print page, the PDF and the
    guardian's page."""
    required = agreements.required_roles(agreement, today)
    return {
        "agreement": agreement,
        "texts": agreement_labels,
        "title": _listing_title(agreement),
        "young_name": agreement.young_person.name if agreement.young_person else _("(deleted)"),
        "programme_contact_name": (
            agreement.programme_contact.name if agreement.programme_contact else None
        ),
        "total_minutes": sum(day.minutes for day in agreement.days),
        "duration": duration,
        "sides": [(role, agreements.signature_of(agreement, role)) for role in required],
        "day_text": _day_text,
    }


def _signable_roles(agreement: Agreement) -> list[SignatureRole]:
    if agreement.status is not AgreementStatus.AWAITING_SIGNATURES:
        return []
    if not can(current_user, Permission.AGREEMENT_SIGN, agreement):
        return []
    return [
        role
        for role in agreements.roles_of(agreement, current_user)
        if agreements.signature_of(agreement, role) is None
    ]


def _plain_rules(agreement: Agreement, today: Any) -> list[Any]:
    """What the law says about the young person's own hours, for them (never the employer)."""
    young = agreement.young_person
    if young is None or young.profile is None:
        return []
    age = young.profile.age(max(today, agreement.start_date))
    if age >= agreements.ADULT_AGE:
        return []
    return rules_in_plain_words(
        age, in_compulsory_school=agreements.in_compulsory_school(agreement)
    )


def _page(agreement: Agreement, *, status: int = 200, **forms: Any) -> Response:
    today = local_today()
    checked = agreement.status in (AgreementStatus.DRAFT, AgreementStatus.AWAITING_SIGNATURES)
    violations = agreements.rule_violations(db, agreement) if checked else []
    version = {"version": agreement.version}
    roles = agreements.roles_of(agreement, current_user)
    # The programme's side: its staff, or a counsellor chosen as the programme's contact.
    is_staff = current_user.role in STAFF_ROLES or SignatureRole.PROGRAMME in roles
    may_edit = can(current_user, Permission.AGREEMENT_EDIT, agreement)
    minor = agreements.is_minor(agreement, today)
    context = document_context(agreement, today=today)
    return render(
        "agreements/page.html",
        status=status,
        **context,
        may_edit=may_edit and agreement.status in agreements.EDITABLE,
        may_end=may_edit and agreement.status not in agreements.FINISHED,
        missing=agreements.missing_for_sending(agreement)
        if agreement.status is AgreementStatus.DRAFT
        else [],
        signable=_signable_roles(agreement),
        is_programme_contact=SignatureRole.PROGRAMME in roles,
        is_young_person=SignatureRole.YOUNG_PERSON in roles,
        # The guardian's address is for the young person and the programme, not the employer.
        shows_guardian_contact=SignatureRole.YOUNG_PERSON in roles or is_staff,
        needs_guardian=minor,
        guardian_signed=agreements.signature_of(agreement, SignatureRole.GUARDIAN) is not None,
        history=agreements.history(agreement, include_questions=is_staff),
        send_form=forms.get("send_form") or SendForm(formdata=None, data=version),
        sign_form=forms.get("sign_form") or SignForm(formdata=None, data=version),
        on_behalf_form=forms.get("on_behalf_form")
        or SignOnBehalfForm(formdata=None, data=version, prefix="for"),
        guardian_form=forms.get("guardian_form")
        or GuardianForm(
            formdata=None,
            prefix="guardian",
            data={
                "name": agreement.guardian_name,
                "email": agreement.guardian_email,
                "phone": agreement.guardian_phone,
            },
        ),
        cancel_form=forms.get("cancel_form")
        or CancelForm(formdata=None, data=version, prefix="end"),
        resend_form=ResendForm(formdata=None),
        problems=forms.get("problems", []),
        violations=[violation_text(v) for v in violations],
        plain_rules=_plain_rules(agreement, today) if SignatureRole.YOUNG_PERSON in roles else [],
        problem_text=lambda p: agreement_labels.problem_text(p, day_text=_day_text),
    )


def _here(agreement: Agreement, anchor: str = "") -> str:
    return url_for(".page", agreement_id=agreement.id) + (f"#{anchor}" if anchor else "")


def _lost(agreement: Agreement) -> Response:
    lost(
        _(
            "Someone changed this agreement while you were looking at it. Nothing of yours was "
            "saved: here it is as it is now."
        )
    )
    fresh = agreements.get(db, agreement.id)
    assert fresh is not None
    return _page(fresh, status=409)


@bp.get("")
def index() -> Any:
    is_staff = current_user.role in STAFF_ROLES
    return render(
        "agreements/index.html",
        mine=agreements.of_user(db, current_user, now=utcnow()),
        without=agreements.trials_without_agreement(db) if is_staff else [],
        is_staff=is_staff,
        texts=agreement_labels,
        title_of=_listing_title,
    )


@bp.get("/<int:agreement_id>")
def page(agreement_id: int) -> Any:
    return _page(agreement_or_404(agreement_id))


@bp.get("/interest/<int:interest_id>")
def for_interest(interest_id: int) -> Any:
    """From an interest's card to its agreement, for whoever may see both."""
    interest = agreements.interest_by_id(db, interest_id)
    agreement = agreements.for_interest(db, interest) if interest is not None else None
    if agreement is None or not can(current_user, Permission.AGREEMENT_VIEW, agreement):
        abort(404)
    return redirect(_here(agreement), 303)


# --- Terms --------------------------------------------------------------------------------------


def _contact_choices(agreement: Agreement) -> list[tuple[str, str]]:
    return [("", _("Not chosen yet"))] + [
        (str(person.id), _contact_label(person))
        for person in agreements.contact_choices(db, agreement, now=utcnow())
    ]


def _contact_label(person: User) -> str:
    name = person.name or person.email
    if person.role is Role.COUNSELLOR:
        return _("%(name)s (counsellor)", name=name)
    return name


def _terms_form(agreement: Agreement, formdata: Any = None) -> TermsForm:
    data = {
        "version": agreement.version,
        **{name: getattr(agreement, name) for name in agreements.TERM_FIELDS},
        "pay": agreement.pay.value,
        "police_certificate_handling": (
            agreement.police_certificate_handling.value
            if agreement.police_certificate_handling
            else None
        ),
        "programme_contact": str(agreement.programme_contact_id or ""),
    }
    form = TermsForm(formdata=formdata, data=data) if formdata is None else TermsForm(data=data)
    form.programme_contact.choices = _contact_choices(agreement)
    return form


def _terms_page(
    agreement: Agreement, form: TermsForm, *, status: int = 200, problems: Any = ()
) -> Response:
    return render(
        "agreements/terms.html",
        status=status,
        agreement=agreement,
        title=_listing_title(agreement),
        form=form,
        sets_contact=current_user.role in STAFF_ROLES,
        problems=[agreement_labels.problem_text(p, day_text=_day_text) for p in problems],
    )


@bp.get("/<int:agreement_id>/terms")
@requires(Permission.AGREEMENT_EDIT)
def terms_page(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    if agreement.status not in agreements.EDITABLE:
        return redirect(_here(agreement), 303)
    return _terms_page(agreement, _terms_form(agreement))


@bp.post("/<int:agreement_id>/terms")
@requires(Permission.AGREEMENT_EDIT)
def save_terms(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    form = _terms_form(agreement, formdata=True)
    if not form.validate():
        return _terms_page(agreement, form, status=422)
    if agreement.status not in agreements.EDITABLE:
        flash(_("This agreement can no longer be changed."), "warning")
        return redirect_client(_here(agreement))
    terms = agreements.Terms(
        contact_name=form.contact_name.data,
        contact_role=form.contact_role.data,
        contact_phone=form.contact_phone.data,
        place=form.place.data,
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        tasks=form.tasks.data,
        goals=list(form.goals.data or []),
        goal_other=form.goal_other.data,
        training=form.training.data,
        safety_equipment=form.safety_equipment.data,
        pay=TrialPay(form.pay.data),
        pay_amount=form.pay_amount.data,
        police_certificate_handling=(
            PoliceCertificateHandling(form.police_certificate_handling.data)
            if form.police_certificate_handling.data
            else None
        ),
        evaluation_date=form.evaluation_date.data,
    )
    sets_contact = current_user.role in STAFF_ROLES
    contact = None
    if sets_contact and form.programme_contact.data:
        contact = next(
            (
                p
                for p in agreements.contact_choices(db, agreement, now=utcnow())
                if str(p.id) == form.programme_contact.data
            ),
            None,
        )
    try:
        changed = agreements.update_terms(
            db,
            agreement,
            current_user,
            terms,
            seen_version=form.version.data,
            now=utcnow(),
            set_contact=sets_contact,
            programme_contact=contact,
        )
    except agreements.ScheduleRefused as refused:
        db.rollback()
        return _terms_page(agreement, form, status=422, problems=refused.problems)
    except StaleState:
        return _lost(agreement)
    db.commit()
    if changed:
        flash(_("The agreement is saved."), "success")
    else:
        flash(_("Nothing was changed."), "info")
    return redirect_client(_here(agreement))


# --- Schedule -----------------------------------------------------------------------------------


def _schedule_form(agreement: Agreement) -> ScheduleForm:
    rows = [
        {"day": d.day, "start": d.start, "end": d.end, "break_minutes": d.break_minutes}
        for d in agreement.days
    ] + [{}] * BLANK_ROWS
    return ScheduleForm(formdata=None, data={"version": agreement.version, "days": rows})


def _schedule_page(
    agreement: Agreement,
    *,
    form: ScheduleForm | None = None,
    pattern_form: PatternForm | None = None,
    problems: Any = (),
    status: int = 200,
) -> Response:
    return render(
        "agreements/schedule.html",
        status=status,
        agreement=agreement,
        title=_listing_title(agreement),
        form=form or _schedule_form(agreement),
        pattern_form=pattern_form
        or PatternForm(
            formdata=None,
            data={
                "version": agreement.version,
                "weekdays": ["0", "1", "2", "3", "4"],
                "start": time(9),
                "end": time(14),
                "break_minutes": 30,
            },
        ),
        problems=[agreement_labels.problem_text(p, day_text=_day_text) for p in problems],
    )


def _save_schedule(
    agreement: Agreement, plans: list[agreements.DayPlan], seen: int, form: Any
) -> Response:
    try:
        changed = agreements.set_schedule(
            db, agreement, current_user, plans, seen_version=seen, now=utcnow()
        )
    except agreements.ScheduleRefused as refused:
        db.rollback()
        fresh = agreements.get(db, agreement.id)
        assert fresh is not None
        kind = "form" if isinstance(form, ScheduleForm) else "pattern_form"
        return _schedule_page(fresh, problems=refused.problems, status=422, **{kind: form})
    except StaleState:
        return _lost(agreement)
    except agreements.NotEditable:
        db.rollback()
        flash(_("This agreement can no longer be changed."), "warning")
        return redirect_client(_here(agreement))
    db.commit()
    flash(_("The days are saved.") if changed else _("Nothing was changed."), "success")
    return redirect_client(_here(agreement, "schedule"))


@bp.get("/<int:agreement_id>/schedule")
@requires(Permission.AGREEMENT_EDIT)
def schedule_page(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    if agreement.status not in agreements.EDITABLE:
        return redirect(_here(agreement), 303)
    return _schedule_page(agreement)


@bp.post("/<int:agreement_id>/schedule")
@requires(Permission.AGREEMENT_EDIT)
def save_schedule(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    form = ScheduleForm()
    if not form.validate():
        return _schedule_page(agreement, form=form, status=422)
    plans = [
        agreements.DayPlan(row.day.data, row.start.data, row.end.data, row.break_minutes.data or 0)
        for row in form.days
        if row.day.data is not None
    ]
    return _save_schedule(agreement, plans, form.version.data, form)


@bp.get("/<int:agreement_id>/schedule/pattern")
@requires(Permission.AGREEMENT_EDIT)
def pattern_page(agreement_id: int) -> Any:
    return redirect(url_for(".schedule_page", agreement_id=agreement_id), 303)


@bp.post("/<int:agreement_id>/schedule/pattern")
@requires(Permission.AGREEMENT_EDIT)
def fill_pattern(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    form = PatternForm()
    if not form.validate():
        return _schedule_page(agreement, pattern_form=form, status=422)
    plans = agreements.pattern(
        agreement.start_date,
        agreement.end_date,
        weekdays=[int(day) for day in form.weekdays.data],
        start=form.start.data,
        end=form.end.data,
        break_minutes=form.break_minutes.data or 0,
    )
    return _save_schedule(agreement, plans, form.version.data, form)


# --- Sending and signing ------------------------------------------------------------------------


def send_guardian_link(agreement: Agreement, token: str) -> bool:
    """Email or text the guardian their link; False when it could not be sent."""
    link = url_for(".guardian_page", token=token, _external=True)
    days = agreements.GUARDIAN_LINK_LIFETIME.days
    if agreement.guardian_email:
        return mail.send_template(
            agreement.guardian_email,
            _("Please read and sign an agreement about a job trial"),
            "agreement_guardian",
            link=link,
            days=days,
        )
    if agreement.guardian_phone:
        from jobbes.views.phone import gateway

        text = _(
            "Jobbes: please read and sign an agreement about a job trial, as parent or guardian. "
            "The link works once, for %(days)s days: %(link)s",
            days=str(days),
            link=link,
        )
        try:
            gateway().send(phones.normalise(agreement.guardian_phone), text)
        except (SmsError, phones.InvalidNumber) as error:
            logger.warning("guardian link for agreement %s not sent: %s", agreement.id, error)
            return False
        return True
    return False


def _tell_guardian_when_signed(agreement: Agreement) -> None:
    """The guardian has no account and no notifications: once everyone has signed, an email
    says so (no names in it; the young person keeps the agreement in Jobbes)."""
    if agreement.status is AgreementStatus.SIGNED and agreement.guardian_email:
        mail.send_template(
            agreement.guardian_email,
            _("The agreement about a job trial is signed"),
            "agreement_guardian_signed",
            start=format_date(agreement.start_date, "long"),
        )


def _told_guardian(agreement: Agreement, token: str | None) -> None:
    if token is None:
        return
    quiet_until = sms.quiet_hours_end(utcnow())
    if not agreement.guardian_email and quiet_until is not None:
        # Texts are never sent at night; the link is sent again in the morning by a press.
        flash(
            _(
                "Text messages are not sent at night. Press “Send them a new link” after %(time)s.",
                time=format_time(quiet_until),
            ),
            "info",
        )
        return
    if send_guardian_link(agreement, token):
        flash(_("We sent the signing link to the parent or guardian."), "success")
    else:
        flash(
            _(
                "We could not send the link to the parent or guardian. "
                "Check the address, and try again."
            ),
            "error",
        )


@bp.get("/<int:agreement_id>/send")
def send_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id)), 303)


@bp.post("/<int:agreement_id>/send")
def send(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    form = SendForm()
    if not form.validate():
        return _page(agreement, status=422, send_form=form)
    try:
        token = agreements.send_for_signature(
            db,
            agreement,
            current_user,
            seen_version=form.version.data,
            today=local_today(),
            now=utcnow(),
        )
    except agreements.NotReady:
        db.rollback()
        return _page(agreement, status=422)
    except (agreements.ScheduleRefused, agreements.RulesBroken) as refused:
        db.rollback()
        problems = refused.problems if isinstance(refused, agreements.ScheduleRefused) else []
        return _page(agreement, status=422, problems=problems)
    except (StaleState, InvalidTransition):
        return _lost(agreement)
    db.commit()
    flash(_("Sent. Everyone is asked to read and sign the agreement."), "success")
    _told_guardian(agreement, token)
    return redirect_client(_here(agreement))


@bp.get("/<int:agreement_id>/sign")
def sign_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id), "sign"), 303)


@bp.post("/<int:agreement_id>/sign")
@requires(Permission.AGREEMENT_SIGN)
def sign(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_SIGN)
    form = SignForm()
    if not form.validate():
        return _page(agreement, status=422, sign_form=form)
    roles = _signable_roles(agreement)
    if not roles:
        flash(_("There is nothing for you to sign on this agreement now."), "info")
        return redirect_client(_here(agreement))
    try:
        done = False
        for role in roles:
            done = agreements.sign(
                db,
                agreement,
                current_user,
                role,
                typed_name=form.name.data,
                seen_version=form.version.data,
                today=local_today(),
                now=utcnow(),
            )
    except (StaleState, agreements.NotSigning):
        return _lost(agreement)
    except agreements.AlreadySigned:
        db.rollback()
        flash(_("You have signed this agreement already."), "info")
        return redirect_client(_here(agreement))
    except agreements.RulesBroken:
        # Another agreement signed meanwhile adds hours that break a rule: the page says which.
        db.rollback()
        return _page(agreement, status=422)
    db.commit()
    _tell_guardian_when_signed(agreement)
    if done:
        flash(_("Signed. Everyone has signed now, and everyone gets the agreement."), "success")
    else:
        flash(_("Signed. We tell you when everyone has signed."), "success")
    return redirect_client(_here(agreement))


@bp.get("/<int:agreement_id>/sign-for")
def sign_for_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id), "sign-for"), 303)


@bp.post("/<int:agreement_id>/sign-for")
@requires(Permission.AGREEMENT_SIGN)
def sign_for(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_SIGN)
    if SignatureRole.PROGRAMME not in agreements.roles_of(agreement, current_user):
        abort(404)
    form = SignOnBehalfForm(prefix="for")
    if not form.validate():
        return _page(agreement, status=422, on_behalf_form=form)
    role = SignatureRole(form.role.data)
    try:
        agreements.sign_on_behalf(
            db,
            agreement,
            current_user,
            role,
            typed_name=form.name.data,
            reason=form.reason.data,
            seen_version=form.version.data,
            today=local_today(),
            now=utcnow(),
        )
    except (StaleState, agreements.NotSigning):
        return _lost(agreement)
    except agreements.RulesBroken:
        db.rollback()
        return _page(agreement, status=422)
    except agreements.NotAParty:
        db.rollback()
        form.role.errors = [_("This agreement does not need that signature.")]
        return _page(agreement, status=422, on_behalf_form=form)
    except agreements.AlreadySigned:
        db.rollback()
        form.role.errors = [_("That side has signed already.")]
        return _page(agreement, status=422, on_behalf_form=form)
    db.commit()
    _tell_guardian_when_signed(agreement)
    flash(_("Signed on their behalf. This is recorded with your reason."), "success")
    return redirect_client(_here(agreement))


# --- The guardian, as the young person names them -------------------------------------------------


@bp.get("/<int:agreement_id>/guardian")
def guardian_form_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id), "guardian"), 303)


@bp.post("/<int:agreement_id>/guardian")
def name_guardian(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id)
    if SignatureRole.YOUNG_PERSON not in agreements.roles_of(agreement, current_user):
        abort(404)
    form = GuardianForm(prefix="guardian")
    if form.validate() and form.phone.data:
        try:
            form.phone.data = phones.normalise(form.phone.data)
        except phones.InvalidNumber:
            form.phone.errors = [_("Write a Norwegian mobile number, like 412 34 567.")]
    if form.errors or not form.validate():
        return _page(agreement, status=422, guardian_form=form)
    try:
        token = agreements.set_guardian(
            db,
            agreement,
            current_user,
            name=form.name.data,
            email=form.email.data,
            phone=form.phone.data,
            now=utcnow(),
        )
    except (agreements.NotEditable, agreements.AlreadySigned):
        db.rollback()
        flash(_("The parent or guardian can no longer be changed on this agreement."), "info")
        return redirect_client(_here(agreement))
    db.commit()
    flash(_("Saved. Your parent or guardian gets a link to sign when it is time."), "success")
    _told_guardian(agreement, token)
    return redirect_client(_here(agreement, "guardian"))


@bp.get("/<int:agreement_id>/guardian/link")
def resend_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id), "guardian"), 303)


@bp.post("/<int:agreement_id>/guardian/link")
@limiter.limit(GUARDIAN_LIMIT)
def resend_guardian_link(agreement_id: int) -> Any:
    """A new link for the guardian (the young person or the programme's contact asks for it)."""
    agreement = agreement_or_404(agreement_id)
    roles = agreements.roles_of(agreement, current_user)
    if not roles & {SignatureRole.YOUNG_PERSON, SignatureRole.PROGRAMME}:
        abort(404)
    if not ResendForm().validate() or not agreements.guardian_reachable(agreement):
        abort(400)
    try:
        token = agreements.issue_guardian_link(db, agreement, now=utcnow())
    except (agreements.NotSigning, agreements.AlreadySigned):
        db.rollback()
        flash(_("No link is needed now."), "info")
        return redirect_client(_here(agreement))
    db.commit()
    _told_guardian(agreement, token)
    return redirect_client(_here(agreement, "guardian"))


# --- Ending -------------------------------------------------------------------------------------


@bp.get("/<int:agreement_id>/cancel")
def cancel_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id), "end"), 303)


@bp.post("/<int:agreement_id>/cancel")
def cancel(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.AGREEMENT_EDIT)
    form = CancelForm(prefix="end")
    if not form.validate():
        return _page(agreement, status=422, cancel_form=form)
    try:
        agreements.cancel(
            db,
            agreement,
            current_user,
            reason=form.reason.data,
            seen_version=form.version.data,
            now=utcnow(),
        )
    except (StaleState, InvalidTransition):
        return _lost(agreement)
    db.commit()
    flash(_("The agreement is ended, and the others are told."), "success")
    return redirect_client(_here(agreement))


# --- Set up by the programme --------------------------------------------------------------------


@bp.post("/for-interest/<int:interest_id>")
@requires(Permission.AGREEMENT_SET_UP)
def set_up(interest_id: int) -> Any:
    """A moderator sets up the agreement for an interest whose trial was agreed outside Jobbes."""
    interest = agreements.interest_by_id(db, interest_id)
    if interest is None or not can(current_user, Permission.AGREEMENT_SET_UP, interest):
        abort(404)
    agreement = agreements.draft(db, interest, actor=current_user, now=utcnow())
    db.commit()
    return redirect_client(url_for(".terms_page", agreement_id=agreement.id))


# --- Documents ----------------------------------------------------------------------------------


def _document_html(agreement: Agreement, *, for_pdf: bool) -> str:
    from flask import render_template

    return render_template(
        "agreements/document.html",
        for_pdf=for_pdf,
        **document_context(agreement, today=local_today()),
    )


@bp.get("/<int:agreement_id>/print")
def print_page(agreement_id: int) -> Any:
    return _document_html(agreement_or_404(agreement_id), for_pdf=False)


@bp.get("/<int:agreement_id>.pdf")
def pdf(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id)
    html = _document_html(agreement, for_pdf=True)
    return pdf_response(html, f"jobbes-agreement-{agreement.id}.pdf")


def pdf_response(html: str, filename: str) -> Any:
    """A page's printable HTML as a PDF with the print stylesheet, never kept by a cache (it
    holds a person's agreement or certificate)."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    stylesheet = CSS(filename=str(Path(current_app.static_folder or "") / PRINT_CSS))
    response = make_response(HTML(string=html).write_pdf(stylesheets=[stylesheet]))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/<int:agreement_id>.ics")
def calendar(agreement_id: int) -> Any:
    from icalendar import Calendar, Event

    agreement = agreement_or_404(agreement_id)
    title = _listing_title(agreement)
    contact = ", ".join(
        part
        for part in (agreement.contact_name, agreement.contact_role, agreement.contact_phone)
        if part
    )
    cal = Calendar()
    cal.add("prodid", "-//Jobbes//Trial agreement//NO")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Job trial: %(title)s", title=title))
    stamp = utcnow()
    for day in agreement.days:
        event = Event()
        event.add("uid", f"agreement-{agreement.id}-{day.day.isoformat()}@jobbes.no")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(day.day, day.start, tzinfo=LOCAL_TIMEZONE))
        event.add("dtend", datetime.combine(day.day, day.end, tzinfo=LOCAL_TIMEZONE))
        event.add(
            "summary",
            _(
                "Job trial: %(title)s at %(organisation)s",
                title=title,
                organisation=agreement.organisation.name,
            ),
        )
        if agreement.place:
            event.add("location", agreement.place)
        if contact:
            event.add("description", _("Contact person: %(contact)s", contact=contact))
        cal.add_component(event)
    response = make_response(cal.to_ical())
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="jobbes-agreement-{agreement.id}.ics"'
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response


# --- The guardian's link (no account) -------------------------------------------------------


def _guardian_page(
    token: str,
    *,
    status: int = 200,
    sign_form: GuardianSignForm | None = None,
    question_form: GuardianQuestionForm | None = None,
) -> Response:
    try:
        link = agreements.guardian_link(db, token, now=utcnow())
    except agreements.GuardianLinkRefused as refused:
        return render(
            "agreements/guardian_invalid.html",
            status=410 if refused.problem is not agreements.LinkProblem.UNKNOWN else 404,
            message=agreement_labels.LINK_PROBLEMS[refused.problem],
        )
    agreement = link.agreement
    response = render(
        "agreements/guardian.html",
        status=status,
        **document_context(agreement, today=local_today()),
        token=token,
        sign_form=sign_form or GuardianSignForm(formdata=None),
        question_form=question_form or GuardianQuestionForm(formdata=None),
        violations=[violation_text(v) for v in agreements.rule_violations(db, agreement)],
        guardian_name=agreement.guardian_name,
    )
    # The token is in the address: nobody else's cache or referrer should keep it.
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/guardian/<token>")
@public
def guardian_page(token: str) -> Any:
    return _guardian_page(token)


@bp.post("/guardian/<token>")
@public
@limiter.limit(GUARDIAN_LIMIT)
def guardian_sign(token: str) -> Any:
    form = GuardianSignForm()
    if not form.validate():
        return _guardian_page(token, status=422, sign_form=form)
    try:
        agreement = agreements.sign_as_guardian(
            db, token, typed_name=form.name.data, today=local_today(), now=utcnow()
        )
    except agreements.GuardianLinkRefused:
        db.rollback()
        return _guardian_page(token)
    except (agreements.AlreadySigned, agreements.RulesBroken):
        db.rollback()
        return _guardian_page(token)
    db.commit()
    _tell_guardian_when_signed(agreement)
    return render("agreements/guardian_done.html", title=_listing_title(agreement))


@bp.post("/guardian/<token>/question")
@public
@limiter.limit(GUARDIAN_LIMIT)
def guardian_question(token: str) -> Any:
    form = GuardianQuestionForm()
    if not form.validate():
        return _guardian_page(token, status=422, question_form=form)
    try:
        agreements.ask_as_guardian(db, token, question=form.question.data, now=utcnow())
    except agreements.GuardianLinkRefused:
        db.rollback()
        return _guardian_page(token)
    db.commit()
    flash(_("Your question is sent. The programme's contact gets back to you."), "success")
    return redirect(url_for(".guardian_page", token=token), 303)


@bp.get("/guardian/<token>/question")
@public
def guardian_question_page(token: str) -> Any:
    return redirect(url_for(".guardian_page", token=token), 303)
