"""The monograph register: every version of every herb's monograph, none ever overwritten.

The shipped monographs enter the register as version 1 when the service is activated (and when
the demo is loaded). A coordinator corrects one or adds a new herb from the register's pages;
each save is a new version with a note saying what changed. A recommendation and every check
name the version they read, so a later correction never rewrites what was advised.
"""

from __future__ import annotations

import time

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import func, select

from core.api import Refused, audit, utcnow

from plugins.herbalism import _
from plugins.herbalism.models import MonographVersion
from plugins.herbalism.monograph_schema import MonographSchema, shipped_monographs

#: the ``source`` of a version shipped in ``data/monographs`` starts with this ("edit" otherwise)
SHIPPED = "data/monographs/"


def seed(session, author=None) -> int:
    """Put every shipped monograph whose herb is not in the register yet, as version 1."""
    known = set(session.scalars(select(MonographVersion.code).distinct()))
    added = 0
    for code, doc in shipped_monographs().items():
        if code not in known:
            session.add(MonographVersion(code=code, version=1, document=doc,
                                         note="", source=f"{SHIPPED}{code}.json",
                                         created_at=utcnow(),
                                         created_by_id=getattr(author, "id", None)))
            added += 1
    session.flush()
    if added:
        forget_names()
    return added


#: how long a process reuses the register's names before reading them again. A chart names
#: herbs on many timeline lines and must not pay a statement per herb, nor one per page (issue
#: 23). A version that renames an herb shows at once in the process that saved it and within
#: this time in the others. Safety checks never read these names' documents: they read
#: :func:`current`.
NAMES_SECONDS = 60.0


def for_names(session) -> dict:
    """``{code: current document}`` of every herb, to name herbs in the reader's language,
    read at most once per :data:`NAMES_SECONDS` in this process; ``"_derived"`` holds what
    callers work out from it (kept as long as the documents)."""
    store = current_app.extensions.get("herbalism_names")
    now = time.monotonic()
    if store is None or now - store["at"] > NAMES_SECONDS:
        store = {"at": now, "docs": {row.code: row.document for row in catalogue(session)},
                 "derived": {}}
        current_app.extensions["herbalism_names"] = store
    return store


def forget_names() -> None:
    """Names read again on next use (this process wrote a version)."""
    current_app.extensions.pop("herbalism_names", None)


def current(session, code: str) -> MonographVersion | None:
    """The latest version of ``code``'s monograph, or None."""
    return session.scalars(select(MonographVersion).where(MonographVersion.code == code)
                           .order_by(MonographVersion.version.desc()).limit(1)).first()


def catalogue(session) -> list[MonographVersion]:
    """The latest version of every herb, in the order of their Latin names."""
    latest = (select(MonographVersion.code, func.max(MonographVersion.version).label("v"))
              .group_by(MonographVersion.code).subquery())
    rows = session.scalars(select(MonographVersion).join(
        latest, (MonographVersion.code == latest.c.code)
        & (MonographVersion.version == latest.c.v))).all()
    return sorted(rows, key=lambda r: r.document["latin_binomial"])


def history(session, code: str) -> list[MonographVersion]:
    """Every version of ``code``'s monograph, newest first."""
    return list(session.scalars(select(MonographVersion).where(MonographVersion.code == code)
                                .order_by(MonographVersion.version.desc())))


def add_version(session, document: dict, *, author, note: str,
                expected_code: str | None = None) -> MonographVersion:
    """Validate ``document`` and store it as the next version of its herb (no commit).

    Raises core's ``Refused`` (messages per field) when the document is not a valid
    monograph, when the note is empty, or when an edit changes the herb's code.
    """
    note = (note or "").strip()
    errors: dict = {}
    try:
        doc = MonographSchema().load(document)
    except ValidationError as exc:
        errors.update({str(k): v for k, v in _flatten(exc.messages).items()})
        doc = None
    if not note:
        errors["note"] = [str(_("Say what changed and why."))]
    if doc and expected_code and doc["code"] != expected_code:
        errors["code"] = [str(_("A new version keeps the herb's code."))]
    if errors:
        raise Refused(messages=errors)
    latest = current(session, doc["code"])
    row = MonographVersion(code=doc["code"], version=(latest.version + 1) if latest else 1,
                           document=doc, note=note, source="edit", created_at=utcnow(),
                           created_by_id=author.id)
    session.add(row)
    session.flush()
    forget_names()
    audit(session, "herbalism.monograph.version", actor=author,
          detail={"code": row.code, "version": row.version})
    return row


#: marshmallow's own messages, in the reader's language
MARSHMALLOW = {"Missing data for required field.": _("This field is required."),
               "Unknown field.": _("Unknown field."), "Not a valid URL.": _("Enter a web address."),
               "Not a valid string.": _("Enter a text."), "Not a valid list.": _("Enter a list."),
               "Not a valid mapping type.": _("Enter an object (a JSON mapping)."),
               "Field may not be null.": _("This field is required."),
               "Not a valid integer.": _("Enter a whole number.")}


def _flatten(messages, prefix="") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"interactions.0.severity": [...]}``, translated."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
    elif isinstance(messages, (list, tuple)):
        if all(isinstance(m, str) for m in messages):
            out[prefix or "_schema"] = [str(MARSHMALLOW.get(m, m)) for m in messages]
        else:
            for i, value in enumerate(messages):
                out.update(_flatten(value, f"{prefix}.{i}"))
    else:
        out[prefix or "_schema"] = [str(MARSHMALLOW.get(messages, messages))]
    return out
