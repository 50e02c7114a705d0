"""The social worker's record, as the OTSTCFQ's norms and its *Cadre de référence sur
l'évaluation du fonctionnement social* (2010) describe it.

The **evaluation of social functioning** is a structured report, kept apart from the
chronological notes and easy to find on the chart. Predetermined sections are allowed *provided
the social worker's analysis and professional opinion show*: they are what makes it a social
worker's evaluation rather than a questionnaire, so the form refuses to be saved without them.
Then come the intervention plan (objectives, means, who, target dates, the person's agreement)
and its revisions (an amendment of the plan keeps every earlier version), progress notes, the
closing note, and transmissions to a third party with what allowed them.

Every form is ``discipline`` confidential, like psychology: only social workers read it. The one
way across to another discipline is the person's signed authorisation (``access.py``).
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, validates_schema

from core.api import FormSpec, format_day, today

from plugins.social_work import NAME, _
from plugins.social_work.fields import agreed, day, pick, prose

EVALUATION, PLAN, PROGRESS = f"{NAME}.evaluation", f"{NAME}.intervention_plan", f"{NAME}.progress"
CLOSING, TRANSMISSION = f"{NAME}.closing", f"{NAME}.transmission"

REFERRAL_SOURCES = [("self", _("The person themself")), ("screening", _("A social-needs screen")),
                    ("nurse", _("Nurse")), ("physician", _("Physician")),
                    ("psychologist", _("Psychologist")), ("food_security", _("Food security program")),
                    ("community", _("A community organization")), ("family", _("Family or friend")),
                    ("other", _("Other"))]


class EvaluationSchema(Schema):
    """Evaluation of social functioning: facts by section, then analysis and opinion."""

    identification = prose(_("Identification"), _("Who the person is, household, language, "
                                                  "status; what is needed to reach them."))
    reason = prose(_("Reason for the request"), _("In the person's words when possible."),
                   required=True)
    referral_source = pick(_("Referral source"), REFERRAL_SOURCES, widget="select")
    sources = prose(_("Sources of information"), _("Interviews, documents, people consulted "
                                                   "with the person's consent."), required=True)
    social_history = prose(_("Social history"))
    roles = prose(_("Social roles"), _("Parent, worker, student, caregiver, neighbour..."))
    network = prose(_("Network and support"))
    income = prose(_("Income"))
    housing = prose(_("Housing"))
    work_education = prose(_("Work and education"))
    health = prose(_("Health as it affects social functioning"))
    environment = prose(_("Environmental factors"), _("Food, housing, transport, violence, "
                                                      "neighbourhood, services nearby."))
    analysis = prose(_("Analysis"), _("How the facts above fit together: the social worker's "
                                      "reading of the situation."), required=True)
    opinion = prose(_("Professional opinion"), _("The social worker's conclusion on the "
                                                 "person's social functioning."), required=True)
    recommendations = prose(_("Recommendations"))


class PlanSchema(Schema):
    """Intervention plan; amend it to revise it (every version stays on the chart)."""

    objectives = prose(_("Objectives"), _("What the person wants to reach, in their words."),
                       required=True)
    means = prose(_("Means"), _("What will be done, by whom: the person, the social worker, "
                                "community organizations."), required=True)
    responsibilities = prose(_("Who does what"))
    target_date = day(_("Target date"), required=True)
    review_on = day(_("Review the plan on"))
    person_agrees = agreed(_("The person agrees with this plan"),
                           _("Say in the notes what they disagree with, if anything."))
    notes = prose(_("Notes"))


class ProgressSchema(Schema):
    """A progress note (*note évolutive*): dated, chronological."""

    contact = pick(_("Contact"), [("meeting", _("Meeting")), ("phone", _("Phone call")),
                                  ("home", _("Home visit")), ("collateral", _("With a third "
                                                                              "party")),
                                  ("group", _("Group"))], widget="select")
    note = prose(_("Note"), required=True)
    next_steps = prose(_("Next steps"))


CLOSING_REASONS = [("goals_met", _("Objectives reached")), ("person_ended", _("The person ended "
                                                                              "the services")),
                   ("referred", _("Referred elsewhere")), ("moved", _("Moved away")),
                   ("lost_contact", _("Contact lost")), ("other", _("Other"))]


class ClosingSchema(Schema):
    """Closing the file: why, what was done, where the person goes from here."""

    # most files are closed the day the note is written: shown filled in, changed when not
    closed_on = day(_("Closed on"), required=True, past=True, initial=today)
    reason = pick(_("Reason for closing"), CLOSING_REASONS, widget="select")
    summary = prose(_("Services rendered and evolution"), required=True)
    recommendations = prose(_("Recommendations"))


LEGAL_BASES = [("consent", _("Signed authorisation of the person")),
               ("danger", _("Imminent danger (Code des professions, s. 60.4)")),
               ("law", _("Court order or a provision of law"))]


class TransmissionSchema(Schema):
    """Information sent outside the social work record, and what allowed it."""

    recipient = prose(_("Recipient (name and organisation)"),
                      _("A colleague of another discipline in the coop reads this entry only "
                        "with the person's signed authorisation: share it with them by name."),
                      required=True, short=True)
    purpose = prose(_("Purpose of the transmission"), required=True)
    information = prose(_("Information transmitted"), required=True)
    legal_basis = pick(_("What allows the transmission"), LEGAL_BASES, widget="select")
    authorisation_signed_on = day(_("Authorisation signed on"), past=True)
    authorisation_reference = prose(_("Where the signed authorisation is kept"), short=True)

    @validates_schema
    def _authorised(self, data, **kwargs):
        """A transmission with consent names the signed authorisation (date and place)."""
        if data.get("legal_basis") != "consent":
            return
        errors = {}
        if not data.get("authorisation_signed_on"):
            errors["authorisation_signed_on"] = [_("A transmission with consent needs the date "
                                                   "of the signed authorisation.")]
        if not data.get("authorisation_reference"):
            errors["authorisation_reference"] = [_("Say where the signed authorisation is kept.")]
        if errors:
            raise ValidationError(errors)


def _form(form_id, title, schema, description, **extra) -> FormSpec:
    return FormSpec(form_id, 1, title, schema, discipline=NAME, confidentiality="discipline",
                    description=description, extra=extra)


FORMS = [
    _form(EVALUATION, _("Evaluation of social functioning"), EvaluationSchema,
          _("The structured report: facts by section, then the analysis and the professional "
            "opinion."),
          example={"reason": "Risk of losing her apartment.", "referral_source": "screening",
                   "sources": "Two interviews with the person.",
                   "analysis": "Income dropped after a job loss; no family nearby.",
                   "opinion": "Social functioning compromised by housing and income."}),
    _form(PLAN, _("Intervention plan"), PlanSchema,
          _("Objectives, means, who, target dates, the person's agreement. Amend it to revise "
            "it."),
          example={"objectives": "Keep the apartment.", "means": "Apply for the rent subsidy.",
                   "target_date": "2027-03-01", "person_agrees": True}),
    _form(PROGRESS, _("Social work progress note"), ProgressSchema, _("A dated note."),
          example={"contact": "meeting", "note": "Application sent together."}),
    _form(CLOSING, _("Social work closing note"), ClosingSchema,
          _("Why the file closes and what was done."),
          example={"closed_on": "2026-11-30", "reason": "goals_met",
                   "summary": "Housing kept; subsidy granted."}),
    _form(TRANSMISSION, _("Social work transmission to a third party"), TransmissionSchema,
          _("Information sent outside the record, with what allowed it."),
          example={"recipient": "Inf. Roy, soins infirmiers", "purpose": "Continuity of care",
                   "information": "Housing situation", "legal_basis": "consent",
                   "authorisation_signed_on": "2026-11-12",
                   "authorisation_reference": "Scanned, document 4"}),
]

FORM_IDS = {form.id for form in FORMS}


#: one timeline line per record form
SUMMARIES = {
    EVALUATION: lambda p: str(_("Evaluation of social functioning: %(reason)s",
                                reason=(p.get("reason") or "")[:80])),
    PLAN: lambda p: str(_("Intervention plan, target date %(date)s",
                          date=format_day(p.get("target_date"), "long"))),
    PROGRESS: lambda p: (p.get("note") or "")[:100],
    CLOSING: lambda p: str(_("File closed on %(date)s",
                             date=format_day(p.get("closed_on"), "long"))),
    TRANSMISSION: lambda p: str(_("Transmission to %(recipient)s",
                                  recipient=p.get("recipient") or "")),
}
