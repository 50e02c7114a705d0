"""The coop's register of ordonnances collectives: versions stored as data, never edited.

A new version of an OC is a new row (same code, higher version number). The version that
applies today is the newest active version already effective; if it has expired, the OC
cannot be applied until a newer version is added (the engine says so). Shipped OCs are read
from ``plugins/nursing/data/oc/*.json`` when the plugin is activated; the coop adds its own
from the registry page (a form or a file upload) without a developer.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from marshmallow import ValidationError
from sqlalchemy import Date, bindparam, case, func, select
from sqlalchemy.orm import aliased

from core.api import joined, utcnow

from plugins.nursing import _
from plugins.nursing.models import OcVersion
from plugins.nursing.oc.document import OcVersionView, parse_document

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "oc"


def view(row: OcVersion) -> OcVersionView:
    """The typed view the engine reads."""
    return OcVersionView.from_doc(row.document, row.id)


def add_version(session, raw, *, source: str, by=None) -> OcVersion:
    """Check a document and store it as a new version (no commit).

    Raises :class:`marshmallow.ValidationError` when the document is invalid or when its
    version number is not higher than every stored version of the same code.
    """
    doc = parse_document(raw)
    latest = session.execute(select(func.max(OcVersion.version))
                             .where(OcVersion.code == doc["code"])).scalar()
    if latest is not None and int(doc["version"]) <= latest:
        raise ValidationError({"version": [str(_(
            "Version %(latest)s of %(code)s exists: give this one a higher number.",
            latest=latest, code=doc["code"]))]})
    loaded = OcVersionView.from_doc(doc)
    row = OcVersion(code=loaded.code, version=loaded.version,
                    effective_date=loaded.effective_date, expires_on=loaded.expires_on,
                    document=doc, source=source[:200], created_at=utcnow(),
                    created_by_id=getattr(by, "id", None))
    session.add(row)
    session.flush()
    return row


def load_shipped(session, folder: Path = DATA_DIR) -> list[OcVersion]:
    """Store the shipped OC files not yet in the register (idempotent; no commit)."""
    added = []
    for path in sorted(folder.glob("*.json")):
        doc = parse_document(path.read_text(encoding="utf-8"))
        known = session.execute(select(OcVersion.id).where(
            OcVersion.code == doc["code"], OcVersion.version == int(doc["version"]))).scalar()
        if known is None:
            added.append(add_version(session, doc, source=f"data/oc/{path.name}"))
    return added


def current(session, code: str, today: date) -> OcVersion | None:
    """The version of ``code`` that governs today (None when the code is unknown).

    The newest active version already effective; when none is effective yet, the earliest
    future one (so the refusal names its start date).
    """
    rows = list(session.execute(select(OcVersion).where(
        OcVersion.code == code, OcVersion.status == "active")
        .order_by(OcVersion.version.desc())).scalars())
    return _governing(rows, today)


def _governing(rows: list[OcVersion], today: date) -> OcVersion | None:
    """Of one code's active versions, newest first: the one that governs ``today``."""
    effective = [r for r in rows if r.effective_date <= today]
    if effective:
        return effective[0]
    return min(rows, key=lambda r: r.effective_date) if rows else None


def catalogue(session, today: date) -> list[OcVersion]:
    """The governing version of every OC code, by code.

    One statement for every code (the chart asks on each opening whether the viewer may apply
    an OC: it sent one statement per code, plus one for the codes).
    """
    return _governing_each(session.execute(
        select(OcVersion).where(OcVersion.status == "active")
        .order_by(OcVersion.code, OcVersion.version.desc())).scalars(), today)


def authorises(session, discipline: str, today: date) -> bool:
    """Whether the governing version of some OC names ``discipline`` among the professions
    that may apply it: the question the chart asks with its others (:func:`professions_asked`),
    asked on its own."""
    return discipline in professions(session.execute(select(professions_asked()),
                                                     {"today": today}).scalar())


def professions(answer: str | None) -> set[str]:
    """The professions in :func:`professions_asked`'s answer."""
    return {name for listed in (answer or "").split("\n") if listed
            for name in json.loads(listed) or ()}


@cache
def professions_asked():
    """The professions named by the governing version of every OC (:func:`catalogue`'s choice
    of versions, made in SQL), as one scalar: each version's JSON list, one a line. The chart
    asks it with the other panels' questions (``chart_panel_reads``, ``bindparam("today")``)."""
    # short names: the chart's merged statement must stay under psycopg's 4,096 characters
    version, other = aliased(OcVersion, name="ov"), aliased(OcVersion, name="oo")
    today = bindparam("today", type_=Date)
    in_force = other.effective_date <= today
    governing = (select(other.id).where(other.code == version.code, other.status == "active")
                 .order_by(case((in_force, 0), else_=1), case((in_force, -other.version), else_=0),
                           other.effective_date, other.version.desc())
                 .limit(1).correlate(version).scalar_subquery())
    listed = version.document[("authorized", "disciplines")].as_string()
    return (select(joined(listed, "\n"))
            .where(version.status == "active", version.id == governing).scalar_subquery())


def _governing_each(rows, today: date) -> list:
    """Of active versions ordered by code, newest first: the governing one of each code."""
    by_code: dict[str, list] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    return [row for versions in by_code.values()
            if (row := _governing(versions, today)) is not None]


def versions(session, code: str) -> list[OcVersion]:
    """Every version of one OC, newest first."""
    return list(session.execute(select(OcVersion).where(OcVersion.code == code)
                                .order_by(OcVersion.version.desc())).scalars())


def withdraw(session, version_id: int) -> OcVersion | None:
    """Stop using one version before it expires; it stays in the register (no commit)."""
    row = session.get(OcVersion, version_id)
    if row is not None:
        row.status = "withdrawn"
        session.flush()
    return row


def expiring(session, today: date, within_days: int = 30) -> list[OcVersion]:
    """Governing versions in force today that expire within ``within_days`` days."""
    limit = today + timedelta(days=within_days)
    return [row for row in catalogue(session, today)
            if view(row).in_force(today) and row.expires_on <= limit]
