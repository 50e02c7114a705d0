"""The shared clinical summary: problems, medications (natural health products included),
allergies, pregnancy and breastfeeding. Items are added and ended, each change audited and told
to active plugins (``summary_changed``).

A medication's ``code`` may be its WHO ATC code written ``ATC:N06AB06`` (the convention
:class:`core.form_specs.SummaryItem` documents); such a code is checked for the ATC shape, so an
interaction check never reads a mistyped one as "no interaction"."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from sqlalchemy import bindparam, select

from core import form_specs
from core.audit.service import audit
from core.db import utcnow
from core.form_specs import ClinicalSummary
from core.i18n import _
from core.memo import forget_when_written, per_request, remember
from core.record.forms import EntryInvalid
from core.record.models import SUMMARY_KINDS, SummaryItem
from core.registry import plugin_host

PREGNANCY_VALUES = ("pregnant", "not_pregnant", "unknown")
BREASTFEEDING_VALUES = ("yes", "no", "unknown")
#: an ATC code at any of its five levels: N, N06, N06A, N06AB, N06AB06
ATC_SHAPE = re.compile(r"^[A-Z](\d\d([A-Z]([A-Z](\d\d)?)?)?)?$")


def summary_kind_name(kind: str) -> str:
    """A summary line's kind in the reader's words ("Medication"), else its code: a proposed
    line's (the chart's imported panel) and each line of the CSV export."""
    names = {"problem": _("Problem"), "medication": _("Medication"), "allergy": _("Allergy"),
             "pregnancy": _("Pregnancy"), "breastfeeding": _("Breastfeeding")}
    return str(names.get(kind, kind))


def summary_value(line) -> str:
    """A line's value (a summary item or a proposed line); pregnancy and breastfeeding
    statuses, stored as codes, in the reader's words."""
    words = {"pregnant": _("Pregnant"), "not_pregnant": _("Not pregnant"),
             "unknown": _("Unknown"), "yes": _("Yes"), "no": _("No")}
    if line.kind in ("pregnancy", "breastfeeding"):
        return str(words.get(line.label, line.label))
    return line.label


def active_items(session, person_id: int) -> list[SummaryItem]:
    """Items still true (not ended), oldest first.

    Read once per request (the chart, then a plugin's panel through ``clinical_summary``) and
    read again as soon as a summary line is written in it."""
    if any(isinstance(obj, SummaryItem) for obj in (*session.new, *session.dirty)):
        return _read_active(session, person_id)  # flushed by the read, which forgets the memo
    return list(per_request(("summary_items", person_id),
                            lambda: _read_active(session, person_id)))


def none_active(person_id: int) -> None:
    """The person has no line still true (a caller asked, in this request): the request's
    :func:`active_items` (and the plugins' ``clinical_summary``) then answer without reading."""
    remember(("summary_items", person_id), ())


def _read_active(session, person_id: int) -> list[SummaryItem]:
    return list(session.scalars(_active_statement(), {"person": person_id}))


forget_when_written((SummaryItem,), "summary_items")


@cache
def _active_statement():
    return (select(SummaryItem).where(SummaryItem.person_id == bindparam("person"),
                                      SummaryItem.ended_at.is_(None)).order_by(SummaryItem.id))


def summary_of(session, person_id: int, items=None) -> ClinicalSummary:
    """The summary as the frozen :class:`core.form_specs.ClinicalSummary` plugins read.

    ``items``: the person's :func:`active_items` when the caller has them already."""
    lists: dict[str, list] = {"problem": [], "medication": [], "allergy": []}
    pregnancy, breastfeeding = "unknown", None
    for item in active_items(session, person_id) if items is None else items:
        if item.kind in lists:
            lists[item.kind].append(form_specs.SummaryItem(
                item.kind, item.label, item.code, item.natural_product, item.detail, item.since))
        elif item.kind == "pregnancy":
            pregnancy = item.label
        elif item.kind == "breastfeeding":
            breastfeeding = {"yes": True, "no": False}.get(item.label)
    return ClinicalSummary(tuple(lists["problem"]), tuple(lists["medication"]),
                           tuple(lists["allergy"]), pregnancy, breastfeeding)


def add_summary_item(session, *, person_id: int, kind: str, label: str, author, code: str = "",
                     natural_product: bool = False, detail: str = "", since: date | None = None,
                     entry_id: int | None = None) -> SummaryItem:
    """Add a line to the summary; a pregnancy or breastfeeding status replaces the previous one."""
    label = (label or "").strip()
    if kind not in SUMMARY_KINDS:
        raise EntryInvalid({"kind": [str(_("Choose one of the options."))]})
    allowed = {"pregnancy": PREGNANCY_VALUES, "breastfeeding": BREASTFEEDING_VALUES}.get(kind)
    if not label or (allowed and label not in allowed) or len(label) > 300:
        raise EntryInvalid({"label": [str(_("This field is required."))]})
    code = _normalised_code(code)
    if allowed:
        for old in active_items(session, person_id):
            if old.kind == kind:
                end_summary_item(session, old, author=author)
    item = SummaryItem(person_id=person_id, kind=kind, label=label, code=code,
                       natural_product=bool(natural_product) and kind == "medication",
                       detail=(detail or "").strip(), since=since, entry_id=entry_id,
                       recorded_by_id=author.id if author else None, recorded_at=utcnow())
    session.add(item)
    session.flush()
    audit(session, "summary.add", person_id=person_id, actor=author,
          detail={"kind": kind, "item_id": item.id})
    _tell_plugins(session, item, "added", author)
    return item


def _normalised_code(code: str) -> str:
    """``atc:n06ab06`` -> ``ATC:N06AB06``; an ATC code of the wrong shape is refused."""
    code = (code or "").strip()
    system, sep, value = code.partition(":")
    if sep and system.strip().upper() == "ATC":
        value = value.strip().upper()
        if not ATC_SHAPE.match(value):
            raise EntryInvalid({"code": [str(_("An ATC code looks like N06AB06 (a letter, two "
                                               "digits, two letters, two digits)."))]})
        code = f"ATC:{value}"
    if len(code) > 80:
        raise EntryInvalid({"code": [str(_("Keep the code under 80 characters."))]})
    return code


def _tell_plugins(session, item: SummaryItem, change: str, author) -> None:
    plugin_host().call_each("summary_changed", item=item, change=change, actor=author,
                            session=session)


def end_summary_item(session, item: SummaryItem | int, *, author) -> SummaryItem:
    """Mark a line as no longer true (problem resolved, medication stopped); it is kept.

    ``item``: the line, or its id (a plugin finds it with :func:`active_items`). Ending a line
    already ended changes nothing; an id that is no line raises :class:`EntryInvalid`. The
    change is audited and told to plugins (``summary_changed`` with ``change="ended"``)."""
    if not isinstance(item, SummaryItem):
        found = session.get(SummaryItem, item) if isinstance(item, int) else None
        if found is None:
            raise EntryInvalid({"item": [str(_("This line is not in the summary."))]})
        item = found
    if item.ended_at is None:
        item.ended_at = utcnow()
        item.ended_by_id = author.id if author else None
        session.flush()
        audit(session, "summary.end", person_id=item.person_id, actor=author,
              detail={"kind": item.kind, "item_id": item.id})
        _tell_plugins(session, item, "ended", author)
    return item
