"""Exchange pages: the directory as HSDS 3.0 JSON or tabular data package (download, upload; an
upload is read as a package when it is a ZIP) or as a FHIR Bundle, and
one referral as a FHIR ServiceRequest.

Directory pages require ``social_work.directory``; the referral one ``social_work.referrals``
and the person's chart opened through core (audited). An upload is validated in full against the HSDS schema
before anything is written; a refusal lists what is wrong and changes nothing.
"""

from __future__ import annotations

import json

from flask import Response, flash, redirect, request, url_for

from core.api import (attempt, audit, commit_reads, current_session, form_page, get_or_404,
                      open_chart, require, today)

from plugins.social_work import _, directory, fhir, hsds, hsds_tabular, ngettext
from plugins.social_work.models import Referral
from plugins.social_work.permissions import DIRECTORY, REFERRALS
from plugins.social_work.web import bp

MAX_UPLOAD = 5 * 1024 * 1024


@bp.route("/directory/hsds.json")
@require(DIRECTORY)
def hsds_export():
    """Every service of the directory, as an HSDS API page of ``service`` objects."""
    session = current_session()
    page = hsds.export_page(directory.services(session))
    audit(session, "social_work.directory.export", detail={"services": page["total_items"]})
    commit_reads()
    return _json(page, "hsds-services.json")


@bp.route("/directory/hsds.zip")
@require(DIRECTORY)
def hsds_package():
    """The directory as HSDS's tabular data package (CSVs and ``datapackage.json``, zipped)."""
    session = current_session()
    found = directory.services(session)
    raw = hsds_tabular.package(found)
    audit(session, "social_work.directory.export", detail={"services": len(found),
                                                           "format": "tabular"})
    commit_reads()
    return Response(raw, mimetype="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="hsds-directory.zip"'})


@bp.route("/directory/import", methods=["GET", "POST"])
@require(DIRECTORY)
def hsds_import():
    """Upload an HSDS 3.0 file (JSON, or a zipped data package); all services are checked
    before any is written."""
    outcome = None
    if request.method == "POST":
        upload = request.files.get("file")
        raw = upload.read(MAX_UPLOAD + 1) if upload else b""
        session = current_session()

        def load_file():
            if not raw:
                raise hsds.HsdsInvalid([str(_("Choose a file to import."))])
            if len(raw) > MAX_UPLOAD:
                raise hsds.HsdsInvalid([str(_("The file is larger than 5 MB."))])
            read = hsds_tabular.read_package if raw[:4] == b"PK\x03\x04" else hsds.read_document
            counts = hsds.import_services(session, read(raw), today=today())
            audit(session, "social_work.directory.import",
                  detail={k: counts[k] for k in ("created", "updated")})
            return counts
        outcome = attempt(load_file)
        if outcome:
            counts = outcome.result
            flash(ngettext("Imported: %(num)s new service, %(updated)s updated.",
                           "Imported: %(num)s new services, %(updated)s updated.",
                           counts["created"], updated=counts["updated"]), "success")
            if counts["ignored_terms"]:
                flash(_("Terms outside Open Eligibility were ignored: %(terms)s.",
                        terms=", ".join(counts["ignored_terms"])), "error")
            return redirect(url_for(".directory_list"))
    return form_page("social_work/import.html", outcome)


def _json(data: dict, filename: str) -> Response:
    return Response(json.dumps(data, ensure_ascii=False, indent=1), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/directory/fhir.json")
@require(DIRECTORY)
def fhir_directory():
    """The directory as a FHIR Bundle (HealthcareService, Organization, Location)."""
    return _json(fhir.directory_bundle(directory.services(current_session())),
                 "directory-fhir.json")


@bp.route("/referrals/<int:referral_id>/fhir.json")
@require(REFERRALS)
def fhir_referral(referral_id: int):
    """One referral as a FHIR ServiceRequest (its read is audited like the page's)."""
    found = get_or_404(Referral, referral_id, check=lambda r: open_chart(
        r.person_id, "social_work.referral.export"))
    session = current_session()
    resource = fhir.service_request(found)
    audit(session, "social_work.referral.export", person_id=found.person_id,
          detail={"referral_id": found.id, "format": "fhir"})
    commit_reads()
    return _json(resource, f"referral-{found.id}.json")
