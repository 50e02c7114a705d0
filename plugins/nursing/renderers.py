"""How nursing entries read: one line on the timeline, and plain words for the person.

Summaries are for colleagues (abbreviations welcome); plain-language texts are for the member
portal, in the reader's language (French or English through the catalog), with no jargon and
nothing the person did not already hear from the nurse.
"""

from __future__ import annotations

from core.api import RendererSpec, format_day, format_number, reader_language

from plugins.nursing import _
from plugins.nursing.forms import (ACVPU, ASSESSMENT, DOMAINS, IMMUNIZATION, OC_APPLICATION,
                                   PRESCRIPTION, PROGRESS, ROUTES, SITES, VACCINES, VITALS, WOUND,
                                   WOUND_TYPES)
from plugins.nursing.plain_words import plain_dosage, written_in_french
from plugins.nursing.protocols import news2
from plugins.nursing.service import in_each_language


def _n(value) -> str:
    """A number in the reader's locale (37,2 in French)."""
    return format_number(value, up_to=1)


def _label(options, value) -> str:
    return str(dict(options).get(value, value or ""))


def _day(value) -> str:
    """A day of the payload (kept as ISO text) written out for the member, in their language,
    inside a sentence: "6 décembre 2026", "December 6, 2026" (never "2026-12-06")."""
    return format_day(value, "long") if value else ""


def _join(parts) -> str:
    return " · ".join(str(p) for p in parts if p)


# --- vital signs ---------------------------------------------------------------------------


#: measurement -> (timeline text, plain text); blood pressure and SpO2 are written apart
VITAL_TEXTS = {
    "temperature": (_("T %(v)s °C"), _("Temperature: %(v)s °C.")),
    "pulse": (_("P %(v)s"), _("Heart rate: %(v)s beats per minute.")),
    "respiratory_rate": (_("R %(v)s"), _("Breathing: %(v)s breaths per minute.")),
    "systolic": (_("BP %(s)s/%(d)s"), _("Blood pressure: %(s)s over %(d)s.")),
    "spo2": (_("SpO2 %(v)s%% (%(on)s)"), _("Oxygen in the blood: %(v)s%%.")),
    "weight": (_("%(v)s kg"), _("Weight: %(v)s kg.")),
    "height": (_("%(v)s cm"), _("Height: %(v)s cm.")),
}


def _vital_parts(p: dict, which: int) -> list[str]:
    """The measured values, each in its text (0: timeline, 1: plain language)."""
    on = _("O2") if p.get("oxygen") == "oxygen" else _("air")
    parts = []
    for name, texts in VITAL_TEXTS.items():
        if p.get(name) is not None:
            value = p[name] if isinstance(p[name], int) else _n(p[name])
            parts.append(str(texts[which]) % {"v": value, "s": p.get("systolic"),
                                              "d": p.get("diastolic"), "on": on})
    return parts


def vitals_summary(p: dict) -> str:
    """T 37,2 °C · P 80 · R 16 · BP 120/80 · SpO2 97% (air) · 70 kg · NEWS2 0."""
    parts = _vital_parts(p, 0)
    if p.get("consciousness") and p.get("consciousness") != "A":
        parts.append(_label(ACVPU, p["consciousness"]))
    score = news2(p)
    if len(score.missing) < 6:
        parts.append(_("NEWS2 %(total)s", total=score.total))
    return _join(parts)


def vitals_plain(p: dict) -> str:
    """Your measurements, in words."""
    return " ".join(_vital_parts(p, 1))


# --- immunization, wound, notes ------------------------------------------------------------


def _vaccine(p: dict) -> str:
    if p.get("product") == "other":
        return p.get("product_other") or str(VACCINES["other"][0])
    return str(VACCINES.get(p.get("product"), (p.get("product"), ""))[0])


def immunization_summary(p: dict) -> str:
    dose = _("dose %(n)s", n=p["dose_number"]) if p.get("dose_number") else ""
    return _join([_vaccine(p), _("lot %(lot)s", lot=p.get("lot", "")), dose,
                  _label(SITES, p.get("site")), p.get("route")])


def immunization_plain(p: dict) -> str:
    return str(_("You received a vaccine: %(vaccine)s, on %(date)s (%(site)s, %(route)s).",
                 vaccine=_vaccine(p), date=_day(p.get("administered_on")),
                 site=_label(SITES, p.get("site")).lower(),
                 route=_label(ROUTES, p.get("route")).lower()))


def wound_summary(p: dict) -> str:
    size = ""
    if p.get("length_cm") is not None and p.get("width_cm") is not None:
        size = f"{_n(p['length_cm'])} × {_n(p['width_cm'])} cm"
    return _join([p.get("location"), _label(WOUND_TYPES, p.get("wound_type")), size,
                  p.get("dressing")])


def wound_plain(p: dict) -> str:
    text = _("Your wound (%(location)s) was assessed and dressed with: %(dressing)s.",
             location=p.get("location", ""), dressing=p.get("dressing", ""))
    if p.get("next_change_on"):
        after = _("Next dressing change: %(date)s.", date=_day(p["next_change_on"]))
        return f"{text} {after}"
    return str(text)


def assessment_summary(p: dict) -> str:
    return str(p.get("reason", ""))


def assessment_plain(p: dict) -> str:
    text = _("Nursing visit. Reason: %(reason)s.", reason=p.get("reason", ""))
    if p.get("follow_up_on"):
        after = _("Follow-up planned on %(date)s.", date=_day(p["follow_up_on"]))
        return f"{text} {after}"
    return str(text)


def progress_summary(p: dict) -> str:
    note = p.get("note", "")
    return p.get("focus") or (note[:100] + ("…" if len(note) > 100 else ""))


# --- ordonnances collectives and prescriptions ---------------------------------------------

OUTCOME_WORDS = {"applied": _("applied"), "refused": _("not applicable"),
                 "referred": _("referred")}


def oc_summary(p: dict) -> str:
    return _join([f"{p.get('oc_code')} v{p.get('oc_version')}",
                  OUTCOME_WORDS.get(p.get("outcome"), p.get("outcome")),
                  in_each_language(p, "reason")])


def oc_rows(p: dict) -> list[tuple[str, str]]:
    """An OC application's lines as its page shows them, for the printed chart, the export and
    the member's record: the OC's questions and criteria in words, not the codes stored, and
    the engine's texts in the reader's language (the generic list showed the stored mappings)."""
    from plugins.nursing.oc.display import oc_entry_view

    view = oc_entry_view(p, reader_language())
    communication = view["communication"]
    return [*view["rows"], *view["answers"],
            *([(str(_("Communication to the treating physician")), communication)]
              if communication else [])]


def oc_plain(p: dict) -> str:
    name = str(in_each_language(p, "oc_name"))
    if p.get("outcome") == "applied":
        text = _("Your nurse cared for you under a collective prescription signed by the coop's "
                 "physicians: %(name)s.", name=name)
        plan = plain_dosage(in_each_language(p, "plan"))  # "PO BID": "par la bouche deux fois..."
        return f"{text} {plan}" if plan else str(text)
    if p.get("outcome") == "referred":
        return str(_("Your situation needs the opinion of a physician or a specialised nurse "
                     "practitioner (%(name)s); the nurse referred you.", name=name))
    return str(_("The collective prescription %(name)s did not fit your situation; the nurse "
                 "explained the next steps to you.", name=name))


def prescription_summary(p: dict) -> str:
    return _join([p.get("medication"), p.get("dose"), p.get("frequency"), p.get("duration"),
                  _label(DOMAINS, p.get("domain"))])


def prescription_plain(p: dict) -> str:
    # each field in plain words on its own: the dose, route and frequency hold nothing but
    # dosing ("die" alone is "once a day" there); the route was left out of the member's words.
    # A frequency "die" shows no language: the prescription's other fields do ("Timbre de
    # nicotine", "1 co"), and a French one is "once a day" for an English reader too
    fields = ("medication", "dose", "route", "frequency", "duration", "indication")
    french = written_in_french(*(p.get(name) for name in fields))

    def plain(name: str, dosing: bool = False) -> str:
        return plain_dosage(p.get(name), dosing=dosing, french_text=french)
    return str(_("Your nurse prescribed: %(what)s.", what=_join(
        [plain("medication"), plain("dose", True), plain("route", True), plain("frequency", True),
         plain("duration")]).rstrip(".")))  # "12 sem." then the sentence's stop


def renderer_specs() -> list[RendererSpec]:
    """Timeline summaries and plain-language texts for every nursing form."""
    return [
        RendererSpec(VITALS, vitals_summary, vitals_plain),
        RendererSpec(IMMUNIZATION, immunization_summary, immunization_plain),
        RendererSpec(WOUND, wound_summary, wound_plain),
        RendererSpec(ASSESSMENT, assessment_summary, assessment_plain),
        RendererSpec(PROGRESS, progress_summary),
        RendererSpec(OC_APPLICATION, oc_summary, oc_plain, template="nursing/_oc_entry.html",
                     rows=oc_rows),
        RendererSpec(PRESCRIPTION, prescription_summary, prescription_plain),
    ]
