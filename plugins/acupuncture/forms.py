"""Chapter 2: the record, as the regulation lists it (A-5.1, r. 5, art. 2).

* ``acupuncture.opening``, once: observations from the interview and the clinical examination,
  the opinion on the nature of the illness according to oriental energetic medicine, and the
  TCM assessment (tongue, pulse by position, pattern differentiation, treatment principle,
  plan). Written on core's chart form.
* ``acupuncture.session``, each consultation: indication, points by WHO code (side, technique,
  depth, retention, stimulation), needles (type, brand, lot, gauge × length), disinfection,
  position, needle count, responses, and the diagnoses and medication *shown from the shared
  summary* at the time. Written (and corrected) only by the session page (``views.py``) when a
  session closes, after its checks: core never offers it as a generic form (``written_by``).
* ``acupuncture.adverse_event``: what happened, its type (mild and transient, or serious), the
  action taken and the follow-up. A serious one creates a coordinator task (``protocols.py``)
  and enters the incident list (``incidents.py``).

Opening and session notes are confidential to the discipline; adverse events are shared with the
care team, who may have to treat them.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.api import FormSpec

from plugins.acupuncture import _
from plugins.acupuncture.points import CODE_RE, resolve

#: the page that alone writes session entries, after its checks (``FormSpec.written_by``)
WORKFLOW = "acupuncture.session_page"
OPENING, SESSION, ADVERSE_EVENT = ("acupuncture.opening", "acupuncture.session",
                                   "acupuncture.adverse_event")
REQUIRED = _("This field is required.")
CHOOSE = _("Choose one of the options.")

SIDES = [("left", _("Left")), ("right", _("Right")), ("bilateral", _("Bilateral")),
         ("midline", _("Midline"))]
TECHNIQUES = [("even", _("Even")), ("tonification", _("Tonification")),
              ("dispersion", _("Dispersion"))]
STIMULATIONS = [("manual", _("Manual")), ("electro", _("Electro-acupuncture")),
                ("moxa", _("Moxibustion")), ("cupping", _("Cupping"))]
POSITIONS = [("prone", _("Prone")), ("supine", _("Supine")), ("side", _("Side-lying")),
             ("seated", _("Seated"))]
NEEDLE_TYPES = [("filiform", _("Filiform, sterile, single-use")),
                ("intradermal", _("Intradermal")), ("press", _("Press needle")),
                ("other", _("Other"))]
EIGHT_PRINCIPLES = [("interior", _("Interior")), ("exterior", _("Exterior")),
                    ("heat", _("Heat")), ("cold", _("Cold")), ("deficiency", _("Deficiency")),
                    ("excess", _("Excess")), ("yin", _("Yin")), ("yang", _("Yang"))]


def text(label, *, required=False, long=True, help=""):
    """Free text; ``required``: may not be left blank."""
    widget = "textarea" if long else "text"
    if required:
        return fields.String(required=True, validate=validate.Length(min=1, max=20000,
                                                                     error=REQUIRED),
                             error_messages={"required": REQUIRED, "null": REQUIRED},
                             metadata={"label": label, "help": help, "widget": widget})
    return fields.String(load_default="", validate=validate.Length(max=20000),
                         metadata={"label": label, "help": help, "widget": widget})


def choice(label, choices, *, required=False, help=""):
    """One value among ``choices``."""
    extra = {"required": True} if required else {"load_default": None, "allow_none": True}
    return fields.String(validate=validate.OneOf([c for c, _t in choices], error=CHOOSE),
                         error_messages={"required": REQUIRED}, **extra,
                         metadata={"label": label, "help": help, "choices": choices})


def number(label, low, high, *, unit="", integer=False, required=False):
    """A number between ``low`` and ``high``."""
    kind = fields.Integer if integer else fields.Float
    extra = {"required": True} if required else {"load_default": None, "allow_none": True}
    return kind(validate=validate.Range(low, high), error_messages={"required": REQUIRED},
                **extra, metadata={"label": label, "unit": unit, "range": (low, high)})


# --- 1. Opening ----------------------------------------------------------------------------


class OpeningSchema(Schema):
    """Opening evaluation: what the regulation asks once, and the TCM assessment."""

    interview = text(_("Observations from the interview"), required=True,
                     help=_("Complaint, history, what the person reports."))
    examination = text(_("Observations from the clinical examination"), required=True)
    energetic_opinion = text(_("Opinion on the nature of the illness (oriental energetic "
                               "medicine)"), required=True,
                             help=_("Required by the Ordre's regulation."))
    tongue = text(_("Tongue"), help=_("Body colour and shape; coating colour, thickness, "
                                      "moisture."))
    pulse_left = text(_("Pulse, left (cun, guan, chi)"), long=False)
    pulse_right = text(_("Pulse, right (cun, guan, chi)"), long=False)
    eight_principles = fields.List(
        fields.String(validate=validate.OneOf([c for c, _t in EIGHT_PRINCIPLES])),
        load_default=list, metadata={"label": _("Eight principles"),
                                     "choices": EIGHT_PRINCIPLES})
    pattern = text(_("Pattern differentiation"), long=False,
                   help=_("For example: Liver qi stagnation."))
    principle = text(_("Treatment principle"), long=False)
    plan = text(_("Treatment plan"))


# --- 2. Session ----------------------------------------------------------------------------


class PointSchema(Schema):
    """One point as used in a session."""

    code = fields.String(required=True, validate=validate.Regexp(
        CODE_RE, error=_("Enter a WHO point code, for example LI4.")),
        metadata={"label": _("Point")})
    side = choice(_("Side"), SIDES, required=True)
    technique = choice(_("Technique"), TECHNIQUES, required=True)
    depth_mm = number(_("Depth"), 0, 150, unit="mm")
    retention_min = number(_("Retention"), 0, 240, unit="min", integer=True)
    stimulation = choice(_("Stimulation"), STIMULATIONS, required=True)
    needles = number(_("Needles"), 0, 40, integer=True, required=True)


class AckSchema(Schema):
    """A caution acknowledged, with its rationale."""

    rule = fields.String(required=True, metadata={"label": _("Caution")})
    code = fields.String(required=True, metadata={"label": _("Point")})
    rationale = fields.String(required=True, validate=validate.Length(min=1),
                              metadata={"label": _("Rationale")})


class SessionSchema(Schema):
    """A closed session, as recorded in the chart."""

    indication = text(_("Indication"), required=True)
    points = fields.List(fields.Nested(PointSchema), required=True,
                         validate=validate.Length(min=1, error=_("Add at least one point.")),
                         error_messages={"required": _("Add at least one point.")},
                         metadata={"label": _("Points used (WHO codes)")})
    position = choice(_("Position"), POSITIONS)
    needle_type = choice(_("Needle type"), NEEDLE_TYPES, required=True)
    needle_brand = text(_("Needle brand"), required=True, long=False)
    needle_lot = text(_("Needle lot"), required=True, long=False)
    gauge_mm = number(_("Gauge"), 0.1, 1.0, unit="mm", required=True)
    length_mm = number(_("Length"), 3, 150, unit="mm", required=True)
    disinfection = fields.Boolean(required=True, validate=validate.Equal(
        True, error=_("Confirm that every puncture site was disinfected.")),
        error_messages={"required": _("Confirm that every puncture site was disinfected.")},
        metadata={"label": _("Every puncture site disinfected")})
    needles_inserted = number(_("Needles inserted"), 0, 200, integer=True, required=True)
    needles_removed = number(_("Needles removed"), 0, 200, integer=True, required=True)
    needle_incident = text(_("Needle not found: incident recorded"),
                           help=_("Filled in when the counts differ."))
    response_favourable = text(_("Favourable response"))
    response_adverse = text(_("Adverse response"))
    tongue = text(_("Tongue"), long=False)
    pulse = text(_("Pulse"), long=False)
    pattern = text(_("Pattern differentiation"), long=False)
    principle = text(_("Treatment principle"), long=False)
    diagnoses_shown = fields.List(fields.String(), load_default=list,
                                  metadata={"label": _("Known diagnoses (from the summary)")})
    medication_shown = fields.List(fields.String(), load_default=list,
                                   metadata={"label": _("All medication (from the summary)")})
    acknowledgements = fields.List(fields.Nested(AckSchema), load_default=list,
                                   metadata={"label": _("Cautions acknowledged")})

    @validates_schema
    def _needles_accounted_for(self, data, **kwargs):
        """A mismatch is recorded only with the incident that explains it."""
        inserted, removed = data.get("needles_inserted"), data.get("needles_removed")
        if inserted is not None and removed is not None and inserted != removed \
                and not (data.get("needle_incident") or "").strip():
            raise ValidationError(str(_("The needle counts differ: find the needle or record "
                                        "an incident.")), "needles_removed")


# --- 3. Adverse event ----------------------------------------------------------------------

MILD_TYPES = [("bleeding", _("Minor bleeding")), ("haematoma", _("Haematoma")),
              ("pain", _("Pain on insertion")), ("fatigue", _("Fatigue or drowsiness")),
              ("aggravation", _("Aggravation of symptoms")),
              ("fainting", _("Needle fainting (vasovagal)")), ("other_mild", _("Other, mild"))]
SERIOUS_TYPES = [("pneumothorax", _("Pneumothorax")), ("infection", _("Infection")),
                 ("nerve_injury", _("Nerve injury")), ("organ_injury", _("Organ injury")),
                 ("burn", _("Burn (moxibustion)")), ("retained_needle", _("Retained needle")),
                 ("other_serious", _("Other, serious"))]
EVENT_TYPES = MILD_TYPES + SERIOUS_TYPES
SERIOUS = frozenset(code for code, _t in SERIOUS_TYPES)


class AdverseEventSchema(Schema):
    """An adverse event after acupuncture."""

    event_type = choice(_("Type of event"), EVENT_TYPES, required=True,
                        help=_("Pneumothorax, infection, nerve or organ injury, burn and "
                               "retained needle are serious."))
    occurred_on = fields.Date(required=True, error_messages={"required": REQUIRED},
                              metadata={"label": _("Date of the event")})
    points = text(_("Points involved (WHO codes)"), long=False)
    description = text(_("What happened"), required=True)
    action_taken = text(_("Action taken"), required=True)
    follow_up = text(_("Follow-up"), required=True)

    @post_load
    def _points_by_who_code(self, data, **kwargs):
        """"gi4, e36" is stored as "LI4, ST36"; a word that names no single point is refused."""
        words = [w for w in str(data.get("points") or "").replace(";", ",").split(",")
                 if w.strip()]
        codes, unknown = [], []
        for word in words:
            point, _candidates = resolve(word)
            if point is None:
                unknown.append(word.strip())
            else:
                codes.append(point.code)
        if unknown:
            raise ValidationError(str(_("Not a point: %(words)s. Use WHO codes, for example "
                                        "LI4, ST36.", words=", ".join(unknown))), "points")
        return {**data, "points": ", ".join(codes)}


EXAMPLE_SESSION = {
    "indication": "Lombalgie chronique", "position": "prone", "needle_type": "filiform",
    "needle_brand": "Seirin J", "needle_lot": "L2406", "gauge_mm": 0.25, "length_mm": 30,
    "disinfection": True, "needles_inserted": 3, "needles_removed": 3,
    "points": [{"code": "BL23", "side": "bilateral", "technique": "tonification",
                "depth_mm": 20, "retention_min": 20, "stimulation": "manual", "needles": 2},
               {"code": "GV4", "side": "midline", "technique": "even", "depth_mm": 10,
                "retention_min": 20, "stimulation": "moxa", "needles": 1}],
    "medication_shown": ["Apixaban 5 mg"], "diagnoses_shown": ["Lombalgie"],
}

EXAMPLE_EVENT = {"event_type": "haematoma", "occurred_on": "2026-12-04", "points": "ST36",
                 "description": "Petit hématome", "action_taken": "Glace",
                 "follow_up": "Aucun"}

FORMS = [
    FormSpec(OPENING, 1, _("Acupuncture: opening evaluation"), OpeningSchema,
             discipline="acupuncture", confidentiality="discipline",
             description=_("Interview and examination, energetic opinion, TCM assessment.")),
    FormSpec(SESSION, 1, _("Acupuncture: session"), SessionSchema, discipline="acupuncture",
             confidentiality="discipline",
             description=_("Points by WHO code, needles, count, responses."),
             extra={"example": EXAMPLE_SESSION}, written_by=WORKFLOW),
    FormSpec(ADVERSE_EVENT, 1, _("Acupuncture: adverse event"), AdverseEventSchema,
             discipline="acupuncture", confidentiality="team", extra={"example": EXAMPLE_EVENT},
             description=_("Type, action taken and follow-up; a serious one alerts the "
                           "coordinator.")),
]
