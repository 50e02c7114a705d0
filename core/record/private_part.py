"""A form's private part: answers kept more confidential than the rest of the form.

A shared screening may hold a few answers that must not travel with it: the interpersonal-safety
items of the AHC HRSN are level 3 (``shared/reference/disciplines.md`` §0.3), while the rest of
the screen is shared care. The choice made here is to **split the entry**, not to hide fields
inside one: every access rule, audit trail, export and amendment of the record already works
per entry, so a separate entry inherits all of them, and no page or export can show a field
it forgot to hide.

A form declares ``FormSpec.private_part`` (:class:`core.form_specs.PrivatePart`): the keys of its
validated payload to move (the answers and whatever is derived from them) and the plugin's form
that holds them (written by core alone, ``written_by="core.private_part"``). When such a form is
recorded or amended, core stores the shared entry without those keys, then the private part as
an entry of its own: confidentiality ``discipline``, kept by the part's discipline whoever wrote
it (the author reads it too), its payload pointing back with ``of_entry``. Its protocols run on
it, so a finding about those answers is stored with them, not with the shared entry. When the
part's form is missing, nothing is saved: the answers are never kept at the shared level.
"""

from __future__ import annotations

from sqlalchemy import or_, select

from core.db import utcnow
from core.i18n import _
from core.record.forms import EntryInvalid, current_form, validate_payload
from core.record.models import Entry

#: the workflow name the private part's form declares (``FormSpec.written_by``)
WORKFLOW = "core.private_part"


def split(spec, data: dict) -> tuple[dict, dict | None]:
    """(shared payload, private answers or None when the form has no private part)."""
    part = getattr(spec, "private_part", None)
    if part is None:
        return data, None
    private = {key: data[key] for key in part.fields if key in data}
    return {k: v for k, v in data.items() if k not in part.fields}, private


def new_entry(spec, shared: Entry, private: dict, previous: Entry | None = None) -> Entry:
    """The private part of ``shared`` as an entry to store (validated with the part's form);
    a new version of ``previous`` when the shared entry was amended."""
    part = spec.private_part
    part_spec = current_form(part.form_id)
    if part_spec is None:
        raise EntryInvalid({"_schema": [str(_(
            "The confidential answers of this form cannot be kept apart (their form is not "
            "available): nothing was saved."))]})
    payload = validate_payload(part_spec, {**private, "of_entry": shared.id})
    values = {"person_id": shared.person_id, "form_id": part_spec.id,
              "form_version": part_spec.version, "payload": payload,
              "confidentiality": "discipline", "member_visible": False,
              "encounter_id": shared.encounter_id, "created_at": utcnow()}
    if previous is None:
        entry = Entry(author_id=shared.author_id, discipline=part.discipline, status="final",
                      **values)
        entry.occurred_at = entry.created_at
        return entry
    entry = Entry(author_id=previous.author_id, discipline=previous.discipline,
                  status="amended", reason=shared.reason, supersedes_id=previous.id,
                  root_id=previous.lineage_id, **values)
    entry.occurred_at = previous.occurred_at
    return entry


def part_of(session, entry: Entry, spec) -> Entry | None:
    """The current private part of ``entry`` (any version of it), or None."""
    part = getattr(spec, "private_part", None)
    if part is None:
        return None
    lineage = set(session.scalars(select(Entry.id).where(or_(
        Entry.id == entry.lineage_id, Entry.root_id == entry.lineage_id))))
    newer = select(Entry.supersedes_id).where(Entry.supersedes_id.is_not(None))
    candidates = session.scalars(select(Entry).where(
        Entry.person_id == entry.person_id, Entry.form_id == part.form_id,
        Entry.id.not_in(newer)).order_by(Entry.id.desc()))
    return next((c for c in candidates if (c.payload or {}).get("of_entry") in lineage), None)
