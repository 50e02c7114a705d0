"""Referral pages: the social worker's caseload and follow-ups, a person's referrals, one
referral's life (destination, consent, status), and the member's plain-language view.

Every staff page requires ``social_work.referrals`` and opens the person's chart through core
(``open_chart``: consent, refusals and the audit trail apply). Changes go through core's
``attempt``: the rule and its audit event are kept together, or nothing is.
"""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for

from core.api import (PanelSpec, attempt, audit, chart_access, commit_reads, current_account,
                      current_session, form_page, format_day, get_or_404, has_permission, member,
                      open_chart, require, today)

from plugins.social_work import _, directory, referrals
from plugins.social_work.models import Referral
from plugins.social_work.needs import NEEDS
from plugins.social_work.permissions import REFERRALS
from plugins.social_work.web import bp, parse_day


@bp.route("/referrals")
@require(REFERRALS)
def referral_list():
    """The caseload: follow-ups due first, then every referral under way, by status."""
    session = current_session()
    visible = [r for r in referrals.caseload(session) if _may_open(r.person_id)]
    due = [r for r in referrals.due(session, today()) if _may_open(r.person_id)]
    for person_id in sorted({r.person_id for r in visible}):
        audit(session, "social_work.referral.list", person_id=person_id)
    commit_reads()
    return form_page("social_work/referrals.html", None, referrals=visible, due=due,
                     need_names=NEEDS, statuses=referrals.STATUSES, today=today())


def _may_open(person_id: int, account=None) -> bool:
    """May the account open this person's chart (consent and refusals applied)?"""
    return chart_access(current_session(), account or current_account(), person_id).can_open


def home_section(viewer) -> list[PanelSpec]:
    """The follow-ups that are due, on the home work list of whoever follows referrals: the
    person's name and the date only (the need shows once the referral is opened, audited)."""
    if not has_permission(REFERRALS, account=viewer):
        return []
    now = today()
    found = [r for r in referrals.due(current_session(), now) if _may_open(r.person_id, viewer)]
    if not found:
        return []
    items = [{"text": str(_("Follow up the referral of %(name)s", name=r.person.full_name)),
              "url": url_for("social_work.referral", referral_id=r.id),
              "note": str(_("overdue since %(date)s", date=format_day(r.follow_up_on))
                          if r.follow_up_on < now else _("due today")),
              "urgent": False} for r in found]
    overdue = any(r.follow_up_on < now for r in found)
    return [PanelSpec("social_work.follow_ups", _("Referral follow-ups due"),
                      data={"items": items, "more": (_("The caseload"),
                                                     url_for("social_work.referral_list"))},
                      severity="warning" if overdue else "info")]


@bp.route("/people/<int:person_id>/referrals", methods=["GET", "POST"])
@require(REFERRALS)
def person_referrals(person_id: int):
    """A person's referrals; a new one may be proposed by hand for any need."""
    person, _access = open_chart(person_id, "social_work.referral.read")
    session, outcome = current_session(), None
    if request.method == "POST":
        def propose():
            made = referrals.propose(session, person_id=person.id,
                                     need=request.form.get("need", ""),
                                     by_id=current_account().id,
                                     note=request.form.get("note", ""))
            audit(session, "social_work.referral.create", person_id=person.id,
                  detail={"referral_id": made.id})
            return made
        outcome = attempt(propose)
        if outcome:
            return redirect(url_for(".referral", referral_id=outcome.result.id))
    rows = referrals.of_person(session, person.id)
    audit(session, "social_work.referral.read", person_id=person.id)
    commit_reads()
    return form_page("social_work/person_referrals.html", outcome, person=person, rows=rows,
                     needs=NEEDS, statuses=referrals.STATUSES, values=request.form)


def _referral_for_staff(referral_id, action: str) -> Referral:
    """The referral, for someone who may open the person's chart (else an audited 403)."""
    return get_or_404(Referral, referral_id,
                      check=lambda found: open_chart(found.person_id, action))


@bp.route("/referrals/<int:referral_id>")
@require(REFERRALS)
def referral(referral_id: int, outcome=None):
    """One referral: need, source, destination and its matching services, consent, history."""
    found = _referral_for_staff(referral_id, "social_work.referral.read")
    session = current_session()
    offered = directory.matching(session, found.need)
    audit(session, "social_work.referral.read", person_id=found.person_id,
          detail={"referral_id": found.id})
    commit_reads()
    return form_page("social_work/referral.html", outcome, referral=found, offered=offered,
                     statuses=referrals.STATUSES, needs=NEEDS,
                     next_statuses=referrals.next_statuses(found), values=request.form,
                     today=today(), consent=_consent_values(found),
                     source=referrals.source_label(found), describe=directory.describe,
                     event_note=referrals.event_note,
                     is_stale=directory.is_stale)


def _consent_values(found: Referral) -> dict:
    """The consent form: what is recorded (or sensible defaults), then anything just typed."""
    values = {"consent_what": found.consent_what,
              "consent_with": found.consent_with or (found.service.organization.name
                                                     if found.service else ""),
              "consent_on": (found.consent_on or today()).isoformat()}
    values.update({k: v for k, v in request.form.items() if k in values})
    return values


@bp.route("/referrals/<int:referral_id>/<any(service, consent, status):step>", methods=["POST"])
@require(REFERRALS)
def referral_step(referral_id: int, step: str):
    """Choose the destination, record the consent to share, or move the status."""
    found = _referral_for_staff(referral_id, f"social_work.referral.{step}")
    session, by, form = current_session(), current_account(), request.form

    def act():
        if step == "service":
            referrals.choose_service(session, found, form.get("service_id"), by=by)
        elif step == "consent":
            referrals.record_consent(session, found, what=form.get("consent_what", ""),
                                     with_whom=form.get("consent_with", ""),
                                     on=parse_day(form.get("consent_on"), "consent_on"),
                                     by=by, today=today())
        else:
            referrals.advance(session, found, form.get("status", ""), by=by, today=today(),
                              note=form.get("note", ""), outcome=form.get("outcome", ""),
                              follow_up_on=parse_day(form.get("follow_up_on"), "follow_up_on"))
        audit(session, f"social_work.referral.{step}", person_id=found.person_id,
              detail={"referral_id": found.id})

    outcome = attempt(act)
    if not outcome:
        return referral(referral_id, outcome=outcome)
    flash(_("Saved."), "success")
    return redirect(url_for(".referral", referral_id=referral_id))


@bp.route("/my/referrals")
@member
def my_referrals():
    """The member's own referrals, in plain language (no staff notes)."""
    account = current_account()
    if account.person_id is None:
        abort(404)
    session = current_session()
    rows = referrals.of_person(session, account.person_id)
    audit(session, "social_work.referral.member_read", person_id=account.person_id)
    commit_reads()
    return form_page("social_work/my_referrals.html", None, rows=rows, needs=NEEDS,
                     plain=referrals.PLAIN, describe=directory.describe)
