"""Chart rules: recording, amending and listing entries, protocols and the actions they propose.

Services never commit: the view, command or job that called them commits once. Every write is
audited here; reads are audited by the caller that shows them (a page, an export), once.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import aliased

from core.audit.service import audit
from core.coop_time import local_day
from core.db import utcnow
from core.form_specs import ClinicalSummary, Finding as SpecFinding, ProposedAction, ProtocolContext
from core.i18n import _, each_language, in_every_language
from core.identity.models import Person
from core.memo import forget_when_written, kept_in_request, per_request
from core.phones import stored as phone_texts
from core.record import policy, private_part, raised_again, timeline
from core.record.forms import EntryInvalid, current_form, form_version, validate_payload
from core.record.models import (Action, BreakGlass, ConsentRule, Encounter, Entry, EntryShare,
                                Finding)
from core.registry import plugin_host, registry


class AccessDenied(PermissionError):
    """The account may not do this on this chart (views answer 403, with no health data)."""


def _person_id(person) -> int:
    return person if isinstance(person, int) else person.id


# --- writing ------------------------------------------------------------------------------

def record_entry(session, *, person, form_id: str, payload: dict, author, encounter=None,
                 confidentiality: str | None = None, member_visible: bool | None = None,
                 shared_with=(), form_version_: int | None = None,
                 workflow: str | None = None) -> Entry:
    """Validate ``payload`` with the form's schema and store a new entry (no commit).

    Raises :class:`EntryInvalid` (``messages``: field -> texts) when the payload or the
    confidentiality is not valid, or when the form is written only by a workflow
    (``FormSpec.written_by``) and ``workflow`` does not name it; :class:`AccessDenied` when
    ``author`` may not write this form in this chart. Then runs the form's protocols (findings in ``entry.new_findings``, their
    proposed actions recorded), calls ``entry_saved`` and writes the audit event.
    """
    person_id = _person_id(person)
    spec = form_version(form_id, form_version_) if form_version_ else current_form(form_id)
    if spec is None:
        raise EntryInvalid({"form_id": [str(_("This form is not available."))]})
    refuse_by_hand(spec, workflow)
    access = policy.chart_access(session, author, person_id)
    if not access.can_write(spec):
        raise AccessDenied(form_id)
    level = policy.raise_level(spec.confidentiality, confidentiality)
    if level is None:
        raise EntryInvalid({"confidentiality": [str(_("Choose this form's level or a stricter one."))]})
    data, private = private_part.split(spec, validate_payload(spec, payload))
    entry = Entry(person_id=person_id, author_id=author.id, discipline=access.discipline or
                  (spec.discipline or ""), form_id=spec.id, form_version=spec.version,
                  payload=data, confidentiality=level, status="final", created_at=utcnow(),
                  member_visible=spec.member_visible if member_visible is None else member_visible,
                  encounter_id=_encounter_id(encounter))
    entry.occurred_at = entry.created_at
    stored = _store(session, entry, shared_with, "entry.create", author)
    if private is not None:  # the answers kept apart: an entry of their own (private_part.py)
        part = _store(session, private_part.new_entry(spec, stored, private), (), "entry.create",
                      author)
        # the writer sees at once what the kept answers raised (an urgent finding among them)
        stored.new_findings = [*stored.new_findings, *part.new_findings]
    return stored


def amend_entry(session, entry: Entry, *, payload: dict, author, reason: str = "",
                confidentiality: str | None = None, member_visible: bool | None = None,
                workflow: str | None = None) -> Entry:
    """Store a corrected version of ``entry`` that supersedes it (the old one stays).

    ``workflow``: the workflow amending a form it alone writes (see ``FormSpec.written_by``)."""
    spec = form_version(entry.form_id, entry.form_version) or current_form(entry.form_id)
    if spec is None:
        raise EntryInvalid({"form_id": [str(_("This form is not available."))]})
    refuse_by_hand(spec, workflow)
    _check_amendable(session, entry, spec, author)
    level = policy.raise_level(entry.confidentiality, confidentiality)
    if level is None:
        raise EntryInvalid({"confidentiality": [str(_("Choose this form's level or a stricter one."))]})
    data, private = private_part.split(spec, validate_payload(spec, payload))
    new = _next_version(entry, status="amended", payload=data, reason=(reason or "").strip(),
                        confidentiality=level, form_version=spec.version,
                        member_visible=entry.member_visible if member_visible is None else member_visible)
    previous = private_part.part_of(session, entry, spec) if private is not None else None
    stored = _store(session, new, [s.account_id for s in entry.shares], "entry.amend", author)
    if private is not None:
        _store(session, private_part.new_entry(spec, stored, private, previous), (),
               "entry.amend" if previous else "entry.create", author)
    return stored


def mark_entered_in_error(session, entry: Entry, *, author, reason: str) -> Entry:
    """Mark ``entry`` as written in error (a reason is required); it leaves the timeline."""
    spec = form_version(entry.form_id, entry.form_version) or current_form(entry.form_id)
    if not (reason or "").strip():
        raise EntryInvalid({"reason": [str(_("Say why this entry was an error."))]})
    if spec is None:
        raise EntryInvalid({"form_id": [str(_("This form is not available."))]})
    _check_amendable(session, entry, spec, author)
    part = private_part.part_of(session, entry, spec)  # read before the new version exists
    stored = _store(session, _in_error(entry, reason), [s.account_id for s in entry.shares],
                    "entry.error", author, run_protocols=False)
    if part is not None and part.status != "entered_in_error":
        # the answers kept apart were written with it: they leave the timeline with it, or the
        # discipline would go on reading a screening its author withdrew
        _store(session, _in_error(part, reason), (), "entry.error", author, run_protocols=False)
    return stored


def _in_error(entry: Entry, reason: str) -> Entry:
    """The next version of ``entry``, marked entered in error for ``reason``."""
    return _next_version(entry, status="entered_in_error", payload=entry.payload,
                         reason=reason.strip(), confidentiality=entry.confidentiality,
                         form_version=entry.form_version, member_visible=entry.member_visible)


def written_by_hand(spec) -> bool:
    """May this form be written (or amended) through the generic form pages and the API?"""
    return not getattr(spec, "written_by", None)


def refuse_by_hand(spec, workflow: str | None) -> None:
    """Raise :class:`EntryInvalid` when ``spec`` is written only by a workflow other than
    ``workflow`` (its checks would be skipped: an OC recorded as applied with no check)."""
    if not written_by_hand(spec) and workflow != spec.written_by:
        raise EntryInvalid({"form_id": [str(_(
            "This form is written only by its own page, which runs its checks: it cannot be "
            "written or amended by hand."))]})


def _check_amendable(session, entry, spec, author) -> None:
    if is_superseded(session, entry):
        raise EntryInvalid({"_schema": [str(_("A newer version of this entry exists."))]})
    if not policy.chart_access(session, author, entry.person_id).can_amend(entry, spec):
        raise AccessDenied(entry.id)


def _next_version(entry: Entry, **values) -> Entry:
    new = Entry(person_id=entry.person_id, author_id=entry.author_id, discipline=entry.discipline,
                form_id=entry.form_id, encounter_id=entry.encounter_id, created_at=utcnow(),
                supersedes_id=entry.id, root_id=entry.lineage_id, **values)
    new.occurred_at = entry.occurred_at
    return new


def _encounter_id(encounter) -> int | None:
    if encounter is None or isinstance(encounter, int):
        return encounter
    return encounter.id


def _store(session, entry: Entry, shared_with, action: str, author, run_protocols=True) -> Entry:
    session.add(entry)
    session.flush()
    for account_id in dict.fromkeys(shared_with or ()):
        session.add(EntryShare(entry_id=entry.id, account_id=int(account_id)))
    session.flush()
    session.refresh(entry, ["shares"])
    entry.new_findings = run_entry_protocols(session, entry, author) if run_protocols else []
    plugin_host().call_each("entry_saved", entry=entry, session=session)
    audit(session, action, person_id=entry.person_id, entry_id=entry.id, actor=author,
          detail={"form_id": entry.form_id, "form_version": entry.form_version})
    return entry


def start_encounter(session, *, person, author, kind: str = "visit",
                    appointment_ref: int | None = None) -> Encounter:
    """Open a visit that the entries written during it are grouped under."""
    practitioner = getattr(author, "practitioner", None)
    encounter = Encounter(person_id=_person_id(person), kind=kind, created_by_id=author.id,
                          discipline=practitioner.discipline if practitioner else "",
                          appointment_ref=appointment_ref, started_at=utcnow())
    session.add(encounter)
    session.flush()
    return encounter


# --- protocols -------------------------------------------------------------------------------

def _applicable(spec, today) -> bool:
    return ((spec.valid_from is None or spec.valid_from <= today)
            and (spec.valid_until is None or today <= spec.valid_until))


def run_entry_protocols(session, entry: Entry, author) -> list[Finding]:
    """Evaluate the protocols of the entry's form, store their findings and proposed actions."""
    host = plugin_host()
    now = utcnow()
    person = session.get(Person, entry.person_id)
    summary = clinical_summary(session, entry.person_id)
    stored = []
    for spec in registry().protocols_for(entry.form_id):
        if not _applicable(spec, local_day(now)):
            continue
        context = ProtocolContext(session=session, person=person, summary=summary, entry=entry,
                                  payload=entry.payload, viewer=author, now=now)
        for finding in _evaluate(host, spec, context):
            stored.append(_store_finding(session, entry, spec, finding, author))
    return stored


def evaluate_chart_protocols(session, person, viewer, summary_items=None, forms=None) -> list:
    """Protocols without forms, evaluated live when the chart is opened (not stored).

    ``summary_items``: the person's active summary lines when the caller has read them already;
    ``forms``: the registry of the active plugins, when the caller has it.
    """
    from core.record.summary import summary_of

    host = plugin_host()
    now = utcnow()
    live = [spec for spec in (forms or registry()).chart_protocols if _applicable(spec, local_day(now))]
    if not live:  # no summary to read when no protocol would look at it
        return []
    context = ProtocolContext(session=session, person=person, viewer=viewer, now=now,
                              summary=summary_of(session, person.id, summary_items))
    return [finding for spec in live for finding in _evaluate(host, spec, context)]


def _evaluate(host, spec, context) -> list:
    try:
        return list(spec.evaluate(context) or [])
    except Exception as exc:  # a broken protocol never loses the entry, and is never silent
        host.record_fault(host.owner_of("register_protocols", spec.id) or "core",
                          "register_protocols", exc)
        return [could_not_run(spec, on_entry=context.entry is not None)]


def could_not_run(spec, *, on_entry: bool) -> SpecFinding:
    """What the person acting sees when a safety check raised: it did not run, do it by hand.

    On a saved entry it also asks the coordinator (a task) to have the check repaired; on the
    chart (evaluated at each opening) the finding alone is shown, so no task piles up.
    """
    name = spec.title or spec.id
    actions = ()
    if on_entry:
        actions = (ProposedAction(
            "task", _("Safety check “%(name)s” could not run: have it repaired", name=name),
            to_role="coordinator", due_in=timedelta(hours=4), detail=_(
                "It raised an error instead of giving its answer. Until it is repaired, the "
                "practitioners must do this check by hand.")),)
    return SpecFinding(spec.id, "urgent",
                       _("The safety check “%(name)s” could not run: do it by hand.", name=name),
                       _("It failed with an error, so it said nothing about this person. Check "
                         "by hand what it checks; the coordinator is told."),
                       actions, {"fault": True})


def _texts(finding) -> dict:
    """A finding's message and advice in every language, with the numbers to call they write
    (``Finding.phones``, each label in that language: a page links them, ``core.phones``)."""
    texts = in_every_language(message=finding.message, advice=finding.advice)
    phones = getattr(finding, "phones", ())
    if phones:
        for locale, kept in each_language(lambda _locale: phone_texts(phones)).items():
            texts[locale]["phones"] = kept
    return texts


def _store_finding(session, entry, spec, finding, author) -> Finding:
    # the writer's language in message/advice, and every language in texts: a finding is read
    # later by colleagues who work in another language
    row = Finding(entry_id=entry.id, person_id=entry.person_id, protocol_id=spec.id,
                  protocol_version=str(spec.version), severity=finding.severity,
                  message=str(finding.message), advice=str(finding.advice or ""),
                  data=dict(finding.data or {}), created_at=utcnow(),
                  texts=_texts(finding))
    session.add(row)
    session.flush()
    for proposed in finding.actions:
        due_at = row.created_at + proposed.due_in if proposed.due_in else None
        kept = (raised_again.open_like(session, entry.person_id, spec.id, proposed)
                if proposed.one_open else None)
        if kept is not None:
            raised_again.raise_again(session, kept, due_at=due_at, message=finding.message,
                                     at=row.created_at)
            continue
        action = Action(person_id=entry.person_id, kind=proposed.kind, title=str(proposed.title),
                        texts=in_every_language(title=proposed.title, detail=proposed.detail),
                        detail=str(proposed.detail or ""), to_discipline=proposed.to_discipline,
                        to_role=proposed.to_role, entry_id=entry.id, finding_id=row.id,
                        protocol_id=spec.id, created_by_id=author.id, created_at=row.created_at,
                        due_at=due_at)
        session.add(action)
        session.flush()
        plugin_host().call_each("action_proposed", action=action, proposed=proposed,
                                session=session)
    return row


# --- reading ---------------------------------------------------------------------------------

def is_superseded(session, entry: Entry) -> bool:
    return session.execute(select(exists().where(Entry.supersedes_id == entry.id))).scalar()


#: built once: making an alias of a mapped class costs milliseconds, and the query is run often
_NEWER = aliased(Entry, name="newer_entry")


def current_entries_query(person_id: int):
    """Current versions (not superseded) of a person's entries, newest first."""
    return (select(Entry).where(Entry.person_id == person_id, timeline.not_superseded(_NEWER))
            .order_by(Entry.occurred_at.desc(), Entry.id.desc()))


def entries_for(session, person_id: int, form_ids=None, viewer=None, *,
                include_errors: bool = False, access=None, rows: bool = False) -> list[Entry]:
    """Current versions of the person's entries, newest first; only those ``viewer`` may read.

    Entries marked entered in error are left out unless ``include_errors``. A caller that has
    just read ``viewer``'s :class:`~core.record.policy.ChartAccess` may pass it as ``access``
    (saves reading consent and break-glass again). The caller audits the read it shows.
    ``rows``: read them as :class:`~core.record.timeline.EntryRow` (the chart: every entry,
    its author's name and visit in one statement, no ORM objects), kept for the request as
    the entries are (a panel asking next reads the same rows).
    """
    key = ("entries", person_id, include_errors)
    params = {"person": person_id}
    if form_ids and key in (kept := kept_in_request()):
        # the page has read them all already (the chart, then a plugin's panel)
        wanted = set(form_ids)
        entries = [e for e in kept[key] if e.form_id in wanted]
    elif form_ids:
        entries = list(session.scalars(_entries_statement(include_errors, True),
                                       {**params, "forms": list(form_ids)}))
    elif rows:
        entries = per_request(key, lambda: timeline.current_rows(session, person_id,
                                                                 include_errors))
    else:
        entries = per_request(key, lambda: list(session.scalars(
            _entries_statement(include_errors, False), params)))
    if viewer is None:
        return list(entries)  # a copy: the request's list stays as read
    if access is None or access.account is not viewer or access.person_id != person_id:
        access = policy.chart_access(session, viewer, person_id)
    return access.readable(entries)


@cache
def _entries_statement(include_errors: bool, by_form: bool):
    """:func:`current_entries_query` with parameters, built once per shape (charts ask often)."""
    query = current_entries_query(bindparam("person"))
    if by_form:
        query = query.where(Entry.form_id.in_(bindparam("forms", expanding=True)))
    return query if include_errors else query.where(Entry.status != "entered_in_error")


# What a request has read is read again once it writes: an entry (the timeline), a consent
# rule or a break-glass grant (the access decision of policy.chart_access, the open grant)
forget_when_written((Entry, EntryShare), "entries")
forget_when_written((BreakGlass, ConsentRule), "chart_access", "break_glass")


def history(session, entry: Entry) -> list[Entry]:
    """Every version of the entry, oldest first."""
    root = entry.lineage_id
    return list(session.execute(select(Entry).where((Entry.id == root) | (Entry.root_id == root))
                                .order_by(Entry.id)).scalars())


def findings_for(session, person_id: int, *, viewer=None, entry_ids=None) -> list[Finding]:
    """Stored protocol findings of the person's current entries (those ``viewer`` may read)."""
    visible = {e.id for e in entries_for(session, person_id, viewer=viewer)}
    if entry_ids is not None:
        visible &= set(entry_ids)
    if not visible:
        return []
    return list(session.execute(select(Finding).where(Finding.entry_id.in_(visible))
                                .order_by(Finding.id.desc())).scalars())


def clinical_summary(session, person_id: int) -> ClinicalSummary:
    """The shared summary (problems, medications, allergies, pregnancy, breastfeeding)."""
    from core.record.summary import summary_of

    return summary_of(session, person_id)
