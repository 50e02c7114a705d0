"""The plugin contract: every hook a plugin may implement, grouped by phase.

Hooks *declare*: they return frozen dataclasses from :mod:`core.specs` (what a plugin declares
to core's services) and :mod:`core.form_specs` (what a chart form and its protocols are), or
Blueprints and click commands, and core acts on them. Results are collected from every plugin
and keyed by id, so order never matters. Core calls each implementation separately (see
:meth:`core.plugins.PluginHost.call_each`): a plugin that raises is logged and shown to admins
as faulty, and every other plugin still runs. A plugin whose declarations break the contract
(wrong prefix, duplicate id, misspelled hook) is refused at start-up with a message naming it.

Declaration hooks (``plugin_info`` to ``register_demo_practitioners``) are called once at start-up for
every installed plugin, active or not; core filters by activation when it uses them. Event and
contribution hooks are called only for active plugins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:  # types only: the contract must not import the modules that use it
    from random import Random

    import click
    from flask import Blueprint
    from sqlalchemy.orm import Session

    from core.form_specs import (FhirMappingSpec, FormSpec, ProposedAction, ProtocolSpec,
                                 RendererSpec)
    from core.identity.models import Account, Person
    from core.record.models import Action, Entry, SummaryItem as SummaryRow
    from core.scheduling.models import Appointment
    from core.specs import (AnnualSection, AppointmentTypeSpec, DecisionRecord, DemoPractitioner,
                            JobSpec, NavItem, PanelSpec, PermissionSpec, PersonLink, PluginInfo,
                            ReportSpec, RetentionSpec, RoleSpec, ShareableKind,
                            VolunteerProgramSpec)

hookspec = pluggy.HookspecMarker("soin")

# --- Declarations (collected once at start-up) -------------------------------------------


@hookspec
def plugin_info() -> PluginInfo:
    """Return a :class:`core.specs.PluginInfo` describing the plugin.

    Called at start-up. Required: a plugin without it is refused. Its ``name`` must equal the
    entry-point name. Shown in the service catalogue and by ``soin plugins list``.
    """


@hookspec
def register_permissions() -> list[PermissionSpec]:
    """Return a list of :class:`core.specs.PermissionSpec` (codes ``<plugin>.*``).

    Called at start-up. A permission seen for the first time is granted to its
    ``default_roles``; after that, admins decide. Core's own permissions come through this hook.
    """


@hookspec
def register_roles() -> list[RoleSpec]:
    """Return a list of :class:`core.specs.RoleSpec` the plugin adds (codes ``<plugin>.*``).

    Called at start-up; created in the database by ``soin db upgrade`` or the first request.
    Core's roles (admin, coordinator, reception, practitioner, volunteer, member) come this way too.
    """


@hookspec
def register_forms() -> list[FormSpec]:
    """Return a list of :class:`core.form_specs.FormSpec`: the chart forms the plugin brings.

    Called at start-up. Core renders each form from its marshmallow schema, validates it on the
    server, stores its payload with the form id and version, and offers it only while the
    plugin is active. Two forms with the same (id, version) refuse the later plugin.
    """


@hookspec
def register_entry_renderers() -> list[RendererSpec]:
    """Return a list of :class:`core.form_specs.RendererSpec`: summary line and plain language.

    Called at start-up. Used on the timeline, the entry page and the member portal. Without a
    renderer an entry shows its form title and the member sees no plain-language text.
    """


@hookspec
def register_protocols() -> list[ProtocolSpec]:
    """Return a list of :class:`core.form_specs.ProtocolSpec`: decision support.

    Called at start-up. A protocol with ``form_ids`` is evaluated once, after an entry of one of
    them is saved: its findings are stored with the entry and their proposed actions recorded
    as tasks or referrals. A protocol without ``form_ids`` is evaluated live at each opening of
    the chart: its findings are shown, never stored, and its proposed actions are not recorded
    (no duplicate at each opening). A protocol that raises is logged and its plugin marked
    faulty; the entry is still saved, and the reader is told the check could not run.
    """


@hookspec
def register_reports() -> list[ReportSpec]:
    """Return a list of :class:`core.specs.ReportSpec`.

    Called at start-up. Core lists the reports the reader's permissions allow, runs them, and
    renders HTML, CSV and charts. ``run`` must only read.
    """


@hookspec
def register_volunteer_programs() -> list[VolunteerProgramSpec]:
    """Return a list of :class:`core.specs.VolunteerProgramSpec`: the programs whose volunteer
    shifts the plugin publishes (the market, the kitchen, the garden...).

    Called at start-up. A shift is published for one program (``core.api.publish_shift``); the
    hours ledger and its reports count hours by program, under its title. Codes start with the
    plugin's name and are unique; an inactive plugin's programs keep their hours (by code).
    """


@hookspec
def register_shareable_kinds() -> list[ShareableKind]:
    """Return a list of :class:`core.specs.ShareableKind`: the protocols the plugin lets coops
    share as a commons (collective prescriptions, monographs, crisis lines...).

    Called at start-up. Core puts what ``shared`` lists in the coop's signed package and on its
    public page; when another coop's package is received, core shows each item's changes
    against ``current`` and, once someone adopts it explicitly, calls ``adopt``. Ids start
    with the plugin's name. A kind whose callback raises is marked faulty; the others still
    work.
    """


@hookspec
def register_appointment_types() -> list[AppointmentTypeSpec]:
    """Return a list of :class:`core.specs.AppointmentTypeSpec` (individual or group).

    Called at start-up. Bookable only while the plugin is active; existing appointments stay.
    """


@hookspec
def register_blueprints() -> list[Blueprint]:
    """Return a list of Flask Blueprints whose names start with the plugin's name.

    Called at start-up. Mounted under ``/p/<plugin>/``; every request to them answers 404 while
    the plugin is inactive. Each view must declare its access rule (``core.api.require`` etc.).
    """


@hookspec
def register_nav_items() -> list[NavItem]:
    """Return a list of :class:`core.specs.NavItem`.

    Called at start-up. Shown while the plugin is active, to those holding the item's permission.
    """


@hookspec
def register_jobs() -> list[JobSpec]:
    """Return a list of :class:`core.specs.JobSpec`.

    Called at start-up. Scheduled by ``soin worker`` (APScheduler with its SQLAlchemy job store);
    a job of an inactive plugin is skipped when it fires. Jobs must be idempotent.
    """


@hookspec
def register_fhir_mappings() -> list[FhirMappingSpec]:
    """Return a list of :class:`core.form_specs.FhirMappingSpec`.

    Called at start-up. The export validates each resource (``fhir.resources``) before it leaves.
    """


@hookspec
def register_retention_rules() -> list[RetentionSpec]:
    """Return a list of :class:`core.specs.RetentionSpec`: how long the records of the plugin's
    discipline are kept after the last service (one rule per discipline).

    Called at start-up. The last service of a discipline is the later of its last entry and the
    last appointment or group session the person attended with one of its practitioners. A
    daily job lists the charts whose every discipline's period has passed for the privacy
    officer, who approves their destruction; a discipline with no rule keeps the coop's default
    (5 years). Cite the regulation and article in ``basis``; set ``verified=False`` while no
    text confirms the period (the officer's page marks it "to confirm"). Declared whether or
    not the plugin is active: records outlive activation.
    """


@hookspec
def register_commands() -> list[click.Command]:
    """Return a list of click commands: ``soin <plugin> <command>`` (read when ``soin`` starts)."""


@hookspec
def register_demo_practitioners() -> list[DemoPractitioner]:
    """Return a list of :class:`core.specs.DemoPractitioner`: the plugin's demo accounts.

    Called at start-up. ``soin demo`` creates each (role practitioner, the declared discipline);
    a discipline no plugin declares one for gets an account named after its code.
    """


# --- Contributions (called for active plugins, at the moment core needs them) ------------


@hookspec
def demo_data(session: Session, rng: Random, people: list[Person]) -> None:
    """Add plausible demo rows for the plugin, using ``session`` (no commit).

    Called by ``soin demo`` for active plugins, after core created households, people and
    accounts. ``rng`` is a seeded :class:`random.Random`; ``people`` the demo persons.
    """


@hookspec
def chart_panel_reads(viewer: Account) -> dict[str, Any]:
    """Return the questions about a person that the plugin's chart panel asks ``viewer``, as scalar
    SQL expressions (a scalar subquery, ``exists()``) by name, each name starting with the plugin's.

    An expression may use ``bindparam("person")`` (the person's id), ``bindparam("viewer")`` (the
    viewer's account id), ``bindparam("today")`` and ``bindparam("year")`` (the coop's day and its
    year). Core asks every active plugin's questions in one statement when a chart is drawn and
    passes the answers to :func:`chart_panels` as ``reads``. Return the same expressions on every
    call (build them once; none for a viewer who gets no panel): core keeps the statement made of
    them. Questions the database refuses mark the plugin faulty: core's notice replaces its panels,
    shown with its :func:`chart_panels_unanswered`.
    """


@hookspec
def chart_panels(person: Person, viewer: Account, reads: dict[str, Any]) -> list[PanelSpec]:
    """Return a list of :class:`core.specs.PanelSpec` to show on ``person``'s chart.

    Called when ``viewer`` opens the chart (core checked access). Only reads; should not query: ask
    through :func:`chart_panel_reads` (``reads``: answers by name). A call sending a statement is
    redone under a savepoint (PostgreSQL: 2 more). One that raises is marked faulty; a notice shows.
    """


@hookspec
def chart_panels_unanswered(person: Person, viewer: Account) -> list[PanelSpec]:
    """Return the panels shown instead of :func:`chart_panels`, beside core's notice, when the
    database refused the plugin's questions: only what needs no answer, saying so (psychology's
    built-in crisis lines). Never guess an answer. ``person``, ``viewer``: as for chart_panels.
    """


@hookspec
def check_entry_access(entry: Entry, viewer: Account, action: str) -> bool | None:
    """Return False to deny ``viewer`` the ``action`` on ``entry``, None for no opinion.

    Called for every access decision on a chart entry after core's own rules allowed it. It can
    only narrow access, never widen it: any False denies. A plugin that raises denies too
    (fail closed).
    """


@hookspec
def person_links(person: Person, viewer: Account | None) -> list[PersonLink]:
    """Return a list of :class:`core.specs.PersonLink` to show on ``person``'s page.

    Called when reception's page about a person is shown to ``viewer``; return only links
    ``viewer`` may follow (check their permissions with ``core.api.has_permission``). Core adds
    the chart, consent choices and appointments this way. Must only read.
    """


# --- Events ---------------------------------------------------------------------------------


@hookspec
def entry_saved(entry: Entry, session: Session) -> None:
    """React to a chart entry being saved (inside the same transaction; no commit).

    Called for active plugins after core validated and stored the entry. ``entry`` is the new
    version (a first entry, an amendment or an entered-in-error mark); ``session`` the
    request's session, to add rows that commit or roll back with the entry.
    """


@hookspec
def action_proposed(action: Action, proposed: ProposedAction, session: Session) -> None:
    """React to a task or referral a protocol finding just proposed (same transaction).

    ``action`` is the stored ``record_actions`` row (person, kind, routing, entry it came from);
    ``proposed`` the :class:`core.form_specs.ProposedAction` the finding carried (its ``need`` too).
    Lets the program a referral is routed to open its own follow-up without importing the
    plugin that proposed it. Use ``session``, never commit.
    """


@hookspec
def appointment_status_changed(appointment: Appointment, old_status: str | None, new_status: str,
                               session: Session) -> None:
    """React to an appointment's status change (inside the same transaction; no commit).

    ``appointment`` changed from ``old_status`` (None for a new booking) to ``new_status`` (booked,
    arrived, done, no_show, cancelled); ``session`` is the request's session. For active plugins.
    """


@hookspec
def person_merged(kept: Person, merged: Person, session: Session) -> None:
    """Move the plugin's rows from person ``merged`` to person ``kept`` (same transaction).

    Use ``session``, never commit. Optional: core then repoints any row left on ``merged``.
    """


@hookspec
def chart_destroyed(person: Person, session: Session) -> dict[str, int] | None:
    """Delete the plugin's clinical rows about ``person``: the privacy officer approved the
    destruction of their chart, past its retention period (same transaction).

    Return ``{table: rows deleted}`` for the tombstone (or None). Called for every installed
    plugin, active or not, before core deletes the chart's entries, encounters, findings,
    tasks and summary; never for a chart under legal hold. Use ``session``, never commit; a
    plugin that raises cancels the whole destruction. Keep what is not the chart (membership,
    votes, programme attendance kept under its own rule).
    """


@hookspec
def person_data_export(person: Person, session: Session) -> dict[str, list[dict[str, Any]]]:
    """Return a dict ``{table title: list of row dicts}`` of the plugin's data about ``person``.

    For the Law 25 portability export, which the person reads in a spreadsheet: titles, keys
    and values in the reader's words (no codes). Read with ``session``, never write.
    """


@hookspec
def plugin_activated(name: str, session: Session) -> None:
    """Called once when plugin ``name`` is activated (for every active plugin, including it).

    ``session`` is the activation's transaction: seed settings or rows there, never commit.
    """


@hookspec
def plugin_deactivated(name: str, session: Session) -> None:
    """Called once when plugin ``name`` is deactivated. Its data must stay untouched.

    Told to the plugins still active, not to ``name`` itself (inactive plugins are not
    called). ``session`` is the deactivation's transaction (no commit).
    """


@hookspec
def summary_changed(item: SummaryRow, change: str, actor: Account | None, session: Session) -> None:
    """React to a line of the shared clinical summary being added or ended (same transaction).

    ``item`` is core's summary row (``person_id``, ``kind``, ``label``, ``code``,
    ``natural_product``, ``ended_at``); ``change`` is ``"added"`` or ``"ended"``; ``actor``
    the account that changed it (None for a command or a job); ``session`` the request's
    session, never committed here. Called for active plugins: an interaction check re-run when
    a medication is added, for example. A plugin that raises is marked faulty and the change
    is still saved, so a safety check that must not fail silently catches its own errors.
    """


@hookspec
def annual_report_sections(session: Session, year: int) -> list[AnnualSection]:
    """Return a list of :class:`core.specs.AnnualSection`: the plugin's part of the annual
    report to the general assembly for calendar ``year`` (an ``int``).

    Called when the annual report is drawn (its page, its CSV, its printable version), for
    active plugins only; core's own sections (members, visits, walk-in waits, group activities,
    membership finances) come through the same hook. Must only read ``session``; anonymous
    figures only, counts from 1 to 4 hidden. A plugin that raises is named on the report as a
    section that could not be drawn; the other sections still show.
    """


@hookspec
def decision_records(session: Session) -> list[DecisionRecord]:
    """Return a list of :class:`core.specs.DecisionRecord`: the decisions the plugin keeps (an
    assembly's numbered resolutions...) that a change in the coop may cite.

    Called when the services page is shown, for active plugins: activating or retiring a
    service cites the resolution that decided it, offered from these records, and a citation
    equal to a record's ``citation`` is shown as a link to it. Must only read ``session``.
    """


@hookspec
def home_sections(viewer: Account) -> list[PanelSpec]:
    """Return a list of :class:`core.specs.PanelSpec` to add to ``viewer``'s home work list.

    The home page is what a person works from: core shows the signed-in account's urgent and
    open tasks, today's appointments, the walk-in queue, recently opened charts and, for a
    coordinator, what needs them. A plugin adds what its people act on (an OC about to expire
    for whoever manages the register). Show only what ``viewer`` may see (check permissions);
    ``data={"items": [{"text", "url", "note", "urgent"}], "more": (label, url)}`` renders as a
    list (or give ``template``); ``severity="urgent"`` puts the section first. Must only read.
    """
