"""The home page as a work list: what the signed-in person acts on next, by what they hold.

Sections are :class:`~core.specs.PanelSpec` values (``data["items"]``: ``text``, ``url``,
``note``, ``urgent``), urgent ones first. Core builds those of its areas, each shown only to
whoever holds the permission it needs; plugins add theirs through the ``home_sections`` hook.
"""

from __future__ import annotations

from flask import url_for
from markupsafe import Markup, escape
from sqlalchemy import func, select

from core import db
from core.audit.models import AuditEvent
from core.db import utcnow
from core.i18n import _, gettext, ngettext
from core.identity.models import Person
from core.registry import plugin_host
from core.security.access import has_permission
from core.specs import PanelSpec
from core.typography import elide

#: lines shown per section (the full list is one link away)
SHOWN = 8
#: a day's visits read for the home page (a coop's busiest day has fewer)
DAY_READ = 200


def item(text, url=None, note="", urgent=False) -> dict:
    """One line of a section (a ``Markup`` note, :func:`dated`, is kept as it is)."""
    return {"text": str(text), "url": url,
            "note": note if isinstance(note, Markup) else str(note or ""), "urgent": urgent}


def dated(message: str, **values) -> Markup:
    """``message`` translated, its values filled in, each date or time among them (a value
    ``nowrap`` wrapped) kept on one line: on a phone "2026-12-08 14 h 30" broke at its hyphens
    and spaces, the day on one line, the time on the next."""
    text = gettext(message)
    if "e %(" in text:  # French elision, as every translated text has it (core.i18n.fill)
        text = elide(text, values)
    return Markup(escape(text)) % values


def sections(viewer) -> list[PanelSpec]:
    """Every section of ``viewer``'s home, urgent ones first (each builder checks access)."""
    found = [s for build in (_my_tasks, _my_day, _walk_in, _reception, _renewals,
                             _recent_charts, _reviews)
             for s in build(viewer)]
    host = plugin_host()
    found += [s for _name, result in host.call_each("home_sections", viewer=viewer)
              for s in result]
    return sorted(found, key=lambda s: s.severity != "urgent")


def _my_tasks(viewer) -> list[PanelSpec]:
    from core.record import consent

    if not has_permission("record.tasks.view"):
        return []
    sess = db.session()
    urgent = consent.urgent_action_ids(sess, viewer)
    actions = sorted(consent.routed_to(sess, viewer), key=lambda a: a.id not in urgent)
    now = utcnow()
    lines = [item(a.shown_title, url_for("record.chart_page", person_id=a.person_id),
                  _due_note(a, now), a.id in urgent) for a in actions[:SHOWN]]
    title = (ngettext("My open tasks (%(count)s, %(num)s urgent)",
                      "My open tasks (%(count)s, %(num)s urgent)", len(urgent),
                      count=len(actions)) if urgent else _("My open tasks (%(count)s)",
                                                          count=len(actions)))
    return [PanelSpec("core.my_tasks", title, data={
        "items": lines, "empty": _("Nothing routed to you."),
        "more": (_("All my tasks"), url_for("record.tasks"))},
        severity="urgent" if urgent else "info")]


def _due_note(action, now) -> Markup | str:
    """Whose task and when it is due; "late" once that time has passed (an urgent
    assessment due within the hour read the same an hour after its time as before it)."""
    from core.web.formatting import due, nowrap

    person = address_name(action.person)
    if action.due_at is None:
        return person
    message = ("%(person)s · late, due %(when)s" if action.late(now)
               else "%(person)s · due %(when)s")
    return dated(message, person=person, when=nowrap(due(action.due_at)))


def _my_day(viewer) -> list[PanelSpec]:
    from core.coop_time import local_day_bounds, today
    from core.scheduling.models import CANCELLED, Appointment, Resource
    from core.web.formatting import clocks

    if not has_permission("core.schedule.view"):
        return []
    sess = db.session()
    resource = sess.scalar(select(Resource).where(Resource.account_id == viewer.id))
    if resource is None and not has_permission("core.schedule.book"):
        return []
    start, end = local_day_bounds(today())
    query = select(Appointment).where(Appointment.starts_at >= start, Appointment.starts_at < end,
                                      Appointment.status != CANCELLED)
    if resource is not None:  # a practitioner: their own day; the desk: the coop's day
        query = query.where(Appointment.practitioner_id == resource.id)
    visits = list(sess.scalars(query.order_by(Appointment.starts_at).limit(DAY_READ)))
    chart = has_permission("record.chart.view")
    shown = still_ahead(visits)  # their times written as the agenda writes them ("09 h 00")
    held = _people_of(sess, shown, desk=resource is None)  # noqa: F841 (kept while lines are drawn)
    lines = [item(_("%(time)s — %(person)s", time=time, person=address_name(v.person)),
                  url_for("record.chart_page", person_id=v.person_id) if chart else None,
                  _visit_note(v, desk=resource is None))
             for v, time in zip(shown, clocks([v.starts_at for v in shown]), strict=True)]
    title = _("My appointments today") if resource is not None else _("Today's agenda")
    total = len(visits) if len(visits) < DAY_READ else sess.scalar(
        select(func.count()).select_from(query.subquery()))
    left_out = (total or 0) - len(shown)
    more = (_("The day in the calendar"), url_for("scheduling.day"))
    if left_out > 0:  # the panel shows eight: a busy desk saw no sign of the others
        more = (ngettext("%(num)s more visit today", "%(num)s more visits today", left_out),
                # a practitioner's own day; the desk's, every practitioner's (one held a few)
                url_for("scheduling.day", resource=resource.id, date=today().isoformat())
                if resource is not None else url_for("scheduling.coop_day",
                                                     date=today().isoformat()))
    return [PanelSpec("core.my_day", title, data={
        "items": lines, "empty": _("No appointment today."), "more": more})]


def _people_of(sess, visits: list, desk: bool) -> list:
    """The shown visits' people (and, for the desk, their practitioners), read in one
    statement each. Read one by one as the lines were drawn, they cost a round trip per visit:
    16 for a desk's eight lines. Returned to be held: the session keeps only what is held."""
    from core.scheduling.models import Resource

    held = list(sess.scalars(select(Person).where(Person.id.in_({v.person_id for v in visits}))))
    wanted = {v.practitioner_id for v in visits if v.practitioner_id} if desk else set()
    if wanted:
        held += sess.scalars(select(Resource).where(Resource.id.in_(wanted)))
    return held


def still_ahead(visits: list) -> list:
    """The day's :data:`SHOWN` visits a busy desk needs, in time order: every one not over yet
    (booked, or the person here), then, with the room left, the last ones over. The first
    eight of the day, as it was, showed only finished morning visits all afternoon."""
    from core.scheduling.models import ARRIVED, BOOKED

    ahead = [v for v in visits if v.status in (BOOKED, ARRIVED)][:SHOWN]
    over = [v for v in visits if v.status not in (BOOKED, ARRIVED)]
    room = SHOWN - len(ahead)
    return sorted(ahead + (over[-room:] if room else []), key=lambda v: (v.starts_at, v.id))


def _visit_note(visit, desk: bool) -> str:
    """What the day's line says of a visit: for the desk, whom it is with; once the person
    came or the time passed, what became of it ("Sur place", "Terminé", "Absence", as the
    agenda says). It said "arrivée" of anyone who had arrived, a man too, and of a visit
    long over as of one under way."""
    from core.scheduling.labels import STATUS
    from core.scheduling.models import BOOKED

    parts = [visit.practitioner.name if desk and visit.practitioner else "",
             str(STATUS.get(visit.status, "")) if visit.status != BOOKED else ""]
    return " · ".join(part for part in parts if part)


def _walk_in(viewer) -> list[PanelSpec]:
    from core.scheduling import walkin
    from core.scheduling.extra_models import TICKET_WAITING
    from core.scheduling.labels import waiting_for

    if not has_permission("core.schedule.walkin"):
        return []
    now = utcnow()
    waiting = [t for t in walkin.queue(db.session()) if t.status == TICKET_WAITING]
    lines = [item(_("No. %(number)s — %(person)s", number=t.number,
                    person=address_name(t.person) if t.person else t.label),
                  None, waiting_for(walkin.waiting_time(t, now)),
                  t.priority <= 2) for t in waiting[:SHOWN]]
    return [PanelSpec("core.walk_in", _("Walk-in queue (%(count)s waiting)", count=len(waiting)),
                      data={"items": lines, "empty": _("No one is waiting."),
                            "more": (_("Run the queue"), url_for("scheduling_walkin.queue"))},
                      severity="urgent" if any(i["urgent"] for i in lines) else "info")]


def _reception(viewer) -> list[PanelSpec]:
    if not has_permission("core.people.edit"):
        return []
    return [PanelSpec("core.find_person", _("Find or register a person"),
                      template="home/_find_person.html")]


def _renewals(viewer) -> list[PanelSpec]:
    """Dues members announced from the portal, for whoever records them: a new member's first
    dues (``register.awaits_first_dues``: nothing to renew, the household's page says so too)
    apart from the renewals to confirm."""
    from core.identity.register import awaits_first_dues, renewals_asked
    from core.web.formatting import day, nowrap

    if not has_permission("core.people.edit"):
        return []
    asked = renewals_asked(db.session())
    first = [(m, on) for m, on in asked if awaits_first_dues(m)]
    renewals = [(m, on) for m, on in asked if not awaits_first_dues(m)]
    panels = []
    if first:
        panels.append(_dues_panel("core.first_dues_announced", first, ngettext(
            "First dues to record (%(num)s)", "First dues to record (%(num)s)", len(first)),
            lambda on: dated("announced on %(day)s", day=nowrap(day(on)))))
    if renewals:
        panels.append(_dues_panel("core.renewals_asked", renewals, ngettext(
            "Renewal to confirm (%(num)s)", "Renewals to confirm (%(num)s)", len(renewals)),
            lambda on: dated("asked on %(day)s", day=nowrap(day(on)))))
    return panels


def _dues_panel(code: str, asked: list, title: str, note) -> PanelSpec:
    """A panel of households that announced their dues, each with ``note(day asked)``."""
    return PanelSpec(code, title, severity="warning", data={"items": [
        item(m.household.name, url_for("identity.household", household_id=m.household_id),
             note(on)) for m, on in asked[:SHOWN]]})


def _recent_charts(viewer) -> list[PanelSpec]:
    if not has_permission("record.chart.view"):
        return []
    sess = db.session()
    ids: list[int] = []
    for person_id in sess.scalars(select(AuditEvent.person_id).where(
            AuditEvent.actor_id == viewer.id, AuditEvent.action == "chart.read",
            AuditEvent.outcome == "success", AuditEvent.person_id.is_not(None))
            .order_by(AuditEvent.id.desc()).limit(60)):
        if person_id not in ids:
            ids.append(person_id)
        if len(ids) == 5:
            break
    if not ids:
        return []
    people = {p.id: p for p in sess.scalars(select(Person).where(Person.id.in_(ids)))}
    lines = [item(address_name(people[i]), url_for("record.chart_page", person_id=i))
             for i in ids if i in people]
    return [PanelSpec("core.recent_charts", _("Charts I opened recently"),
                      data={"items": lines})]


def _reviews(viewer) -> list[PanelSpec]:
    from core.record import consent

    if not has_permission("record.privacy.review"):
        return []
    pending = consent.pending_reviews(db.session())
    if not pending:
        return []
    lines = [item(_("%(who)s opened the chart of %(person)s in an emergency",
                    who=g.account.display_name, person=address_name(g.person)),
                  url_for("record.reviews")) for g in pending[:SHOWN]]
    return [PanelSpec("core.reviews", _("Emergency accesses to review (%(count)s)",
                                        count=len(pending)),
                      data={"items": lines}, severity="warning")]


def address_name(person) -> str:
    """How a person is addressed (their chosen name and pronouns), "" for nobody."""
    return person.addressed_name if person is not None else ""

