"""After a trial: the evaluation page where each side writes its part, the young person's
certificate (page and PDF), and the follow-up question's answer."""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    url_for,
)
from flask_login import current_user

from jobbes import agreement_labels, evaluation_labels
from jobbes.db import db
from jobbes.forms.evaluations import AgreeForm, EmployerPartForm, FollowUpForm, YoungPartForm
from jobbes.htmx import redirect_client, render
from jobbes.i18n import gettext as _
from jobbes.models import (
    Agreement,
    Attendance,
    ContractKind,
    Evaluation,
    NowDoing,
    Outcome,
    Role,
)
from jobbes.models.base import local_today, utcnow
from jobbes.permissions import STAFF_ROLES, Permission, can
from jobbes.services import agreements, evaluations
from jobbes.services.state_machine import StaleState
from jobbes.views.access import guard
from jobbes.views.agreements import agreement_or_404, pdf_response
from jobbes.views.conflicts import lost
from jobbes.working_hours_texts import duration

bp = Blueprint("evaluations", __name__, url_prefix="/agreements")
guard(bp, Permission.AGREEMENT_VIEW)


def _title(agreement: Agreement) -> str:
    listing = agreement.interest.listing
    version = listing.published_version or listing.current_version
    return version.title if version is not None else ""


def _here(agreement: Agreement, anchor: str = "") -> str:
    return url_for(".page", agreement_id=agreement.id) + (f"#{anchor}" if anchor else "")


def _page(
    agreement: Agreement,
    evaluation: Evaluation | None,
    *,
    status: int = 200,
    **forms: Any,
) -> Response:
    writes_employer = can(current_user, Permission.EVALUATION_EMPLOYER_PART, agreement)
    writes_young = can(current_user, Permission.EVALUATION_YOUNG_PART, agreement)
    is_staff = current_user.role in STAFF_ROLES
    return render(
        "evaluations/page.html",
        status=status,
        agreement=agreement,
        evaluation=evaluation,
        title=_title(agreement),
        texts=agreement_labels,
        labels=evaluation_labels,
        due=evaluations.is_due(agreement, local_today()),
        writes_employer=writes_employer,
        writes_young=writes_young,
        is_staff=is_staff,
        # The young person reads the employer's words once they are in; the employer reads the
        # young person's once both are in; staff read both.
        shows_employer_part=evaluation is not None
        and evaluation.employer_done
        and (writes_employer or is_staff or evaluations.young_sees_employer_part(evaluation)),
        shows_young_part=evaluation is not None
        and evaluation.young_done
        and (writes_young or is_staff or evaluations.employer_sees_young_part(evaluation)),
        certificate_shown=can(current_user, Permission.CERTIFICATE_VIEW, agreement)
        and agreement.status in evaluations.FINISHED,
        employer_form=forms.get("employer_form") or EmployerPartForm(formdata=None),
        young_form=forms.get("young_form") or YoungPartForm(formdata=None),
        agree_form=forms.get("agree_form") or AgreeForm(formdata=None),
    )


def _evaluation_to_write(agreement: Agreement) -> Evaluation:
    """The evaluation, made now if the scheduler has not come round yet; 404 before the trial's
    last day."""
    try:
        return evaluations.ask(db, agreement, today=local_today(), now=utcnow(), actor=current_user)
    except evaluations.NotDue:
        abort(404)


def _lost(agreement: Agreement) -> Response:
    lost(
        _(
            "Someone wrote this part of the evaluation while you were looking at it. Nothing of "
            "yours was saved: here it is as it is now."
        )
    )
    fresh = agreements.get(db, agreement.id)
    assert fresh is not None
    return _page(fresh, evaluations.of_agreement(db, fresh), status=409)


def _refused(agreement: Agreement, missing: list[str], **forms: Any) -> Response:
    """The form again with what was wrong; nothing of this request is kept (not even the
    evaluation made for it)."""
    db.rollback()
    for form in forms.values():
        for name in missing:
            field = getattr(form, name, None)
            if field is not None:
                field.errors = [*field.errors, evaluation_labels.MISSING[name]]
    fresh = agreements.get(db, agreement.id)
    assert fresh is not None
    return _page(fresh, evaluations.of_agreement(db, fresh), status=422, **forms)


@bp.get("/<int:agreement_id>/evaluation")
def page(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id)
    return _page(agreement, evaluations.of_agreement(db, agreement))


@bp.get("/<int:agreement_id>/evaluation/employer")
@bp.get("/<int:agreement_id>/evaluation/young")
@bp.get("/<int:agreement_id>/evaluation/agree")
def part_page(agreement_id: int) -> Any:
    return redirect(_here(agreement_or_404(agreement_id)), 303)


@bp.post("/<int:agreement_id>/evaluation/employer")
def write_employer_part(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.EVALUATION_EMPLOYER_PART)
    form = EmployerPartForm()
    if not form.validate():
        return _refused(agreement, [], employer_form=form)
    evaluation = _evaluation_to_write(agreement)
    part = evaluations.EmployerPart(
        attendance=Attendance(form.attendance.data),
        days_missed=form.days_missed.data,
        went_well=form.went_well.data,
        to_work_on=form.to_work_on.data,
        outcome=Outcome(form.outcome.data),
        offer_start=form.offer_start.data,
        offer_contract=ContractKind(form.offer_contract.data) if form.offer_contract.data else None,
    )
    try:
        evaluations.write_employer_part(db, evaluation, current_user, part, now=utcnow())
    except evaluations.DetailsMissing as refused:
        return _refused(agreement, refused.missing, employer_form=form)
    except (StaleState, evaluations.AlreadyWritten):
        return _lost(agreement)
    db.commit()
    flash(_("Thank you. Your part of the evaluation is saved."), "success")
    return redirect_client(_here(agreement))


@bp.post("/<int:agreement_id>/evaluation/young")
def write_young_part(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.EVALUATION_YOUNG_PART)
    form = YoungPartForm()
    if not form.validate():
        return _refused(agreement, [], young_form=form)
    evaluation = _evaluation_to_write(agreement)
    part = evaluations.YoungPart(
        how_it_was=form.how_it_was.data,
        comment=form.comment.data,
        agrees={"yes": True, "no": False}.get(form.agrees.data or ""),
    )
    try:
        evaluations.write_young_part(db, evaluation, current_user, part, now=utcnow())
    except evaluations.DetailsMissing as refused:
        return _refused(agreement, refused.missing, young_form=form)
    except (StaleState, evaluations.AlreadyWritten):
        return _lost(agreement)
    db.commit()
    flash(_("Thank you. Your part of the evaluation is saved."), "success")
    return redirect_client(_here(agreement))


@bp.post("/<int:agreement_id>/evaluation/agree")
def agree(agreement_id: int) -> Any:
    agreement = agreement_or_404(agreement_id, Permission.EVALUATION_YOUNG_PART)
    evaluation = evaluations.of_agreement(db, agreement)
    if evaluation is None:
        abort(404)
    form = AgreeForm()
    if not form.validate():
        return _refused(agreement, [], agree_form=form)
    try:
        evaluations.agree(
            db,
            evaluation,
            agrees=form.agrees.data == "yes",
            now=utcnow(),
        )
    except (StaleState, evaluations.AlreadyWritten):
        return _lost(agreement)
    db.commit()
    flash(_("Thank you. Your answer is saved."), "success")
    return redirect_client(_here(agreement))


# --- The certificate ---------------------------------------------------------------------------


def _certificate(agreement_id: int) -> evaluations.Certificate:
    agreement = agreement_or_404(agreement_id, Permission.CERTIFICATE_VIEW)
    try:
        return evaluations.certificate(agreement, evaluations.of_agreement(db, agreement))
    except evaluations.NoCertificate:
        abort(404)


def _certificate_context(certificate: evaluations.Certificate) -> dict[str, Any]:
    agreement = certificate.agreement
    return {
        "certificate": certificate,
        "agreement": agreement,
        "title": _title(agreement),
        "young_name": agreement.young_person.name if agreement.young_person else "",
        "duration": duration,
    }


@bp.get("/<int:agreement_id>/certificate")
def certificate_page(agreement_id: int) -> Any:
    return render(
        "evaluations/certificate.html", **_certificate_context(_certificate(agreement_id))
    )


@bp.get("/<int:agreement_id>/certificate.pdf")
def certificate_pdf(agreement_id: int) -> Any:
    certificate = _certificate(agreement_id)
    html = render_template(
        "evaluations/certificate_document.html", **_certificate_context(certificate)
    )
    return pdf_response(html, f"jobbes-certificate-{certificate.agreement.id}.pdf")


# --- Follow-up ---------------------------------------------------------------------------------


@bp.get("/follow-ups/<int:follow_up_id>")
def follow_up_page(follow_up_id: int) -> Any:
    return redirect(url_for("me.index") + "#follow-up", 303)


@bp.post("/follow-ups/<int:follow_up_id>")
def answer_follow_up(follow_up_id: int) -> Any:
    follow_up = evaluations.follow_up_of(db, follow_up_id)
    if follow_up is None or not can(current_user, Permission.FOLLOW_UP_ANSWER, follow_up):
        abort(404)
    form = FollowUpForm(prefix=f"follow-{follow_up.id}")
    if not form.validate():
        flash(_("Choose one of the answers."), "warning")
        return redirect_client(url_for("me.index") + "#follow-up")
    try:
        evaluations.answer_follow_up(follow_up, NowDoing(form.answer.data), now=utcnow())
    except (StaleState, evaluations.AlreadyAnswered):
        lost(_("You had answered this already. Your first answer stands."))
        return redirect_client(url_for("me.index") + "#follow-up")
    db.commit()
    flash(_("Thank you for answering."), "success")
    return redirect_client(url_for("me.index") + "#follow-up")


# --- For other pages: one-line includes ---------------------------------------------------------


@bp.app_template_global("evaluation_of")
def evaluation_of(agreement: Agreement) -> Evaluation | None:
    """For the agreement's page: its evaluation, if the parties have been asked."""
    return evaluations.of_agreement(db, agreement)


@bp.app_template_global("evaluations_missing")
def evaluations_missing() -> list[Evaluation]:
    """For the employer's area: the trials waiting for the organisation's evaluation."""
    if current_user.role is not Role.EMPLOYER or current_user.organisation_id is None:
        return []
    if "_evaluations_missing" not in g:
        g._evaluations_missing = evaluations.missing_for_organisation(
            db, current_user.organisation_id
        )
    found: list[Evaluation] = g._evaluations_missing
    return found


@bp.app_template_global("follow_up_questions")
def follow_up_questions() -> list[tuple[Any, FollowUpForm]]:
    """For /me: the follow-up questions waiting for an answer, each with its form."""
    if current_user.role is not Role.YOUNG_PERSON:
        return []
    return [
        (follow_up, FollowUpForm(formdata=None, prefix=f"follow-{follow_up.id}"))
        for follow_up in evaluations.open_follow_ups(db, current_user)
    ]
