"""The register of confidentiality incidents (Law 25 s.3.5-3.8 and its regulation; Loi 5
s.108-110 and r.1 s.15).

A confidentiality incident is an access, use or communication of personal information the
law does not allow, or its loss. The privacy officer records each one on their page; a plugin
that detects one (a record sent to the wrong address, a lost list) records it through
``core.api.record_incident``. A clinical adverse event (a pneumothorax after acupuncture, a
needle not accounted for) is not one: it follows the profession's safety reporting and stays
in its plugin's own list, so the register the Commission may ask for holds only what the law
puts in it.
"""

from __future__ import annotations

from datetime import date

from marshmallow import ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from core.audit.service import audit
from core.coop_time import today
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.identity.schemas import BlankIsNone, DateField, optional_text, required_text
from core.privacy.models import ConfidentialityIncident
from core.refusal import Refused
from core.specs import ReportTable

#: what the officer may change after recording (the register evolves: notices, measures)
FOLLOW_UP = ("risk_assessment", "serious_harm", "cai_notified_on", "persons_notified_on",
             "public_notice", "measures")


class IncidentSchema(BlankIsNone):
    """Every element of the register is required, except the end of the period, the notices
    (not given yet, or not due) and the people's numbers."""

    information = required_text(2000)
    circumstances = required_text(2000)
    occurred_from = DateField(required=True, error_messages={"required": _("This field is required.")})
    occurred_to = DateField(load_default=None)
    discovered_on = DateField(required=True, error_messages={"required": _("This field is required.")})
    persons_affected = fields.Integer(
        required=True, strict=False, validate=validate.Range(
            min=0, max=10_000_000, error=_("Enter a number of people from 0.")),
        error_messages={"required": _("This field is required."),
                        "invalid": _("Enter a number of people from 0.")})
    person_ids = optional_text(500)
    risk_assessment = required_text(2000)
    serious_harm = fields.String(required=True, validate=validate.OneOf(
        ("yes", "no"), error=_("Say whether there is a risk of serious harm.")),
        error_messages={"required": _("Say whether there is a risk of serious harm.")})
    cai_notified_on = DateField(load_default=None)
    persons_notified_on = DateField(load_default=None)
    public_notice = optional_text(1000)
    measures = required_text(2000)

    @validates_schema
    def _dates(self, values, **kwargs):
        start, end, known = (values.get("occurred_from"), values.get("occurred_to"),
                             values.get("discovered_on"))
        if start and end and end < start:
            raise ValidationError(_("The end comes after the start."), "occurred_to")
        if start and known and known < start:
            raise ValidationError(_("The coop cannot learn of an incident before it happens."),
                                  "discovered_on")
        for name in ("occurred_from", "discovered_on", "cai_notified_on", "persons_notified_on"):
            if values.get(name) and values[name] > today():
                raise ValidationError(_("This date is in the future."), name)


def _person_ids(session, raw: str) -> list[int]:
    """Person numbers typed as "12, 40"; each must exist."""
    ids = []
    for part in (raw or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or session.get(Person, int(part)) is None:
            raise Refused(_("No person has the number %(n)s.", n=part[:20]), "person_ids")
        ids.append(int(part))
    return sorted(set(ids))


def _plain(data) -> dict:
    """A form as it is; a plugin's dict with dates and a boolean, as a form would send it."""
    plain = {}
    for key, value in dict(data).items():
        if isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, (list, tuple)) and key == "person_ids":
            value = ",".join(str(v) for v in value)
        plain[key] = value
    return plain


def _values(session, data) -> dict:
    values = IncidentSchema().load(_plain(data))
    values["serious_harm"] = values["serious_harm"] == "yes"
    values["person_ids"] = _person_ids(session, values["person_ids"])
    return values


def record_incident(session, data, *, by=None, source: str = "core") -> ConfidentialityIncident:
    """Enter a confidentiality incident in the register (``data``: the register's fields, as a
    form or a dict with ISO dates; ``source``: the plugin recording it). Audited; refused with
    reasons by field when an element is missing."""
    values = _values(session, data)
    incident = ConfidentialityIncident(**values, source=source[:80], recorded_at=utcnow(),
                                       recorded_by_id=by.id if by is not None else None)
    session.add(incident)
    session.flush()
    audit(session, "privacy.incident.record", actor=by,
          detail={"incident": incident.id, "source": incident.source,
                  "persons": incident.person_ids})
    return incident


def follow_up(session, incident: ConfidentialityIncident, data, *, by) -> ConfidentialityIncident:
    """Update the assessment, the notices and the measures of an incident (audited)."""
    loaded = IncidentSchema(only=FOLLOW_UP).load({k: v for k, v in _plain(data).items()
                                                  if k in FOLLOW_UP})
    loaded["serious_harm"] = loaded["serious_harm"] == "yes"
    changed = [k for k, v in loaded.items() if getattr(incident, k) != v]
    for key in changed:
        setattr(incident, key, loaded[key])
    incident.updated_at = utcnow()
    audit(session, "privacy.incident.update", actor=by,
          detail={"incident": incident.id, "changed": changed})
    session.flush()
    return incident


def overdue(incident: ConfidentialityIncident) -> list[str]:
    """What the law still asks for this incident (notices due when the harm is serious)."""
    if not incident.serious_harm:
        return []
    missing = []
    if incident.cai_notified_on is None:
        missing.append(str(_("notice to the Commission d'accès à l'information")))
    if incident.persons_notified_on is None:
        missing.append(str(_("notice to the people concerned")))
    return missing


def listing(session) -> list[ConfidentialityIncident]:
    """The register, newest first."""
    return list(session.scalars(select(ConfidentialityIncident).order_by(
        ConfidentialityIncident.discovered_on.desc(), ConfidentialityIncident.id.desc())))


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def register_table(session, params: dict | None = None) -> ReportTable:
    """The register as the law lists its content, one row per incident (CSV, print)."""
    yes, no = str(_("yes")), str(_("no"))
    return ReportTable(
        (_("No."), _("Personal information concerned"), _("Circumstances"),
         _("Occurred from"), _("Occurred to"), _("Known since"), _("People concerned"),
         _("Risk of serious harm: assessment"), _("Risk of serious harm"),
         _("Commission notified on"), _("People notified on"), _("Public notice"),
         _("Measures taken"), _("Recorded by")),
        [(i.id, i.information, i.circumstances, _day(i.occurred_from), _day(i.occurred_to),
          _day(i.discovered_on), i.persons_affected, i.risk_assessment,
          yes if i.serious_harm else no, _day(i.cai_notified_on), _day(i.persons_notified_on),
          i.public_notice, i.measures, i.source) for i in listing(session)],
        notes=(_("Kept at least 5 years after the coop learnt of each incident."),))
