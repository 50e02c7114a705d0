"""The frozen dataclasses that hooks return: what a plugin *declares* to core's services.

Who the plugin is, its permissions and roles, menus, reports, appointment types, jobs, panels
and links, demo accounts, retention rules, volunteer programs and the protocols it shares as a
commons. What a chart form is (its schema, renderers, protocols and their findings, FHIR
mappings, the clinical summary protocols read) is :mod:`core.form_specs`.

Every declaration carries an ``id`` or ``code`` prefixed with the plugin's name
(``nursing.vital_signs``), so two plugins can never collide and core can tell who declared what.
Titles are lazy translated strings (``_`` from :func:`core.api.make_gettext`), evaluated in the
reader's language when shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

PLUGIN_KINDS = ("discipline", "program")
NAV_SECTIONS = ("main", "admin", "portal")


class SpecError(ValueError):
    """A declaration that breaks the contract; the plugin that made it is refused at start-up."""


def check_prefix(plugin: str, value: str, what: str) -> None:
    """Refuse ``value`` (an id or code, named ``what`` in the message) unless it starts with
    ``<plugin>.``."""
    if not value.startswith(f"{plugin}."):
        raise SpecError(f"{what} {value!r} must start with '{plugin}.'")


@dataclass(frozen=True)
class PluginInfo:
    """Who the plugin is: shown in the service catalogue, used to activate it."""

    name: str
    title: Any
    description: Any
    version: str
    kind: str = "discipline"
    #: the discipline code practitioners enable (usually the plugin's name); None for programs
    discipline: str | None = None
    requires_core: str = ">=0.1"
    #: a marshmallow schema class for the plugin's settings (optional)
    settings_schema: type | None = None

    def validate(self, plugin: str) -> None:
        if self.name != plugin:
            raise SpecError(f"plugin_info().name is {self.name!r}, expected {plugin!r}")
        if self.kind not in PLUGIN_KINDS:
            raise SpecError(f"kind {self.kind!r} not in {PLUGIN_KINDS}")


@dataclass(frozen=True)
class PermissionSpec:
    """A permission code that roles can be given (``<plugin>.<what>``)."""

    code: str
    title: Any
    description: Any = ""
    #: roles that receive it when the permission first appears (admins can change it after)
    default_roles: tuple[str, ...] = ()

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.code, "permission")


@dataclass(frozen=True)
class RoleSpec:
    """A role a plugin adds (for example a market volunteer)."""

    code: str
    title: Any
    description: Any = ""
    #: may a holder of this role ever see clinical data? Volunteers: never.
    clinical: bool = False
    #: ``(username, display name)`` of the demo coop's account holding this role (none: no
    #: account), so each role can be tried on the demo
    demo_account: tuple[str, str] | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.code, "role")


@dataclass(frozen=True)
class ReportTable:
    """What a report returns: translated column titles and rows of plain values."""

    columns: tuple[Any, ...]
    rows: list[tuple[Any, ...]]
    #: optional chart: {"type": "bar"|"line", "x": column index, "y": [column indexes]}
    chart: dict[str, Any] | None = None
    notes: tuple[Any, ...] = ()


@dataclass(frozen=True)
class ReportSpec:
    """A report: ``run(session, params) -> ReportTable``; HTML, CSV and charts come from core."""

    id: str
    title: Any
    run: Callable[[Any, dict[str, Any]], ReportTable]
    permission: str
    description: Any = ""
    params_schema: type | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "report")


@dataclass(frozen=True)
class AppointmentTypeSpec:
    """A kind of appointment the coop can book."""

    code: str
    title: Any
    duration: timedelta
    discipline: str | None = None
    #: 1: an individual visit; more: a group session with that capacity
    capacity: int = 1
    #: may members book it themselves from the portal (the coop can still switch it off)
    bookable_online: bool = False

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.code, "appointment type")
        if self.capacity < 1 or self.duration <= timedelta(0):
            raise SpecError(f"appointment type {self.code}: capacity and duration must be > 0")


@dataclass(frozen=True)
class NavItem:
    """A menu entry, shown only to people who hold ``permission`` and, when the entry has a
    ``visible(account)`` predicate, for whom it returns True (a page some holders of the
    permission only read, and have no use for in their menu). The predicate is asked once per
    page, with the signed-in account (None when nobody is); one that raises hides the entry
    and marks the plugin faulty. It only shortens the menu: the page still checks access."""

    id: str
    title: Any
    endpoint: str
    section: str = "main"
    permission: str | None = None
    order: int = 100
    visible: Callable[[Any], bool] | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "nav item")
        if self.section not in NAV_SECTIONS:
            raise SpecError(f"nav item {self.id}: section {self.section!r}")
        if self.visible is not None and not callable(self.visible):
            raise SpecError(f"nav item {self.id}: visible must be a function of the account")


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job; ``func(app)`` must be idempotent (a restart may run it twice)."""

    id: str
    func: Callable[[Any], None]
    trigger: str = "interval"
    trigger_args: dict[str, Any] = field(default_factory=lambda: {"hours": 24})
    title: Any = ""

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "job")
        if self.trigger not in ("interval", "cron", "date"):
            raise SpecError(f"job {self.id}: trigger {self.trigger!r}")


@dataclass(frozen=True)
class PanelSpec:
    """A small panel on a person's chart."""

    id: str
    title: Any
    #: rendered as a list of lines, or with ``template`` and ``data``
    lines: tuple[Any, ...] = ()
    template: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    severity: str = "info"


@dataclass(frozen=True)
class PersonLink:
    """A link on a person's page (their chart, their garden plot...), sorted by ``order``."""

    title: Any
    url: str
    order: int = 100


@dataclass(frozen=True)
class DecisionRecord:
    """A decision a change may cite (``decision_records``): what people write to cite it
    (``citation``, a resolution's number "2026-AGA-03"), its ``title``, the page that shows it,
    and the day it was taken."""

    citation: str
    title: Any
    url: str
    decided_on: date | None = None


@dataclass(frozen=True)
class AnnualSection:
    """One section of the annual report to the general assembly: a titled table of figures
    (small cells already hidden by the contributor, see ``core.api.hide_small``), with the
    table's optional chart. ``id`` is prefixed with the contributor's name."""

    id: str
    title: Any
    table: ReportTable
    #: where the section comes in the report (core's come first, 10-50)
    order: int = 100
    #: whether the federation's anonymous export may carry it (a ``program`` plugin's
    #: sections): False for a table whose cells hold names or text people typed (the people
    #: a vote elected, a resolution's wording), read by the coop's members only
    federation: bool = True

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "annual report section")


@dataclass(frozen=True)
class DemoPractitioner:
    """A demo account of the plugin's discipline that ``soin demo`` creates (its password is
    public and the sign-in page lists it). ``username`` is unique across plugins."""

    username: str
    display_name: str
    #: the discipline code the account practises (usually the plugin's own)
    discipline: str
    #: the professional order shown with the licence number (OIIQ, OPQ...)
    professional_order: str = ""

    def validate(self, plugin: str) -> None:
        if not self.username or not self.discipline:
            raise SpecError(f"demo practitioner {self.username!r}: a username and a discipline are needed")


@dataclass(frozen=True)
class RetentionSpec:
    """How long a discipline's records are kept after the last service, and on what basis.

    ``basis`` names the rule (the order's regulation and article, or the coop's own policy for
    an unregulated discipline); ``verified`` is False while that rule is unconfirmed. A chart
    written by several disciplines is kept until the longest of their periods has passed.
    """

    discipline: str
    years: int
    basis: Any
    verified: bool = True

    def validate(self, plugin: str) -> None:
        if not self.discipline:
            raise SpecError("retention rule: discipline is required")
        if not isinstance(self.years, int) or not 1 <= self.years <= 100:
            raise SpecError(f"retention rule {self.discipline}: years must be 1 to 100")


@dataclass(frozen=True)
class VolunteerProgramSpec:
    """A program volunteers give time to (``food_security.market``): shifts are published for
    it and the hours ledger counts by it."""

    code: str
    title: Any
    #: what volunteers do there, shown to members looking for a shift
    description: Any = ""

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.code, "volunteer program")


@dataclass(frozen=True)
class SharedItem:
    """One protocol a coop shares (an OC, a monograph...): its document and where it stands.

    ``code`` names it across coops and ``version`` orders its versions (higher is newer);
    ``document`` is the plugin's own data (JSON), which the adopting coop's plugin validates;
    ``reviewed_on`` is when the publisher last checked it against its sources;
    ``review_date`` when it must be looked at again (an expiry); ``sources`` what it rests on.
    """

    code: str
    version: int
    title: str
    document: dict[str, Any]
    review_date: date | None = None
    sources: tuple[str, ...] = ()
    reviewed_on: date | None = None


@dataclass(frozen=True)
class ShareableKind:
    """A kind of protocol coops share as a commons (``nursing.oc``, ``herbalism.monograph``).

    ``shared(session)`` lists what this coop shares now (:class:`SharedItem`); ``current(session,
    code)`` is the version this coop uses (None: it has none); ``adopt(session, item, actor)``
    stores a :class:`SharedItem` another coop published as this coop's own new version, and
    raises ``core.api.Refused`` (or a marshmallow ``ValidationError``) when it is not valid
    here. None of them commits. ``adopt`` is None for what cannot be installed from data
    (a form definition is code): the offer is then read, compared and marked as read, and
    ``cannot_adopt`` says why and what to install instead (``cannot_adopt(item)``: a text).
    """

    id: str
    title: Any
    shared: Callable[[Any], list[SharedItem]]
    current: Callable[[Any, str], SharedItem | None]
    adopt: Callable[[Any, SharedItem, Any], None] | None
    cannot_adopt: Callable[[SharedItem], Any] | None = None

    def validate(self, plugin: str) -> None:
        check_prefix(plugin, self.id, "shareable kind")
