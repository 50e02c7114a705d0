"""What the chart pages show, assembled once per request (the views stay thin)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask import abort, g, request
from sqlalchemy import bindparam, select
from werkzeug.exceptions import Forbidden

from core import db
from core.audit.service import audit
from core.coop_time import local_day, local_day_bounds, today
from core.i18n import locale_code
from core.identity.models import Account, Person
from core.memo import per_app
from core.record import panels, policy, rendering
from core.record.addresses import addresses
from core.record.models import Action, Encounter, Entry, Finding
from core.record.service import entries_for, written_by_hand
from core.record.timeline import EntryRow
from core.record.timeline_lines import write_lines
from core.record.write_menu import write_menu
from core.registry import plugin_host, registry
from core.web.formatting import DateTimes
from core.web.lifecycle import commit_reads, get_or_404, row_id

#: entries drawn per timeline page, newest first (a long-followed person has hundreds)
PAGE_SIZE = 50

# Statements every chart page sends, built once (building one costs more than running it)
_IDS = bindparam("ids", expanding=True)
_NAMES = select(Account.id, Account.display_name).where(Account.id.in_(_IDS))
_FINDINGS = select(Finding).where(Finding.entry_id.in_(_IDS)).order_by(Finding.id)
_VISITS = select(Encounter).where(Encounter.id.in_(_IDS))
_OPEN_ACTIONS = select(Action).where(Action.person_id == bindparam("person"),
                                     Action.status == "open").order_by(Action.id)

@dataclass
class Card:
    """One entry on the timeline, with what its line shows worked out once."""

    entry: object
    spec: object
    summary: str
    author: str
    findings: list = field(default_factory=list)
    #: the form's title (the form id when no active or installed plugin declares it)
    title: str = ""
    #: on the chart's timeline only: the line, up to its findings
    #: (:mod:`core.record.timeline_lines`)
    line: str = ""


@dataclass
class Filters:
    discipline: str = ""
    form_id: str = ""
    start: date | None = None
    end: date | None = None

    @classmethod
    def from_args(cls, args) -> Filters:
        return cls(args.get("discipline", "").strip(), args.get("form", "").strip(),
                   _date(args.get("from")), _date(args.get("to")))

    def keep(self, entry) -> bool:
        if not ((not self.discipline or entry.discipline == self.discipline)
                and (not self.form_id or entry.form_id == self.form_id)):
            return False
        if self.start is None and self.end is None:
            return True  # no day to work out (most charts are opened without filters)
        # the day as the coop lives it: 21:00 in Montreal is already tomorrow in UTC
        day = local_day(entry.occurred_at)
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def keeps_all(self) -> bool:
        """No filter given: every entry is kept."""
        return not (self.discipline or self.form_id or self.start or self.end)

    def as_detail(self) -> dict:
        return {k: str(v) for k, v in vars(self).items() if v}


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def deny(person_id: int | None, action: str, *, entry_id: int | None = None, access=None):
    """Audit a refused access, commit that event alone, answer 403 (no health data).

    A practitioner who could break the glass gets the emergency-access form instead of the
    plain error page (still a 403: nothing from the chart is shown).
    """
    sess = db.session()
    sess.rollback()
    audit(sess, action, person_id=person_id, entry_id=entry_id, outcome="denied")
    commit_reads()  # the refusal's audit event alone: the action's own writes were rolled back
    if access is not None and access.can_break_glass:
        raise BreakGlassOffer(sess.get(Person, person_id))
    abort(403)


class BreakGlassOffer(Forbidden):
    """A 403 that shows the emergency-access form (see the blueprint's error handler)."""

    def __init__(self, person):
        super().__init__()
        self.person = person


def readable_entry(entry_id: int, action: str):
    """(entry, access) when the viewer may read entry ``entry_id``; otherwise an audited 403.

    A missing entry gets the very same answer as one the viewer may not read, so ids cannot be
    probed to learn which entries exist (the attempt is in the trail either way).
    """
    sess = db.session()
    entry = sess.get(Entry, entry_id)
    access = policy.chart_access(sess, g.user, entry.person_id) if entry is not None else None
    if entry is None or not access.can_read(entry):
        deny(entry.person_id if entry is not None else None, action, entry_id=entry_id)
    return entry, access


def open_chart(person_id: int, action: str = "chart.read"):
    """(person, access) for a staff chart page, or a 403 that was audited."""
    return _opened(get_or_404(Person, person_id), action)


def _opened(person, action: str):
    access = policy.chart_access(db.session(), g.user, person.id)
    if not access.can_open:
        deny(person.id, action, access=access)
    return person, access


def open_timeline(person_id: int):
    """:func:`open_chart` for the chart's page: (person, access, reads, refused), the person
    read with the panels' questions and the viewer's consent rules and grant
    (:func:`core.record.panels.chart_reads`). Reading them before the access check costs a
    refused viewer nothing: nothing read is shown, and the refusal rolls the request back
    before it is audited."""
    key = row_id(person_id)
    person, reads, refused = (panels.chart_reads(db.session(), key, g.user) if key is not None
                              else (None, {}, frozenset()))
    if person is None:
        abort(404)
    policy.decided(db.session(), g.user, person.id, reads)
    return (*_opened(person, "chart.read"), reads, refused)


def authors(entries) -> dict[int, str]:
    if entries and all(isinstance(e, EntryRow) for e in entries):
        return {e.author_id: e.author_name for e in entries if e.author_name is not None}
    ids = {e.author_id for e in entries}
    if not ids:
        return {}
    return dict(db.session().execute(_NAMES, {"ids": list(ids)}).all())


def cards(entries, any_findings: bool = True, specs: _Specs | None = None) -> list[Card]:
    """Timeline cards with their summary line, author and stored findings (not looked for
    when ``any_findings`` is False: the person has none). ``specs``: the page's, if it has
    them already."""
    names = authors(entries)
    found: dict[int, list] = {}
    if entries and any_findings:
        for row in db.session().scalars(_FINDINGS, {"ids": [e.id for e in entries]}):
            found.setdefault(row.entry_id, []).append(row)
    specs = specs or _Specs()
    host = plugin_host()
    out = []
    for entry in entries:
        spec = specs.spec(entry)
        out.append(Card(entry, spec, rendering.summary_line(entry, spec, specs.registry, host),
                        names.get(entry.author_id, "?"), found.get(entry.id, []),
                        specs.title(entry)))
    return out


class _Specs:
    """Form declarations by (form id, version), looked up once per page, and their titles in
    the page's language, worked out once per application and language (a title is a lazy
    translation: some ten calls each time it is made a string)."""

    def __init__(self):
        self.registry = registry(active_only=False)
        self.forms = self.registry.forms
        #: (form id, version) -> (its declaration, its title)
        self.titles: dict[tuple[str, int], tuple] = per_app("form_titles", locale_code(), dict)

    def spec(self, entry):
        return self.forms.get((entry.form_id, entry.form_version))

    def title(self, entry) -> str:
        key = (entry.form_id, entry.form_version)
        spec, found = self.forms.get(key), self.titles.get(key)
        if found is None or found[0] is not spec:  # kept for another declaration of the form
            found = self.titles[key] = (spec, str(spec.title) if spec else entry.form_id)
        return found[1]


def timeline_cards(entries, names: dict[str, str], any_findings: bool = True,
                   specs: _Specs | None = None) -> list[Card]:
    """:func:`cards` with what the chart's timeline line shows: the entry's address, its time
    in the coop's zone, its discipline in words (``names``: the page's, by code)."""
    from core.record.consent import discipline_name

    out = cards(entries, any_findings, specs)
    if not out:
        return out
    address = addresses("record.entry_page", "entry_id")
    when = DateTimes("medium")
    entries = [card.entry for card in out]
    write_lines(out, [address(e.id) for e in entries], [when(e.occurred_at) for e in entries],
                [names[e.discipline] if e.discipline in names else discipline_name(e.discipline)
                 for e in entries])
    return out


@dataclass(frozen=True)
class Visit:
    """A visit as the timeline heads its group."""

    id: int
    started_at: object


def grouped(items: list[Card]) -> list[tuple[object, list[Card]]]:
    """Cards grouped by encounter (visit), groups in the order of their newest entry."""
    keys = {card.entry.encounter_id for card in items} - {None}
    if all(isinstance(card.entry, EntryRow) for card in items):
        # the rows hold their visit's start: all the timeline shows of a visit
        visits = {card.entry.encounter_id: Visit(card.entry.encounter_id,
                                                 card.entry.visit_started_at)
                  for card in items if card.entry.encounter_id is not None}
    else:
        # the visits in one query, not one per group
        visits = ({v.id: v for v in db.session().scalars(_VISITS, {"ids": list(keys)})}
                  if keys else {})
    groups: list[tuple[object, list[Card]]] = []
    index: dict[int, int] = {}
    for card in items:
        key = card.entry.encounter_id
        if key is not None and key in index:
            groups[index[key]][1].append(card)
            continue
        if key is not None:
            index[key] = len(groups)
        groups.append((visits.get(key) if key else None, [card]))
    return groups


def chart_context(person, access, reads: dict, refused: frozenset[str]) -> dict:
    """Everything chart.html shows; audits the read with the filters used. ``reads`` and
    ``refused``: the panels' answers and the plugins left out (:func:`open_timeline`)."""
    from core.record.consent import discipline_name
    from core.record.service import evaluate_chart_protocols
    from core.record.summary import active_items, none_active

    sess = db.session()
    # the forms of the plugins active now, and of every installed one (an entry's form may
    # be a deactivated plugin's), asked once for the page
    active, specs = registry(), _Specs()
    filters = Filters.from_args(request.args)
    visible = entries_for(sess, person.id, viewer=g.user, access=access, rows=True)
    shown = visible if filters.keeps_all() else [e for e in visible if filters.keep(e)]
    visible_ids = {e.id for e in visible}
    if not reads["record.summary"]:
        none_active(person.id)  # the panels and the summary below need not read it
    actions = [a for a in sess.scalars(_OPEN_ACTIONS, {"person": person.id})
               if a.entry_id is None or a.entry_id in visible_ids] \
        if reads["record.open_actions"] else []
    summary = active_items(sess, person.id)  # read before the panels that show it (kept)
    shown_panels = panels.chart_panels(person, g.user, reads, refused)
    menu = write_menu([f for f in access.writable(active.latest.values()) if written_by_hand(f)],
                      person.id, visible)
    page = _page_number(request.args.get("page"))
    first = (page - 1) * PAGE_SIZE
    audit(sess, "chart.read", person_id=person.id,
          detail={**filters.as_detail(), **({"page": page} if page > 1 else {})} or None)
    disciplines = sorted({e.discipline for e in visible if e.discipline})
    names = {code: discipline_name(code) for code in disciplines}
    return {"person": person, "access": access,
            "groups": grouped(timeline_cards(shown[first:first + PAGE_SIZE], names,
                                             reads["record.findings"], specs)),
            "page": page, "more": len(shown) > first + PAGE_SIZE, "total": len(shown),
            "filters": filters, "summary": summary,
            "live_findings": evaluate_chart_protocols(sess, person, g.user, summary,
                                                      active),
            "actions": actions, "panels": shown_panels, "write_menu": menu,
            "disciplines": disciplines, "discipline_names": names,
            "visit_time": DateTimes("medium"),
            "forms": sorted({(e.form_id, specs.title(e)) for e in visible}, key=lambda f: f[1])}


def _page_number(value) -> int:
    """The timeline page asked for (1 when missing or not a number)."""
    return int(value) if value and value.isascii() and value.isdigit() and 0 < int(value) < 10_000 else 1


def latest_forms() -> list:
    """The newest version of every form of an active plugin."""
    return list(registry().latest.values())


def recent_encounters(person_id: int) -> list[Encounter]:
    """Visits of the last week, to file a new entry under."""
    since = local_day_bounds(today() - timedelta(days=7))[0]
    return list(db.session().execute(select(Encounter).where(
        Encounter.person_id == person_id, Encounter.started_at >= since)
        .order_by(Encounter.started_at.desc())).scalars())
