"""The psychology record, form by form, in the order a file is lived.

C-26, r. 221, art. 3 lists what the record holds: reasons for consultation, services rendered
and their dates, conclusions of the evaluation or the intervention programme with
recommendations, notes on the person's evolution, and every transmission of information to a
third party with the signed authorisation. The Ordre's inspectors most often find the mandate or
the anamnesis missing, raw data left uninterpreted, facts mixed with clinical impressions, and
no sources of information: the forms ask for each of these in its own field.

Every form is ``discipline`` confidential: only psychologists read it. The person's explicit
consent is the one way across: a transmission they authorised in writing, sealed and shared with
named colleagues of other disciplines (``access.py``).
Raw test data is ``sealed`` (its author and named colleagues), and a note that it exists is
added to the record automatically (``chart.py``).
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from core.api import FormSpec, current_session, today, with_phones

from plugins.psychology import _
from plugins.psychology.crisis_lines import BUILT_IN, CrisisList, read_lines
from plugins.psychology.instruments import (FREQUENCY, GAD7, PHQ9, Gad7Schema, Phq9Schema,
                                            answer_label)

REQUIRED = [_("This field is required.")]


def text(label, help="", long=True):
    """An optional free-text field (a textarea unless ``long`` is False)."""
    return fields.String(
        load_default=None, allow_none=True, validate=validate.Length(max=20000),
        metadata={"label": label, "help": help, "widget": "textarea" if long else "text"})


def required_text(label, help="", long=True):
    """A free-text field that may not be left empty."""
    return fields.String(
        required=True, validate=validate.Length(min=1, max=20000, error=REQUIRED[0]),
        error_messages={"required": REQUIRED, "null": REQUIRED},
        metadata={"label": label, "help": help, "widget": "textarea" if long else "text"})


def a_date(label, help="", required=False, initial=None):
    """A calendar date; ``initial``: what a new form shows (``today``: the coop's today)."""
    extra = {} if required else {"load_default": None, "allow_none": True}
    return fields.Date(required=required, **extra,
                       error_messages={"required": REQUIRED, "invalid": [_("Enter a valid date.")]},
                       metadata={"label": label, "help": help, "widget": "date",
                                 "initial": initial})


def choice(label, choices, help="", required=False):
    """One value among ``choices`` (``(value, label)`` pairs)."""
    extra = {} if required else {"load_default": None, "allow_none": True}
    return fields.String(
        required=required, **extra,
        validate=validate.OneOf([c for c, _l in choices], error=_("Choose one of the options.")),
        error_messages={"required": REQUIRED},
        metadata={"label": label, "help": help, "widget": "select", "choices": choices})


def confirm(label, help="", must_be_true=False):
    """A checkbox; ``must_be_true``: the form cannot be saved unchecked (an unchecked box is
    simply absent from the post, hence "required")."""
    if not must_be_true:
        return fields.Boolean(load_default=False,
                              metadata={"label": label, "help": help, "widget": "checkbox"})
    message = _("This must be confirmed to continue.")
    return fields.Boolean(required=True, validate=validate.Equal(True, error=message),
                          error_messages={"required": [message], "null": [message]},
                          metadata={"label": label, "help": help, "widget": "checkbox"})


# --- 1. Opening the file --------------------------------------------------------------------

REFERRERS = [("self", _("The person themself")), ("physician", _("Physician")),
             ("nurse", _("Nurse")), ("social_worker", _("Social worker")),
             ("school", _("School")), ("employer", _("Employer or insurer")),
             ("other", _("Other"))]


class OpeningSchema(Schema):
    """Opening of the file: who asks for what, why, and the person's consent to services."""

    requested_on = a_date(_("Date the request for services was received"),
                          _("Used to measure the waiting time."), required=True)
    referred_by = choice(_("Referred by"), REFERRERS, required=True)
    mandate = required_text(_("Mandate"), _("Who asks for what service, and for whom."))
    reason = required_text(_("Reason for consultation"), _("In the person's words when possible."))
    modalities = text(_("Modalities"), _("Frequency and length of sessions, fees, cancellations."))
    confidentiality_explained = confirm(
        _("Confidentiality and its limits were explained"),
        _("Danger to the person or others, court orders, the rules for minors."),
        must_be_true=True)
    consent = confirm(_("The person consents to the services"), must_be_true=True)
    consent_notes = text(_("Notes on consent"), _("A minor's or a representative's consent."))


# --- 2. Anamnesis ---------------------------------------------------------------------------


class AnamnesisSchema(Schema):
    """The person's history, as gathered in the first meetings."""

    presenting_history = required_text(_("History of the current difficulties"))
    personal_history = text(_("Personal and developmental history"))
    family_history = text(_("Family history"))
    health = text(_("Physical health, medication and substance use"))
    social_situation = text(_("Social situation"), _("Work or school, housing, relationships, "
                                                      "finances."))
    previous_services = text(_("Previous psychological or psychiatric services"))
    strengths = text(_("Strengths and resources"))


# --- 3. Evaluation --------------------------------------------------------------------------


class EvaluationSchema(Schema):
    """A psychological evaluation: facts and clinical impressions never in the same field."""

    sources = required_text(_("Sources of information"),
                            _("Interviews, documents read, people consulted (with consent)."))
    instruments = text(_("Instruments used"), _("Tests and questionnaires, with their dates."))
    facts = required_text(_("Facts and results"),
                          _("What was observed, said and measured, without interpretation."))
    impressions = required_text(_("Clinical impressions and interpretation"),
                                _("What the facts mean, and the hypotheses retained."))
    conclusions = required_text(_("Conclusions"))
    recommendations = text(_("Recommendations"))

    @validates_schema
    def _facts_apart(self, data, **kwargs):
        facts, impressions = data.get("facts"), data.get("impressions")
        if facts and impressions and facts.strip() == impressions.strip():
            raise ValidationError({"impressions": [_("Keep facts and clinical impressions "
                                                     "apart: this repeats the facts.")]})


# --- 4. Intervention plan, 5. progress notes, 6. closure ------------------------------------

MODALITIES = [("individual", _("Individual")), ("couple", _("Couple")),
              ("family", _("Family")), ("group", _("Group")), ("phone", _("Telephone")),
              ("video", _("Video"))]


class InterventionPlanSchema(Schema):
    """Objectives agreed with the person, the approach, and when the plan is reviewed."""

    objectives = required_text(_("Objectives"))
    approach = required_text(_("Approach and methods"))
    frequency = text(_("Frequency and expected number of sessions"), long=False)
    review_on = a_date(_("Review the plan on"))
    agreed = confirm(_("The plan was discussed and agreed with the person"))


class ProgressNoteSchema(Schema):
    """A session note: what happened, what the psychologist makes of it, what comes next."""

    modality = choice(_("Modality"), MODALITIES, required=True)
    content = required_text(_("Content of the session"), _("Facts: what was said and done."))
    impressions = text(_("Clinical impressions"))
    next_steps = text(_("Next steps"))
    suicide_risk_disclosed = confirm(
        _("Thoughts of suicide or self-harm were disclosed"),
        _("Checking this asks for a suicide-risk assessment today."))


CLOSURE_REASONS = [("goals_met", _("Objectives reached")), ("person_choice", _("Person's choice")),
                   ("referred", _("Referred to another service")),
                   ("lost_contact", _("Contact lost")), ("other", _("Other"))]


class ClosureNoteSchema(Schema):
    """Closing the file: why, what was done, where the person goes from here."""

    # most files are closed the day the note is written: shown filled in, changed when not
    closed_on = a_date(_("Closed on"), required=True, initial=today)
    reason = choice(_("Reason for closing"), CLOSURE_REASONS, required=True)
    summary = required_text(_("Services rendered and evolution"))
    recommendations = text(_("Recommendations"))
    referred_to = text(_("Referred to"), long=False)


# --- 7. Transmission to a third party -------------------------------------------------------

LEGAL_BASES = [("consent", _("Signed authorisation of the person")),
               ("danger", _("Imminent danger (Code des professions, s. 60.4)")),
               ("law", _("Court order or a provision of law"))]


class TransmissionSchema(Schema):
    """Information sent to a third party, and what allowed it."""

    recipient = required_text(
        _("Recipient (name and organisation)"),
        _("For a colleague of another discipline in the coop: with the person's signed "
          "authorisation, choose \"sealed\" and name them; they read this entry, nothing else."),
        long=False)
    purpose = required_text(_("Purpose of the transmission"))
    information = required_text(_("Information transmitted"))
    legal_basis = choice(_("What allows the transmission"), LEGAL_BASES, required=True)
    authorisation_signed_on = a_date(_("Authorisation signed on"))
    authorisation_reference = text(_("Where the signed authorisation is kept"), long=False)

    @validates_schema
    def _authorised(self, data, **kwargs):
        if data.get("legal_basis") == "consent":
            errors = {}
            if not data.get("authorisation_signed_on"):
                errors["authorisation_signed_on"] = [_("A transmission with consent needs the "
                                                       "date of the signed authorisation.")]
            if not data.get("authorisation_reference"):
                errors["authorisation_reference"] = [_("Say where the signed authorisation is "
                                                       "kept.")]
            if errors:
                raise ValidationError(errors)


# --- 8. Outcome of a suicide-risk estimate --------------------------------------------------

RISK_LEVELS = [("low", _("Low")), ("moderate", _("Moderate")), ("high", _("High")),
               ("imminent", _("Imminent danger"))]


class RiskEstimateSchema(Schema):
    """The outcome of the clinician's risk estimate (the grid itself is not reproduced here)."""

    level = choice(_("Estimated level of risk"), RISK_LEVELS, required=True)
    method = text(_("Method or grid used"), _("For example the Quebec grid for estimating the "
                                              "danger of a suicidal act, if you are trained."),
                  long=False)
    safety_plan = required_text(_("Safety plan"),
                                _("Warning signs, coping strategies, people and lines to call."))
    means_reduction = text(_("Access to means reduced"))
    informed = required_text(_("Who was informed"),
                             _("Family, physician, team — with the person's consent."))
    informed_without_consent = confirm(
        _("Information shared without consent because of imminent danger"),
        _("Code des professions, s. 60.4: only what is needed, to those who can help."))
    next_contact_on = a_date(_("Next contact"), required=True)


# --- 9. Raw test data (sealed) and the note that it exists ----------------------------------


class RawTestDataSchema(Schema):
    """Raw data of a test (protocols, answer sheets): kept apart, its existence noted."""

    test_name = required_text(_("Test"), long=False)
    administered_on = a_date(_("Administered on"), required=True)
    raw_data = required_text(_("Raw data"), _("Raw scores or a transcription of the protocol."))
    originals_kept = text(_("Where the originals are kept"), long=False)


class RawDataNoteSchema(Schema):
    """Written automatically when raw data is recorded: the record says that it exists."""

    test_name = required_text(_("Test"), long=False)
    administered_on = a_date(_("Administered on"), required=True)


class Phq9FormSchema(Phq9Schema):
    """The PHQ-9 as the chart form loads it: a questionnaire refused (an item left blank) whose
    item 9 is answered above "not at all" says so at the top, with the crisis lines. Nothing is
    saved, so the safety rule cannot run; the clinician is not left with only "answer this
    question" under each blank item while the person reported thoughts of self-harm."""

    def handle_error(self, error, data, *, many, **kwargs):
        """Put the item-9 warning first among the refusal's messages."""
        answer = _item_9(data)
        if answer and isinstance(error.messages, dict):
            lines = _crisis_lines()
            warning = _("Item 9 answered \"%(answer)s\": thoughts of death or self-harm. The "
                        "questionnaire is not saved until every item is answered, but see the "
                        "person today. Crisis lines: %(lines)s",
                        answer=answer_label(FREQUENCY, answer), lines=lines.text)
            # each number a tel: link on the page: a clinician on a phone taps it to call
            error.messages.setdefault("_schema", []).insert(0, with_phones(warning, lines.phones))


def _item_9(data) -> int | None:
    """Item 9's points as posted, when above "not at all" (None for anything else)."""
    try:
        points = int(data.get("item_9")) if isinstance(data, dict) else 0
    except (TypeError, ValueError):
        return None
    return points if points in (1, 2, 3) else None


def _crisis_lines() -> CrisisList:
    """The coop's lines; the built-in ones when no database is at hand (a form loaded alone)."""
    try:
        return read_lines(current_session())
    except Exception:  # no app or session: never let the warning itself fail
        return CrisisList(BUILT_IN)


def _form(form_id, title, schema, description="", confidentiality="discipline",
          member_visible=True, **extra):
    return FormSpec(id=form_id, version=1, title=title, schema=schema, discipline="psychology",
                    confidentiality=confidentiality, member_visible=member_visible,
                    description=description, extra=extra)


FORMS = [
    _form("psychology.opening", _("Opening of the file"), OpeningSchema,
          _("Mandate, reason for consultation and consent to services.")),
    _form("psychology.anamnesis", _("Anamnesis"), AnamnesisSchema),
    _form("psychology.evaluation", _("Psychological evaluation"), EvaluationSchema,
          _("Sources, instruments, facts, impressions, conclusions."),
          example={"sources": "Two interviews; the family physician's letter.",
                   "facts": "Sleeps four hours a night; PHQ-9 total 14.",
                   "impressions": "Depressive episode likely, in a context of grief.",
                   "conclusions": "Individual follow-up is indicated."}),
    _form("psychology.intervention_plan", _("Intervention plan"), InterventionPlanSchema),
    _form("psychology.progress_note", _("Progress note"), ProgressNoteSchema),
    _form("psychology.closure_note", _("Closure note"), ClosureNoteSchema),
    _form("psychology.transmission", _("Transmission to a third party"), TransmissionSchema,
          _("Information sent outside the record, with what allowed it."),
          example={"recipient": "Dre Tremblay, GMF du quartier", "purpose": "Continuity of care",
                   "information": "Evaluation conclusions", "legal_basis": "consent",
                   "authorisation_signed_on": "2026-01-12",
                   "authorisation_reference": "Scanned, document 12"}),
    _form("psychology.risk_estimate", _("Suicide-risk estimate: outcome"), RiskEstimateSchema,
          _("Level, safety plan, who was informed.")),
    # Raw data goes only to a professional able to interpret it: the person reads the note
    # that it exists and the evaluation that interprets it, not the protocol itself.
    _form("psychology.raw_test_data", _("Raw test data"), RawTestDataSchema,
          _("Sealed: its author and named colleagues only."), confidentiality="sealed",
          member_visible=False),
    _form("psychology.raw_data_note", _("Raw test data on file"), RawDataNoteSchema),
    # the questionnaires' own instruction is the form's description
    _form(PHQ9.form_id, PHQ9.title, Phq9FormSchema, PHQ9.stem, loinc=PHQ9.panel_loinc),
    _form(GAD7.form_id, GAD7.title, Gad7Schema, GAD7.stem, loinc=GAD7.panel_loinc),
]

FORM_IDS = {form.id for form in FORMS}
