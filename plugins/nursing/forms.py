"""What a nurse writes in the chart.

Each form is a marshmallow schema whose field metadata lets core render, validate and store it.
Contents follow the OIIQ record regulation (I-8, r. 14, art. 2), the *Protocole d'immunisation
du Québec* (PIQ) for vaccination, and M-9, r. 12.001 for the nurse's own prescriptions
(see ``shared/reference/disciplines.md`` §1).
"""

from __future__ import annotations

from marshmallow import fields, validates_schema

from core.api import FormSpec

from plugins.nursing import NAME, _
from plugins.nursing.fields import NursingSchema, choice, day, flag, invalid, note, number, text
from plugins.nursing.oc.labels import (answer_words, contraindication_words, indication_words,
                                       question_labels, text_labels)

ASSESSMENT, VITALS, IMMUNIZATION = "nursing.assessment", "nursing.vital_signs", "nursing.immunization"
WOUND, PROGRESS, OC_APPLICATION = "nursing.wound", "nursing.progress_note", "nursing.oc_application"
PRESCRIPTION = "nursing.prescription"

# --- Nursing assessment --------------------------------------------------------------------


class AssessmentSchema(NursingSchema):
    """Évaluation de la condition physique et mentale d'une personne symptomatique."""

    reason = text(_("Reason for consultation"), required=True)
    history = note(_("History of the present problem"))
    physical = note(_("Physical examination"), help=_("By system: what you observed and measured."))
    mental = note(_("Mental state"))
    pain_score = number(_("Pain (0 to 10)"), 0, 10, integer=True)
    allergies_reviewed = flag(_("Allergies and medications reviewed with the person"))
    judgement = note(_("Clinical judgement"), required=True)
    plan = note(_("Plan and interventions"))
    follow_up_on = day(_("Follow-up on"))


# --- Vital signs ---------------------------------------------------------------------------

OXYGEN = [("air", _("Room air")), ("oxygen", _("Supplemental oxygen"))]
SPO2_SCALES = [("1", _("Scale 1 (usual)")),
               ("2", _("Scale 2 (hypercapnic respiratory failure, target 88-92%)"))]
ACVPU = [("A", _("Alert")), ("C", _("New confusion")), ("V", _("Responds to voice")),
         ("P", _("Responds to pain")), ("U", _("Unresponsive"))]
MEASUREMENTS = ("temperature", "pulse", "respiratory_rate", "systolic", "diastolic", "spo2",
                "weight", "height")


class VitalSignsSchema(NursingSchema):
    """Temperature, pulse, respiration, blood pressure, SpO2, consciousness, weight, height."""

    temperature = number(_("Temperature"), 30, 45, unit="°C")
    pulse = number(_("Pulse"), 20, 250, unit="/min", integer=True)
    respiratory_rate = number(_("Respiratory rate"), 3, 70, unit="/min", integer=True)
    systolic = number(_("Systolic blood pressure"), 50, 300, unit="mmHg", integer=True)
    diastolic = number(_("Diastolic blood pressure"), 20, 200, unit="mmHg", integer=True)
    spo2 = number(_("Oxygen saturation (SpO2)"), 50, 100, unit="%", integer=True)
    oxygen = choice(_("Breathing"), OXYGEN, default="air", widget="radio")
    oxygen_flow = number(_("Oxygen flow"), 0, 15, unit="L/min")
    spo2_scale = choice(_("SpO2 scale"), SPO2_SCALES, default="1", help=_(
        "Use scale 2 only when a prescriber set a target of 88-92% (hypercapnic respiratory "
        "failure)."))
    consciousness = choice(_("Consciousness (ACVPU)"), ACVPU, default="A")
    weight = number(_("Weight"), 0.5, 400, unit="kg")
    height = number(_("Height"), 30, 250, unit="cm")
    comment = note(_("Comment"), help=_("Measurement conditions: position, arm, cuff size, rest."))

    @validates_schema
    def _coherent(self, data, **kwargs):
        if not any(data.get(name) is not None for name in MEASUREMENTS):
            raise invalid(_("Enter at least one measurement."), "temperature")
        systolic, diastolic = data.get("systolic"), data.get("diastolic")
        if (systolic is None) != (diastolic is None):
            missing = "diastolic" if diastolic is None else "systolic"
            raise invalid(_("Enter both blood-pressure values."), missing)
        if systolic is not None and diastolic >= systolic:
            raise invalid(_("The diastolic value must be lower than the systolic."),
                                  "diastolic")
        if data.get("oxygen_flow") and data.get("oxygen") != "oxygen":
            raise invalid(_("An oxygen flow means the person is on oxygen."), "oxygen")


# --- Immunization (PIQ) --------------------------------------------------------------------

#: product code -> (label, CVX code for FHIR; "" when no single CVX code fits)
VACCINES = {
    "influenza": (_("Influenza (Inf)"), "88"),
    "covid19": (_("COVID-19"), "213"),
    "pneumo_c": (_("Pneumococcal conjugate (Pneu-C)"), "152"),
    "pneumo_p": (_("Pneumococcal polysaccharide (Pneu-P-23)"), "33"),
    "dcat": (_("Diphtheria, tetanus, pertussis (dcaT)"), "115"),
    "dt": (_("Diphtheria, tetanus (dT)"), "139"),
    "hb": (_("Hepatitis B (HB)"), "45"),
    "ha": (_("Hepatitis A (HA)"), "85"),
    "hahb": (_("Hepatitis A and B (HAHB)"), "104"),
    "rro": (_("Measles, mumps, rubella (RRO)"), "03"),
    "var": (_("Varicella (Var)"), "21"),
    "zona": (_("Herpes zoster, recombinant (Zona-R)"), "187"),
    "vph": (_("Human papillomavirus (VPH)"), "165"),
    "other": (_("Other product"), ""),
}
SITES = [("left_deltoid", _("Left deltoid")), ("right_deltoid", _("Right deltoid")),
         ("left_thigh", _("Left vastus lateralis")), ("right_thigh", _("Right vastus lateralis")),
         ("left_arm_sc", _("Left arm, subcutaneous")), ("right_arm_sc", _("Right arm, subcutaneous")),
         ("mouth", _("Mouth")), ("nose", _("Nose"))]
ROUTES = [("IM", _("Intramuscular")), ("SC", _("Subcutaneous")), ("ID", _("Intradermal")),
          ("PO", _("Oral")), ("IN", _("Intranasal"))]
REASONS = [("program", _("Routine program (PIQ)")), ("risk", _("Risk condition")),
           ("occupational", _("Occupational")), ("travel", _("Travel")),
           ("post_exposure", _("Post-exposure"))]


class ImmunizationSchema(NursingSchema):
    """A vaccine given under the PIQ (nurses vaccinate without a prescription since 2003)."""

    administered_on = day(_("Date given"), required=True)
    product = choice(_("Product"), [(k, v[0]) for k, v in VACCINES.items()], required=True)
    product_other = text(_("Product name (other)"), max_length=120)
    trade_name = text(_("Trade name"), max_length=120)
    lot = text(_("Lot number"), required=True, max_length=40)
    lot_expiry = day(_("Lot expiry date"))
    dose_number = number(_("Dose number in the series"), 1, 10, integer=True)
    dose_ml = number(_("Dose"), 0.05, 5, unit="mL")
    site = choice(_("Site"), SITES, required=True)
    route = choice(_("Route"), ROUTES, required=True)
    reason = choice(_("Reason"), REASONS, default="program")
    piq_reference = text(_("PIQ reference"), max_length=120,
                         help=_("The PIQ section followed, for example: Inf, Pneu-C."))
    consent = flag(_("Informed consent obtained"))
    observation_minutes = number(_("Observation after vaccination"), 0, 60, unit="min", integer=True)
    adverse_event = note(_("Adverse event (ESSI) observed"))

    @validates_schema
    def _complete(self, data, **kwargs):
        if data.get("product") == "other" and not data.get("product_other"):
            raise invalid(_("Name the product."), "product_other")
        if not data.get("consent"):
            raise invalid(_("Vaccinate only after informed consent."), "consent")


# --- Wound assessment and care plan --------------------------------------------------------

WOUND_TYPES = [("pressure", _("Pressure injury")), ("venous", _("Venous ulcer")),
               ("arterial", _("Arterial ulcer")), ("diabetic_foot", _("Diabetic foot ulcer")),
               ("surgical", _("Surgical wound")), ("skin_tear", _("Skin tear or trauma")),
               ("burn", _("Burn")), ("other", _("Other"))]
WOUND_BEDS = [("granulation", _("Granulation")), ("epithelial", _("Epithelialisation")),
              ("slough", _("Slough")), ("necrosis", _("Necrosis or eschar")), ("mixed", _("Mixed"))]
EXUDATE = [("none", _("None")), ("light", _("Light")), ("moderate", _("Moderate")),
           ("heavy", _("Heavy"))]
GOALS = [("heal", _("Healing")), ("maintain", _("Maintenance")), ("comfort", _("Comfort (palliative)"))]


class WoundSchema(NursingSchema):
    """Wound assessment (location, size, appearance) and its care plan (dressing, next change)."""

    location = text(_("Location"), required=True)
    wound_type = choice(_("Type of wound"), WOUND_TYPES, required=True)
    length_cm = number(_("Length"), 0, 50, unit="cm")
    width_cm = number(_("Width"), 0, 50, unit="cm")
    depth_cm = number(_("Depth"), 0, 20, unit="cm")
    wound_bed = choice(_("Wound bed"), WOUND_BEDS)
    exudate = choice(_("Exudate"), EXUDATE)
    periwound = text(_("Surrounding skin"))
    infection_signs = flag(_("Signs of infection"))
    pain_score = number(_("Pain (0 to 10)"), 0, 10, integer=True)
    goal = choice(_("Goal of care"), GOALS, default="heal")
    cleansing = text(_("Cleansing"))
    dressing = text(_("Dressing"), required=True)
    change_every = text(_("Change frequency"), max_length=80)
    next_change_on = day(_("Next dressing change"))
    plan = note(_("Care plan"))


# --- Progress note -------------------------------------------------------------------------


class ProgressNoteSchema(NursingSchema):
    """A nursing progress note (data, action, result)."""

    focus = text(_("Focus"), max_length=200)
    note = note(_("Note"), required=True)
    follow_up = text(_("Follow-up"))


# --- Application of an ordonnance collective (written by the OC page, not by hand) ----------

OUTCOMES = [("applied", _("Applied")), ("refused", _("Not applicable")),
            ("referred", _("Referred"))]


def _text_labels(payload: dict) -> dict:
    """``texts``' keys for a reader: each language by name, each text as its field is named."""
    return text_labels(payload, {name: field.metadata["label"]
                                 for name, field in OcApplicationSchema().fields.items()})


class OcApplicationSchema(NursingSchema):
    """Which OC, which version, what the engine checked, what was done and communicated."""

    oc_code = text(_("Ordonnance collective"), required=True, max_length=60)
    oc_version = number(_("Version"), 1, 10000, integer=True, required=True)
    oc_name = text(_("Name"), required=True, max_length=300)
    outcome = choice(_("Outcome"), OUTCOMES, required=True)
    reason = note(_("Reason"))
    #: ids of the OC version's items, each worded as the version words it (``value_labels``,
    #: for the export)
    indications = fields.List(fields.String(), load_default=list, metadata={
        "label": _("Indications present"), "value_labels": indication_words})
    contraindications_checked = fields.List(fields.String(), load_default=list, metadata={
        "label": _("Contraindications checked"), "value_labels": contraindication_words})
    #: by question id: each named as the OC version asks it (``key_labels``, for the export),
    #: a choice answered in the version's words (``value_labels``)
    answers = fields.Dict(load_default=dict, metadata={
        "label": _("Answers"), "key_labels": question_labels, "value_labels": answer_words})
    plan = note(_("Plan"))
    referral = note(_("Referral to the médecin répondant"))
    treating_physician = text(_("Treating physician"))
    communication = note(_("Communication to the treating physician"))
    #: what the nurse does when the OC was not applied (refer, to whom, how urgently)
    next_step = note(_("Next step"))
    #: the engine's words (name, reason, plan, referral, next step, communication) in every
    #: language, so each colleague reads the entry in theirs: {locale: {field: text}}
    texts = fields.Dict(load_default=dict, metadata={"label": _("Texts in each language"),
                                                     "key_labels": _text_labels})


# --- The nurse's own prescription (M-9, r. 12.001) -----------------------------------------

DOMAINS = [("wound_care", _("Wound care")), ("contraception", _("Hormonal contraception")),
           ("emergency_contraception", _("Emergency contraception")),
           ("folic_acid", _("Folic acid and perinatal vitamins")),
           ("pediculosis", _("Pediculosis")), ("smoking_cessation", _("Smoking cessation")),
           ("sti_treatment", _("Chlamydia or gonorrhoea treatment")),
           ("common_problem", _("Common health problem"))]
#: drugs the regulation leaves out of a domain (lower case, matched inside the medication name)
EXCLUDED_DRUGS = {"smoking_cessation": ("varenicline", "varénicline", "bupropion"),
                  "wound_care": ("sulfadiazine",)}


class PrescriptionSchema(NursingSchema):
    """A prescription in the nurse's own name, in a domain the regulation opens to her."""

    domain = choice(_("Domain"), DOMAINS, required=True)
    medication = text(_("Medication, product or test"), required=True)
    dose = text(_("Dose and strength"), max_length=120)
    route = text(_("Route"), max_length=60)
    frequency = text(_("Frequency"), max_length=120)
    duration = text(_("Duration"), max_length=120)
    quantity = text(_("Quantity"), max_length=60)
    refills = number(_("Refills"), 0, 12, integer=True)
    indication = text(_("Indication"), required=True)
    attestation = text(_("OIIQ prescribing attestation number"), max_length=40)
    physician_informed = flag(_("Treating physician or IPS informed"))
    notes = note(_("Notes"))

    @validates_schema
    def _within_scope(self, data, **kwargs):
        medication = (data.get("medication") or "").casefold()
        if any(drug in medication for drug in EXCLUDED_DRUGS.get(data.get("domain"), ())):
            raise invalid(_("This medication is outside nurse prescribing in this "
                                    "domain: refer to a physician or an IPS."), "medication")


# --- The declarations -----------------------------------------------------------------------


def form_specs() -> list[FormSpec]:
    """Every nursing chart form (id, version, schema, default confidentiality)."""
    def spec(form_id, title, schema, confidentiality="team", **kw):
        return FormSpec(form_id, 1, title, schema, NAME, confidentiality=confidentiality, **kw)

    return [
        spec(ASSESSMENT, _("Nursing assessment"), AssessmentSchema),
        spec(VITALS, _("Vital signs"), VitalSignsSchema, extra={"flowsheet": True, "example": {
            "temperature": 37.1, "pulse": 84, "respiratory_rate": 16, "systolic": 132,
            "diastolic": 84, "spo2": 97, "oxygen": "air", "consciousness": "A", "weight": 71.5,
            "height": 168}}),
        spec(IMMUNIZATION, _("Immunization"), ImmunizationSchema, extra={"example": {
            "administered_on": "2026-10-20", "product": "influenza", "lot": "U1234AB",
            "dose_number": 1, "dose_ml": 0.5, "site": "left_deltoid", "route": "IM",
            "consent": True, "observation_minutes": 15}}),
        spec(WOUND, _("Wound assessment and care plan"), WoundSchema),
        spec(PROGRESS, _("Nursing progress note"), ProgressNoteSchema, member_visible=False),
        spec(OC_APPLICATION, _("Application of an ordonnance collective"), OcApplicationSchema,
             written_by="nursing.apply_oc"),
        # contraception and STI treatment are sexual-health information: discipline level
        spec(PRESCRIPTION, _("Nurse prescription"), PrescriptionSchema, "discipline", extra={
            "example": {"domain": "smoking_cessation", "medication": "Timbre de nicotine 21 mg",
                        "dose": "1 timbre", "frequency": "die", "duration": "6 semaines",
                        "refills": 1, "indication": "Cessation tabagique"}}),
    ]
