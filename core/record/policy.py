"""Who may see and write what in a chart: the one place where record access is decided.

Layers, each of which can only take away:

1. the route's rule (``@require("record.chart.view")``, ``@member``);
2. the viewer: a practitioner (a clinical role and a discipline) holding the permission; never a
   volunteer, never the person themself through staff pages (they use the portal);
3. the person's consent: a refused practitioner cannot open the chart nor read what was
   shared with them (only what they wrote themselves) nor see them in their work list; a
   restricted discipline does not see ``team`` entries;
4. the entry's confidentiality: ``discipline`` entries to that discipline, ``sealed`` entries to
   their author and named colleagues only;
5. plugins' ``check_entry_access`` (False or an exception denies).

Break the glass lifts layer 3 and the discipline part of layer 4 for one person for 60 minutes;
sealed entries stay sealed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, exists, func, select
from sqlalchemy.orm import aliased

from core.db import joined, read_rows, utcnow
from core.memo import per_request, remember
from core.registry import plugin_host
from core.security.access import has_permission

VIEW, WRITE = "record.chart.view", "record.chart.write"
BREAK_GLASS, REVIEW, EXPORT = "record.breakglass", "record.privacy.review", "record.chart.export"
TASKS = "record.tasks.view"
#: roles that never reach clinical data, whatever permissions an admin gives them
NEVER_CLINICAL = {"volunteer"}
LEVELS = ("team", "discipline", "sealed")


@dataclass
class ChartAccess:
    """What one account may do in one person's chart, computed once per request."""

    account: object
    person_id: int
    discipline: str = ""
    clinical: bool = False
    is_self: bool = False
    refused: bool = False
    restricted: set[str] = field(default_factory=set)
    glass: object = None

    # --- the chart as a whole ------------------------------------------------------------

    @property
    def emergency(self) -> bool:
        return self.glass is not None

    @property
    def can_open(self) -> bool:
        """May open the staff chart (timeline, summary, findings) of this person."""
        return (self.clinical and not self.is_self and has_permission(VIEW, account=self.account)
                and (not self.refused or self.emergency))

    @property
    def can_break_glass(self) -> bool:
        """Only a practitioner who cannot open the chart otherwise, and never for themself."""
        return (self.clinical and not self.is_self and not self.can_open
                and has_permission(BREAK_GLASS, account=self.account))

    @property
    def can_export(self) -> bool:
        return self.can_open and has_permission(EXPORT, account=self.account)

    def can_write(self, form) -> bool:
        """May record an entry of ``form`` (a FormSpec): their discipline's forms or shared ones."""
        return (self.can_open and has_permission(WRITE, account=self.account)
                and (form.discipline in (None, self.discipline)))

    def writable(self, forms) -> list:
        """The forms among ``forms`` this account may record an entry of (:meth:`can_write`
        for each, the permissions asked once)."""
        if not (self.can_open and has_permission(WRITE, account=self.account)):
            return []
        return [form for form in forms if form.discipline in (None, self.discipline)]

    # --- one entry -----------------------------------------------------------------------

    def can_read(self, entry) -> bool:
        """Staff reading ``entry`` (layers 2 to 5)."""
        return self._can_read(entry, self.can_open)

    def readable(self, entries) -> list:
        """The entries among ``entries`` the viewer may read: :meth:`can_read` for each (as
        staff, or :meth:`member_can_read` for the person themself), with whether the chart
        opens asked once (a chart decides on every entry of the person)."""
        if self.is_self:
            return [e for e in entries if self.member_can_read(e)]
        if not self.clinical:
            return []
        can_open, checks = self.can_open, _entry_checks()
        return [e for e in entries if self._can_read(e, can_open, checks)]

    def _can_read(self, entry, can_open: bool, checks=None) -> bool:
        if not self.clinical or self.is_self:
            return False
        if entry.author_id == self.account.id:
            allowed = True  # their own writing, kept even after a refusal (record-keeping duty)
        elif entry.confidentiality == "sealed":
            # named colleagues only, and only while the person allows them to open the chart
            allowed = can_open and any(s.account_id == self.account.id for s in entry.shares)
        elif not can_open:
            allowed = False
        elif entry.confidentiality == "discipline":
            allowed = self.emergency or entry.discipline == self.discipline
        else:
            allowed = self.emergency or self.discipline not in self.restricted
        return allowed and plugins_allow(entry, self.account, "read", checks)

    def can_amend(self, entry, form) -> bool:
        """The author alone amends or marks in error, while still allowed to write that form."""
        return (entry.author_id == self.account.id and entry.status != "entered_in_error"
                and self.can_write(form) and plugins_allow(entry, self.account, "amend"))

    def member_can_read(self, entry) -> bool:
        """The person reading their own entry in the portal."""
        return (self.is_self and entry.member_visible and entry.confidentiality != "sealed"
                and entry.status != "entered_in_error"
                and plugins_allow(entry, self.account, "member_read"))


def is_clinical(account) -> bool:
    """A practitioner with a clinical role; volunteers never, whatever their other roles."""
    if account is None or account.practitioner is None:
        return False
    if account.role_codes & NEVER_CLINICAL:
        return False
    return account.has_clinical_role


def chart_access(session, account, person_id: int, now: datetime | None = None) -> ChartAccess:
    """Everything the decisions above need, read once per request (consent, break-glass grant).

    Pages ask several times (the chart, a plugin's panel, the audit event): the answer is kept
    for the request, and forgotten as soon as a consent rule or a grant is written.
    """
    if account is None:
        return ChartAccess(None, person_id)
    if now is not None:
        return _chart_access(session, account, person_id, now)
    return per_request(("chart_access", account.id, person_id),
                       lambda: _chart_access(session, account, person_id, None))


def _chart_access(session, account, person_id: int, now: datetime | None,
                  answers: dict | None = None) -> ChartAccess:
    from core.record.break_glass import open_break_glass

    access = ChartAccess(account, person_id, is_self=account.person_id == person_id,
                         clinical=is_clinical(account),
                         discipline=account.practitioner.discipline if account.practitioner else "")
    if not access.clinical:
        return access
    if answers is None:  # asked alone: the chart's page asks them with its other questions
        answers = dict(zip(access_reads(), read_rows(session, _access_statement(), {
            "person": person_id, "viewer": account.id, "now": now or utcnow()}).one(),
            strict=True))
    access.refused = bool(answers[REFUSED])
    access.restricted = set(answers[RESTRICTED].split(",")) if answers[RESTRICTED] else set()
    grant = open_break_glass(session, account.id, person_id, now, known=answers[GRANT])
    if grant is not None and has_permission(BREAK_GLASS, account=account):
        access.glass = grant
    return access


def decided(session, account, person_id: int, answers: dict) -> None:
    """Keep for the request ``account``'s access to the person's chart, decided from the
    answers to :func:`access_reads` (the chart's page asks them with its other questions, in
    one statement: the same rules as :func:`chart_access`, one round trip less)."""
    if account is not None:
        remember(("chart_access", account.id, person_id),
                 _chart_access(session, account, person_id, None, answers))


REFUSED, RESTRICTED, GRANT = "record.refused", "record.restricted", "record.grant"


@cache
def access_reads() -> dict:
    """The consent rules in force and the viewer's open grant, as three scalar questions
    (``person``, ``viewer``, ``now``): whether the person refuses the viewer, the disciplines
    they keep ``team`` entries from (as "a,b": codes), the viewer's newest open grant on them."""
    from core.record.models import BreakGlass, ConsentRule

    # short names: the questions go into the chart's statement (psycopg: 4,096 bytes)
    rule, grant = aliased(ConsentRule, name="cr"), aliased(BreakGlass, name="bg")
    in_force = (rule.person_id == bindparam("person"), rule.revoked_at.is_(None))
    return {
        REFUSED: exists().where(*in_force, rule.kind == "refuse_practitioner",
                                rule.account_id == bindparam("viewer")),
        RESTRICTED: select(joined(rule.discipline)).where(
            *in_force, rule.kind == "restrict_discipline").scalar_subquery(),
        GRANT: select(func.max(grant.id)).where(
            grant.account_id == bindparam("viewer"), grant.person_id == bindparam("person"),
            grant.started_at <= bindparam("now"), grant.expires_at > bindparam("now"))
        .scalar_subquery()}


@cache
def _access_statement():
    """:func:`access_reads` asked alone, in one statement (pages other than the chart's)."""
    return select(*(question.label(None) for question in access_reads().values()))


def refused_by(account):
    """A query of the ids of people who refuse ``account`` (work lists leave them out too)."""
    from core.record.models import ConsentRule

    return select(ConsentRule.person_id).where(
        ConsentRule.kind == "refuse_practitioner", ConsentRule.account_id == account.id,
        ConsentRule.revoked_at.is_(None))


def plugins_allow(entry, account, action: str, checks=None) -> bool:
    """Plugins' ``check_entry_access``: any False denies; a plugin that raises denies too.
    ``checks``: :func:`_entry_checks`, when the caller asks for many entries."""
    for name, call in (_entry_checks() if checks is None else checks):
        try:
            verdict = call(entry=entry, viewer=account, action=action)
        except Exception as exc:  # fail closed: a broken plugin never opens a chart
            plugin_host().record_fault(name, "check_entry_access", exc)
            return False
        if verdict is False:
            return False
    return True


def _entry_checks() -> list:
    """The active plugins' ``check_entry_access``, as ``(plugin, call)``, found once per request."""
    return per_request(("implementations", "check_entry_access"),
                       lambda: list(plugin_host().implementations("check_entry_access")))


def raise_level(default: str, wanted: str | None) -> str | None:
    """The confidentiality the author asked for, if it is not below the form's default."""
    if not wanted:
        return default
    if wanted not in LEVELS or LEVELS.index(wanted) < LEVELS.index(default):
        return None
    return wanted
