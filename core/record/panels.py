"""The plugins' panels on a chart: their questions asked in one statement, their panels drawn,
and a notice in place of the panel of a plugin that failed (the clinician is told a panel is
missing rather than left to think there is nothing to show)."""

from __future__ import annotations

from sqlalchemy import bindparam, exists, select, true
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from core.coop_time import today
from core.db import SavepointIfAsked, session, utcnow
from core.i18n import _
from core.identity.models import Person
from core.record.models import Action, Finding, SummaryItem
from core.record.policy import access_reads
from core.registry import plugin_host
from core.specs import PanelSpec

#: the chart's own questions, asked with the panels' (:func:`chart_reads`): most people have no
#: open action and no finding, and many no summary line, and then none of them is read. A
#: finding's person is its entry's (written from the entry, moved with it when two people are
#: merged).
CORE_READS = {
    "record.open_actions": exists().where(Action.person_id == bindparam("person"),
                                          Action.status == "open"),
    "record.findings": exists().where(Finding.person_id == bindparam("person")),
    "record.summary": exists().where(SummaryItem.person_id == bindparam("person"),
                                     SummaryItem.ended_at.is_(None))}


def chart_reads(sess, person_id: int, viewer) -> tuple[Person | None, dict, frozenset[str]]:
    """The person (None when there is none) with the answers to the chart's own questions about
    them (its panels', then ``viewer``'s access: :func:`core.record.policy.access_reads`) and to
    the active plugins' for ``viewer`` (``chart_panel_reads``), by name, read in one statement;
    and the plugins whose questions the database refused (left out, marked faulty). Read first
    in the chart's request: a refusal of the kept statement rolls the request's transaction
    back before asking again."""
    by_plugin = plugin_host().call_each("chart_panel_reads", viewer=viewer)
    asked = {name: expression for _plugin, reads in by_plugin for name, expression in reads.items()}
    asked.update(CORE_READS)  # core's own last: a plugin's name cannot stand in for them
    asked.update(access_reads())
    names, expressions = tuple(asked), tuple(asked.values())
    day = today()
    params = {"person": person_id, "viewer": getattr(viewer, "id", None), "now": utcnow(),
              "today": day, "year": day.year}
    kept = _READS.get(names)
    if kept is None or any(a is not b for a, b in zip(kept[0], expressions, strict=True)):
        kept = _READS[names] = (expressions, *_statement(sess, by_plugin, params))
    elif kept[3]:
        # a refusal may pass (a lock timeout, a lost connection, a table renamed for a
        # migration): the refused plugins are asked again at every chart until answered,
        # those answered before are trusted as the kept statement trusts them
        kept = _READS[names] = (expressions, *_statement(sess, by_plugin, params, kept[3]))
    _expressions, statement, answered, refused = kept
    try:
        found = sess.execute(statement, params).one_or_none()
    except SQLAlchemyError:
        # a plugin's table went away after the statement was kept (a migration run while
        # serving): rather than failing every chart, the request starts its transaction again
        # (nothing is written before this read, the chart's first) and each plugin is asked
        # apart, as at the first chart, so only the panel that cannot be read gives way to its
        # notice. A second refusal is core's own: it fails the page as before.
        sess.rollback()
        kept = _READS[names] = (expressions, *_statement(sess, by_plugin, params))
        _expressions, statement, answered, refused = kept
        found = sess.execute(statement, params).one_or_none()
    if found is None:
        return None, {}, refused
    person, *answers = found
    return person, dict(zip(answered, answers, strict=True)), refused


def _statement(sess, by_plugin, params, retried: frozenset[str] | None = None) -> tuple:
    """The statement of core's questions and of every plugin's that can be asked, the names it
    answers and the plugins left out. Each plugin's are first asked on their own, under a
    savepoint, once per statement built (``retried``: only those plugins', the others were
    answered before): one that fails (a missing table, a wrong expression) is left out and its
    plugin marked faulty (its panel then gives way to a notice), rather than failing every
    chart."""
    asked: dict = {}
    refused = set()
    for plugin, reads in by_plugin:
        if not reads:
            continue
        try:
            if retried is None or plugin in retried:
                with sess.begin_nested():
                    sess.execute(_asking(reads.values()), params).one()
        except SQLAlchemyError as exc:
            plugin_host().record_fault(plugin, "chart_panel_reads", exc)
            refused.add(plugin)
            continue
        asked.update(reads)
    asked.update(CORE_READS)
    asked.update(access_reads())
    return _with_person(asked.values()), tuple(asked), frozenset(refused)


def _asking(expressions):
    """One row answering every question of ``expressions``, in their order (short labels:
    see :func:`_with_person`)."""
    return select(*(e.label(f"a{n}") for n, e in enumerate(expressions)))


def _with_person(expressions):
    """The person's row beside the answers (the page's first read, one round trip less). The
    answers are a derived table: a question naming the people's table stays uncorrelated.
    Short names throughout: psycopg keeps the parsed text of statements up to 4,096 bytes
    only, and parses a longer one again on every execution (some 400 calls a chart)."""
    answers = _asking(expressions).subquery("q")
    person = aliased(Person, name="p")
    return (select(person, *answers.c).join_from(person, answers, true())
            .where(person.id == bindparam("person")))


#: by the names asked: the expressions, the statement built of them, the names it answers and
#: the plugins left out (plugins return the same expressions each time; the names change when
#: a plugin is activated or deactivated, and with the viewer: a plugin asks only for its panel's).
#: An entry with plugins left out is built again at the next chart (:func:`chart_reads`).
_READS: dict[tuple, tuple] = {}


def chart_panels(person, viewer, reads: dict, refused: frozenset[str] = frozenset()) -> list:
    """Every active plugin's panels for ``person``'s chart, in the plugins' order. A plugin
    whose ``chart_panels`` raises (marked faulty) or whose questions were ``refused`` shows a
    notice instead: the clinician knows a panel is missing. A refused plugin's
    ``chart_panels_unanswered`` follow its notice (what must show without answers).

    A panel asks the database through ``chart_panel_reads``, not here; one that sends a
    statement all the same is drawn again under a savepoint (:class:`core.db.SavepointIfAsked`),
    so that its failure costs its panel only, not the chart (on PostgreSQL a failed statement
    aborts the transaction; on SQLite it does not, and no savepoint is taken)."""
    def notice(plugin: str) -> list:
        return [fault_notice(plugin)]

    with SavepointIfAsked(session()) as guard:
        def run(plugin, call, **kwargs):
            if plugin in refused:
                return [*notice(plugin), *_unanswered(plugin, guard, person, viewer)]
            return guard.call(call, **kwargs)

        shown = plugin_host().call_each("chart_panels", fault=notice, run=run, person=person,
                                        viewer=viewer, reads=reads)
    return [panel for _plugin, panels in shown for panel in panels]


def _unanswered(plugin: str, guard: SavepointIfAsked, person, viewer) -> list:
    """``plugin``'s panels for a chart its questions could not be asked for (never its
    ``chart_panels``, which would read the missing answers as answers); one that raises is
    marked faulty, its notice left alone."""
    host = plugin_host()
    for name, call in host.implementations("chart_panels_unanswered"):
        if name == plugin:
            try:
                return list(guard.call(call, person=person, viewer=viewer) or ())
            except Exception as exc:
                host.record_fault(plugin, "chart_panels_unanswered", exc)
    return []


def fault_notice(plugin: str) -> PanelSpec:
    """The warning shown where ``plugin``'s panel would be."""
    loaded = plugin_host().plugins.get(plugin)
    title = getattr(getattr(loaded, "info", None), "title", None)
    line = (_("The %(title)s panel could not be shown; the administrator has been told.",
              title=title) if title else
            _("A panel could not be shown; the administrator has been told."))
    return PanelSpec(f"{plugin}.fault", title or _("Panel"), lines=(line,), severity="warning")
