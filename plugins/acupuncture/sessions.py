"""Chapter 3: a session, from the first needle to the signed entry.

The functions here hold the rules; the views only load, call and commit. Each raises
:class:`core.api.EntryInvalid` (``messages``: field -> texts, in the reader's language) when the
input is refused, and writes nothing then: the caller rolls back.

* :func:`add_point` resolves what was typed ("li4", "GI4", "hegu") to one WHO code and refuses
  a pregnancy-forbidden point until the acupuncturist acknowledges it with a rationale;
* :func:`save_details` keeps the rest of the form as it is filled in;
* :func:`record_needle_incident` records a needle not found;
* :func:`close` checks everything the record needs (acknowledgements, the position for points
  over the lung, the needle count) and writes the chart entry through core.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate

from core.api import (Entry, EntryInvalid, amend_entry, clinical_summary, reader_language,
                      record_entry, utcnow)

from plugins.acupuncture import _, cautions, points
from plugins.acupuncture.forms import (NEEDLE_TYPES, POSITIONS, SESSION, SIDES, STIMULATIONS,
                                       TECHNIQUES, WORKFLOW, number, text)
from plugins.acupuncture.models import AcuSession, CautionAck, Incident, SessionPoint
from plugins.acupuncture.reconciliation import Count, blocking_message


class NeedsAcknowledgement(EntryInvalid):
    """The point calls for an acknowledgement and a rationale (``cautions``: what to show)."""

    def __init__(self, messages: dict, cautions_: list):
        super().__init__(messages)
        self.cautions = cautions_


def _load(schema: Schema, data: dict) -> dict:
    try:
        return schema.load({k: v for k, v in data.items() if k in schema.fields and v != ""})
    except ValidationError as exc:
        raise EntryInvalid({k: [str(m) for m in (v if isinstance(v, list) else [v])]
                            for k, v in exc.messages.items()}) from None


def _one_of(choices):
    return fields.String(load_default=None, validate=validate.OneOf(
        [c for c, _t in choices], error=_("Choose one of the options.")))


class PointInput(Schema):
    """What the add-point form posts."""

    query = fields.String(required=True, error_messages={"required": _("Type a point.")})
    side = _one_of(SIDES)
    technique = _one_of(TECHNIQUES)
    stimulation = _one_of(STIMULATIONS)
    depth_mm = number(_("Depth"), 0, 150)
    retention_min = number(_("Retention"), 0, 240, integer=True)
    needles = number(_("Needles"), 0, 40, integer=True)
    rationale = fields.String(load_default="")
    acknowledged = fields.String(load_default="")


def summary_loader(db, person_id: int):
    """A callable reading the person's shared clinical summary (for :func:`cautions.evaluate`)."""
    return lambda: clinical_summary(db, person_id)


def open_session(db, *, person, author) -> AcuSession:
    """Start a session for ``person``."""
    acu = AcuSession(person_id=person.id, practitioner_id=author.id, started_at=utcnow())
    db.add(acu)
    db.flush()
    return acu


def _default_needles(side: str, stimulation: str) -> int:
    if stimulation == "cupping":
        return 0
    return 2 if side == "bilateral" else 1


def add_point(db, acu: AcuSession, form: dict, *, author) -> SessionPoint:
    """Add one point; :class:`NeedsAcknowledgement` for a pregnancy-forbidden point without a
    written rationale, :class:`EntryInvalid` for anything else missing."""
    data = _load(PointInput(), form)
    point, candidates = points.resolve(data["query"])
    if point is None:
        message = (_("Several points match: choose one.") if candidates
                   else _("No point matches \"%(q)s\".", q=data["query"]))
        raise EntryInvalid({"query": [str(message)]})
    side = "midline" if point.midline else data["side"]
    errors = {key: [str(_("This field is required."))]
              for key, value in (("side", side), ("technique", data["technique"]),
                                 ("stimulation", data["stimulation"])) if not value}
    if errors:
        raise EntryInvalid(errors)
    _summary, found = cautions.evaluate(summary_loader(db, acu.person_id), [point.code])
    needing = [c for c in found if c.needs_ack]
    rationale = data["rationale"].strip()
    if needing and not (rationale and data["acknowledged"]):
        raise NeedsAcknowledgement({"rationale": [str(_(
            "Acknowledge the caution and write your rationale to add this point."))]}, needing)
    for caution in needing:
        db.add(CautionAck(session=acu, rule=caution.rule, code=point.code, rationale=rationale,
                          by_id=author.id, at=utcnow()))
    needles = data["needles"]
    row = SessionPoint(session=acu, code=point.code, side=side, technique=data["technique"],
                       stimulation=data["stimulation"], depth_mm=data["depth_mm"],
                       retention_min=data["retention_min"],
                       needles=_default_needles(side, data["stimulation"]) if needles is None
                       else needles)
    db.add(row)
    db.flush()
    return row


def remove_point(db, acu: AcuSession, point_id: int) -> None:
    """Take a point off the session (its acknowledgement stays: the decision was made)."""
    row = next((p for p in acu.points if p.id == point_id), None)
    if row is None:
        raise EntryInvalid({"point": [str(_("This point is not in the session."))]})
    acu.points.remove(row)
    db.flush()


class DetailsInput(Schema):
    """The rest of the session form, saved as it is filled in."""

    indication = text(_("Indication"))
    position = _one_of(POSITIONS)
    needle_type = _one_of(NEEDLE_TYPES)
    needle_brand = fields.String(load_default="", validate=validate.Length(max=120))
    needle_lot = fields.String(load_default="", validate=validate.Length(max=80))
    gauge_mm = number(_("Gauge"), 0.1, 1.0)
    length_mm = number(_("Length"), 3, 150)
    disinfection = fields.Boolean(load_default=False)
    needles_removed = number(_("Needles removed"), 0, 200, integer=True)
    needles_inserted = number(_("Needles inserted"), 0, 200, integer=True)
    response_favourable = text(_("Favourable response"))
    response_adverse = text(_("Adverse response"))
    tongue = text(_("Tongue"))
    pulse = text(_("Pulse"))
    pattern = text(_("Pattern differentiation"))
    principle = text(_("Treatment principle"))
    amend_reason = text(_("Reason for the correction"))


def save_details(acu: AcuSession, form: dict) -> None:
    """Store the posted details on the open session (an unticked box means "not done")."""
    data = _load(DetailsInput(), {**form, "disinfection": form.get("disinfection") or "false"})
    for key, value in data.items():
        setattr(acu, key, "" if value is None and key in ("position", "needle_type") else value)


def needle_incident(db, acu: AcuSession) -> Incident | None:
    """The needle incident recorded for this session, if any."""
    return db.query(Incident).filter_by(session_id=acu.id, kind="needle_unaccounted").first()


def record_needle_incident(db, acu: AcuSession, description: str, *, author) -> Incident:
    """Record that a needle is not accounted for (the session may then close)."""
    if not (description or "").strip():
        raise EntryInvalid({"description": [str(_("Say what was searched and what was "
                                                  "done."))]})
    incident = Incident(person_id=acu.person_id, session_id=acu.id, kind="needle_unaccounted",
                        description=description.strip(), reported_by_id=author.id,
                        reported_at=utcnow(), serious=False)
    db.add(incident)
    db.flush()
    return incident


def inserted_count(acu: AcuSession) -> int:
    """Needles inserted: what the acupuncturist entered, else what the points call for."""
    return acu.needles_counted if acu.needles_inserted is None else acu.needles_inserted


def closing_problems(db, acu: AcuSession) -> dict[str, list[str]]:
    """Everything that keeps the session from closing, by field (empty: it may close)."""
    codes = [p.code for p in acu.points]
    problems: dict[str, list[str]] = {}
    _summary, found = cautions.evaluate(summary_loader(db, acu.person_id), codes, acu.position)
    acked = {(a.rule, a.code) for a in acu.acknowledgements}
    locale = reader_language()
    for caution in found:
        if caution.needs_ack and (caution.rule, caution.point) not in acked:
            problems.setdefault("rationale", []).append(str(_(
                "%(code)s: acknowledge the pregnancy caution with your rationale (remove the "
                "point and add it again).", code=points.shown(caution.point or "", locale))))
        if caution.rule == cautions.PNEUMOTHORAX and not acu.position:
            problems.setdefault("position", []).append(str(_(
                "Record the position: a point lies over the lung.")))
    if acu.amends_entry_id and not (acu.amend_reason or "").strip():
        problems["amend_reason"] = [str(_("Say why the entry is corrected."))]
    if acu.needles_removed is None:
        problems.setdefault("needles_removed", []).append(str(_("Count the needles removed.")))
    else:
        incident = needle_incident(db, acu)
        blocked = blocking_message(Count(inserted_count(acu), acu.needles_removed,
                                         incident.description if incident else ""))
        if blocked:
            problems.setdefault("needles_removed", []).append(blocked)
    return problems


def entry_payload(db, acu: AcuSession) -> dict:
    """The chart entry of a closed session, with the summary as it was shown."""
    summary = clinical_summary(db, acu.person_id)
    incident = needle_incident(db, acu)
    return {
        "indication": acu.indication, "position": acu.position or None,
        "needle_type": acu.needle_type or None, "needle_brand": acu.needle_brand,
        "needle_lot": acu.needle_lot, "gauge_mm": acu.gauge_mm, "length_mm": acu.length_mm,
        "disinfection": acu.disinfection, "needles_inserted": inserted_count(acu),
        "needles_removed": acu.needles_removed,
        "needle_incident": incident.description if incident else "",
        "response_favourable": acu.response_favourable,
        "response_adverse": acu.response_adverse, "tongue": acu.tongue, "pulse": acu.pulse,
        "pattern": acu.pattern, "principle": acu.principle,
        "points": [{"code": p.code, "side": p.side, "technique": p.technique,
                    "depth_mm": p.depth_mm, "retention_min": p.retention_min,
                    "stimulation": p.stimulation, "needles": p.needles} for p in acu.points],
        "diagnoses_shown": [i.label for i in summary.problems],
        "medication_shown": [i.label + (f" ({i.detail})" if i.detail else "")
                             for i in summary.medications],
        "acknowledgements": [{"rule": a.rule, "code": a.code, "rationale": a.rationale}
                             for a in acu.acknowledgements],
    }


DETAIL_KEYS = ("indication", "needle_type", "needle_brand", "needle_lot", "gauge_mm",
               "length_mm", "disinfection", "needles_inserted", "needles_removed",
               "response_favourable", "response_adverse", "tongue", "pulse", "pattern",
               "principle")


def reopen_for_amendment(db, entry, *, author) -> AcuSession:
    """An open session holding ``entry``'s points and details, to correct it (the author's
    acknowledgements come along: the decisions were made)."""
    payload = entry.payload
    acu = AcuSession(person_id=entry.person_id, practitioner_id=author.id, started_at=utcnow(),
                     amends_entry_id=entry.id, position=payload.get("position") or "",
                     **{key: payload.get(key) for key in DETAIL_KEYS
                        if payload.get(key) is not None})
    db.add(acu)
    for item in payload["points"]:
        db.add(SessionPoint(session=acu, **item))
    for ack in payload.get("acknowledgements", []):
        db.add(CautionAck(session=acu, by_id=author.id, at=utcnow(), **ack))
    db.flush()
    return acu


def close(db, acu: AcuSession, *, author):
    """Close the session: refused (``EntryInvalid``) while a problem remains; else the chart
    entry is written through core (its own validation applies too) and returned."""
    if acu.status != "open":
        raise EntryInvalid({"_schema": [str(_("This session is already closed."))]})
    problems = closing_problems(db, acu)
    if problems:
        raise EntryInvalid(problems)
    if acu.amends_entry_id:
        entry = amend_entry(db, db.get(Entry, acu.amends_entry_id), author=author,
                            payload=entry_payload(db, acu), reason=acu.amend_reason,
                            workflow=WORKFLOW)
    else:
        entry = record_entry(db, person=acu.person_id, form_id=SESSION,
                             payload=entry_payload(db, acu), author=author, workflow=WORKFLOW)
    acu.needles_inserted = inserted_count(acu)  # the count the record shows, kept
    acu.status, acu.closed_at, acu.entry_id = "closed", utcnow(), entry.id
    if acu.amends_entry_id:  # the corrected session replaces the previous one in the figures
        for previous in db.query(AcuSession).filter_by(entry_id=acu.amends_entry_id):
            previous.status = "superseded"
    db.flush()
    return entry
