"""Directory pages: the coordinators' list (stale services flagged), the service form, "verified
today", the public page without any personal data, and the coop's settings.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (attempt, audit, commit_reads, current_account, current_session, form_page,
                      get_or_404, public, require, today)

from plugins.social_work import _, directory
from plugins.social_work.models import Organization, Service
from plugins.social_work.needs import NEEDS, TERMS
from plugins.social_work.permissions import DIRECTORY, SETTINGS
from plugins.social_work.settings import LONELINESS, loneliness_threshold, set_loneliness_threshold
from plugins.social_work.web import bp


def _filters() -> tuple[str | None, str]:
    need = request.args.get("need") or None
    return (need if need in NEEDS else None), request.args.get("q", "").strip()[:100]


@bp.route("/directory")
@require(DIRECTORY)
def directory_list():
    """Every service, stale ones flagged, filtered by need or words."""
    need, query = _filters()
    found = directory.services(current_session(), need=need, query=query)
    day = today()
    stale = sum(1 for s in found if directory.is_stale(s, day))
    return render_template("social_work/directory.html", services=found, needs=NEEDS, need=need,
                           query=query, stale=stale, today=day, is_stale=directory.is_stale,
                           describe=directory.describe, statuses=directory.STATUSES)


def _form_page(service, values, outcome=None):
    organizations = current_session().execute(select(Organization).order_by(Organization.name))
    return form_page("social_work/service_form.html", outcome, service=service, values=values,
                     organizations=list(organizations.scalars()), statuses=directory.STATUSES,
                     languages=directory.LANGUAGES, terms=TERMS, days=directory.DAYS)


def _posted() -> dict:
    """The posted form, lists for the checkboxes, empty numbers and dates left out."""
    data = {k: v for k, v in request.form.items() if k != "csrf_token"}
    for key in ("languages", "terms", "schedule_days"):
        data[key] = request.form.getlist(key)
    for key in ("minimum_age", "maximum_age", "assured_date", "opens_at", "closes_at"):
        if not data.get(key):
            data.pop(key, None)
    return data


@bp.route("/directory/new", methods=["GET", "POST"])
@bp.route("/directory/<service_id>/edit", methods=["GET", "POST"])
@require(DIRECTORY)
def service_form(service_id: str | None = None):
    """Add or edit a service (its organization, location and weekly schedule)."""
    service = get_or_404(Service, service_id) if service_id else None
    if request.method == "GET":
        values = directory.form_values(service) if service else {"status": "active",
                                                                 "languages": ["fr"]}
        return _form_page(service, values)
    session = current_session()

    def save():
        saved = directory.save_service(session, service, _posted(), today=today())
        audit(session, "social_work.directory.save", detail={"service_id": saved.id})
        return saved
    outcome = attempt(save)
    if not outcome:
        return _form_page(service, _posted(), outcome)
    flash(_("The service is saved."), "success")
    return redirect(url_for(".directory_list"))


@bp.route("/directory/<service_id>/verify", methods=["POST"])
@require(DIRECTORY)
def verify(service_id: str):
    """Record that the service was checked with its organization today."""
    service = get_or_404(Service, service_id)
    directory.verify(service, today())
    audit(current_session(), "social_work.directory.verify", detail={"service_id": service.id})
    commit_reads()  # one small write and its audit event, nothing that can be refused
    flash(_("Marked as verified today."), "success")
    return redirect(url_for(".directory_list"))


@bp.route("/services")
@public
def public_directory():
    """Active services for anyone, members included: no personal data on this page."""
    need, query = _filters()
    found = directory.services(current_session(), active_only=True, need=need, query=query)
    return render_template("social_work/public.html", services=found, needs=NEEDS, need=need,
                           query=query, describe=directory.describe, today=today(),
                           is_stale=directory.is_stale, languages=directory.LANGUAGES)


@bp.route("/settings", methods=["GET", "POST"])
@require(SETTINGS)
def settings():
    """The coop's loneliness threshold (UCLA-3 total, 3 to 9)."""
    session, outcome = current_session(), None
    if request.method == "POST":
        value = request.form.get(LONELINESS, "")

        def change():
            set_loneliness_threshold(session, value, by=current_account())
            audit(session, "social_work.settings.change", detail={LONELINESS: value})
        outcome = attempt(change)
        if outcome:
            flash(_("Saved."), "success")
            return redirect(url_for(".settings"))
    return form_page("social_work/settings.html", outcome,
                     threshold=request.form.get(LONELINESS) or loneliness_threshold(session))
