"""What a chart form is, and the decision support around it: the frozen dataclasses of the
shared care record's contract.

A form (:class:`FormSpec`: a marshmallow schema and its confidentiality), how its entries read
(:class:`RendererSpec`) and leave as FHIR (:class:`FhirMappingSpec`), the protocols that
evaluate them (:class:`ProtocolSpec`, returning :class:`Finding` values that may propose
actions), and what a protocol reads (:class:`ProtocolContext`, the shared
:class:`ClinicalSummary`). What a plugin declares to core's other services is
:mod:`core.specs`, whose rules hold here too (ids prefixed with the plugin's name, titles
translated lazily).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from core.specs import SpecError, check_prefix

CONFIDENTIALITY_LEVELS = ("team", "discipline", "sealed")
SEVERITIES = ("info", "warning", "urgent")


@dataclass(frozen=True)
class PrivatePart:
    """Answers of a form kept more confidential than the rest of it (``FormSpec.private_part``).

    Core stores them as an entry of their own (see :mod:`core.record.private_part`): the form
    ``form_id`` (the plugin declares it, ``written_by="core.private_part"``, with the moved keys
    and an ``of_entry`` integer field), confidentiality ``discipline``, kept by ``discipline``
    whoever wrote it. ``fields`` are keys of the validated payload: the answers, and whatever
    the form derives from them (a total, a flag), so nothing of them stays shared."""

    form_id: str
    fields: tuple[str, ...]
    discipline: str


@dataclass(frozen=True)
class FormSpec:
    """A chart form: a marshmallow schema whose field metadata drives rendering.

    Field metadata keys understood by core: ``label``, ``help``, ``unit``, ``choices`` (a list of
    ``(value, label)``), ``range`` (``(min, max)``), ``widget`` (``textarea`` or ``radio`` for a
    ``String``; the other inputs follow the field's type), ``key_labels`` (a field holding a
    mapping, a ``Dict``: what a reader reads for each key, ``{key: label}``, a key of a nested
    mapping by its path ``"outer.inner"``; or a function ``payload -> {key: label}``, called in
    the reader's language, when the keys depend on the entry). The FHIR export names each key's
    item by it (its ``linkId`` stays the key); a key without a label keeps the key, and a
    ``Nested`` schema's keys are named by its fields' ``label``. ``value_labels``: the words
    of coded values, ``{key path: {code: words}}`` (the field's own values at ``""``), or a
    function ``payload -> {key path: {code: words}}`` when they depend on the entry; the FHIR
    export answers such a value as a ``valueCoding``, its ``code`` the stored value, its
    ``display`` the words (a value without words keeps its type). Which marshmallow fields a
    form may use, and how each is posted (an unticked ``Boolean`` is ``False``): "Chart forms"
    in the guide above.
    """

    id: str
    version: int
    title: Any
    schema: type
    discipline: str | None
    confidentiality: str = "team"
    #: may the person read entries of this form in their portal?
    member_visible: bool = True
    description: Any = ""
    #: FHIR / coding hints, free for the plugin's own use
    extra: dict[str, Any] = field(default_factory=dict)
    #: the endpoint of the plugin's workflow that alone writes this form (an OC application
    #: is written by the OC page after its checks): such a form is never offered nor accepted
    #: as a generic form, on the pages or through the API; None: written by hand
    written_by: str | None = None
    #: answers kept apart at a stricter level than the entry (None: the whole entry is one)
    private_part: PrivatePart | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "form")
        if self.private_part is not None:
            check_prefix(plugin, self.private_part.form_id, "form")
        if self.confidentiality not in CONFIDENTIALITY_LEVELS:
            raise SpecError(f"form {self.id}: confidentiality {self.confidentiality!r}")
        if not isinstance(self.version, int) or self.version < 1:
            raise SpecError(f"form {self.id}: version must be a positive integer")


@dataclass(frozen=True)
class RendererSpec:
    """How entries of one form are shown: timeline summary and the member's plain language."""

    form_id: str
    #: a function ``payload -> str`` giving the one-line summary on the timeline
    summary: Callable[[dict[str, Any]], str]
    #: a function ``payload -> str`` giving the plain-language text for the member portal
    plain_language: Callable[[dict[str, Any]], str] | None = None
    #: None: every version of the form
    version: int | None = None
    #: a Jinja template to render the full entry (default: a generic field list)
    template: str | None = None
    #: a function ``payload -> [(label, value)]`` giving the entry's lines where the generic
    #: field list would not do (values the form keeps as codes or per language): the printed
    #: chart, the CSV export and the member's record read it (default: every field, labelled)
    rows: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.form_id, "renderer form")


@dataclass(frozen=True)
class FhirMappingSpec:
    """Maps entries of one form to FHIR R4 resources (plain dicts, validated by core)."""

    form_id: str
    to_resources: Callable[[Any, Any], list[dict[str, Any]]]

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.form_id, "FHIR mapping form")


@dataclass(frozen=True)
class ProposedAction:
    """What a finding proposes; core records it and routes it to the right people."""

    kind: str  # "task" or "referral"
    title: Any
    #: the discipline (referral) or role (task) that should act
    to_discipline: str | None = None
    to_role: str | None = None
    due_in: timedelta | None = None
    detail: Any = ""
    #: a referral's social need (food, housing, income, transport, utilities, safety, isolation,
    #: legal...), so the program receiving it files it without knowing who proposed it
    need: str = ""
    #: one open at a time: when the person already has an open action of this protocol, kind and
    #: recipients, core keeps that one instead of adding a second (a second positive screen
    #: while the first assessment is still to do): its deadline is brought forward when this
    #: one's is sooner, never pushed later, and it says on which day it was raised again
    one_open: bool = False


@dataclass(frozen=True)
class PhoneNumber:
    """A number to call that a text holds: ``label`` (who answers, translated), ``number`` as the
    text writes it ("1 866 APPELLE (1-866-277-3553)"), ``dial`` what a phone dials
    ("tel:+18662773553"). A page draws the number as a ``tel:`` link kept on one line
    (:mod:`core.phones`): in a finding's ``phones``, or in any text given by ``with_phones``."""

    label: Any
    number: str
    dial: str


@dataclass(frozen=True)
class Finding:
    """The result of a protocol: shown on the chart and right after an entry is saved."""

    protocol_id: str
    severity: str
    message: Any
    #: what to do, in words a practitioner acts on ("urgent medical assessment within the hour")
    advice: Any = ""
    actions: tuple[ProposedAction, ...] = ()
    #: extra facts for display (a score, a band)
    data: dict[str, Any] = field(default_factory=dict)
    #: the numbers to call its message or advice writes (a crisis line): kept with the finding
    #: in each language, each a ``tel:`` link on the page; one they do not write is added
    phones: tuple[PhoneNumber, ...] = ()


@dataclass(frozen=True)
class ProtocolSpec:
    """Decision support: ``evaluate(context) -> list[Finding]``.

    ``context`` is a :class:`core.api.ProtocolContext` with the person, the entry just saved
    (or None on the chart), the shared clinical summary and the session.
    """

    id: str
    version: str
    title: Any
    evaluate: Callable[[Any], list[Finding]]
    #: forms whose saving triggers the protocol; empty: evaluated on the chart only
    form_ids: tuple[str, ...] = ()
    authority: Any = ""
    signatories: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None
    source: str = ""

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "protocol")


# --- What core hands to plugins (read-only views of the record) -------------------------------


@dataclass(frozen=True)
class SummaryItem:
    """One line of the shared clinical summary (a problem, a medication, an allergy).

    ``code`` is ``SYSTEM:VALUE`` or empty: ATC for medications (``ATC:B01AA03``, normalised and
    checked by core, read by its interaction checks); for problems and allergies the system
    the writer has (``ICD-10:M54.5``, ``SNOMED:279039007``), stored as written.
    """

    kind: str  # "problem" | "medication" | "allergy"
    label: str
    #: a code when one is known ("ICD-10:N39.0", "ATC:B01AA03", "NHP:...")
    code: str = ""
    #: medications: True for natural health products (herbal, supplements)
    natural_product: bool = False
    detail: str = ""
    since: date | None = None


@dataclass(frozen=True)
class ClinicalSummary:
    """The shared clinical summary every discipline reads: problems, medications, allergies,
    pregnancy and breastfeeding status."""

    problems: tuple[SummaryItem, ...] = ()
    medications: tuple[SummaryItem, ...] = ()
    allergies: tuple[SummaryItem, ...] = ()
    #: "pregnant" | "not_pregnant" | "unknown"
    pregnancy: str = "unknown"
    breastfeeding: bool | None = None

    def has(self, kind: str, needle: str) -> bool:
        """Is there a ``kind`` item whose code or label contains ``needle`` (case-insensitive)?"""
        items = {"problem": self.problems, "medication": self.medications,
                 "allergy": self.allergies}[kind]
        needle = needle.casefold()
        return any(needle in i.code.casefold() or needle in i.label.casefold() for i in items)


@dataclass(frozen=True)
class ProtocolContext:
    """What a protocol's ``evaluate`` receives."""

    session: Any
    person: Any
    summary: ClinicalSummary
    #: the entry just saved (None when evaluated on the chart)
    entry: Any = None
    #: its validated payload
    payload: dict[str, Any] | None = None
    #: the account acting (a practitioner), when there is one
    viewer: Any = None
    now: Any = None
