"""The person's consent, privacy settings, emergency access and the work lists around them.

Every change is audited; consent rules and grants are never deleted (withdrawing a rule dates
it), so the history of a person's choices can always be shown.
"""

from __future__ import annotations

from datetime import timedelta
from functools import cache

from sqlalchemy import func, or_, select

from core.audit.service import audit
from core.db import joined, utcnow
from core.i18n import _
from core.identity.models import Account, Practitioner
from core.ids import parse_id
from core.memo import forget_when_written
from core.record import policy
from core.record.forms import EntryInvalid
from core.record.models import Action, BreakGlass, ConsentRule, Finding, PrivacySettings
from core.record.service import AccessDenied
from core.registry import plugin_host

BREAK_GLASS_MINUTES = 60
PRIVACY_FIELDS = ("notify_on_access", "share_with_other_coops", "allow_statistics")


# --- consent -------------------------------------------------------------------------------

def consent_rules(session, person_id: int, *, include_revoked: bool = False) -> list[ConsentRule]:
    query = select(ConsentRule).where(ConsentRule.person_id == person_id)
    if not include_revoked:
        query = query.where(ConsentRule.revoked_at.is_(None))
    return list(session.execute(query.order_by(ConsentRule.id)).scalars())


def practitioners(session) -> list[Account]:
    """Active practitioners a person may name in a refusal."""
    return list(session.execute(select(Account).join(Practitioner).where(Account.active.is_(True))
                                .order_by(Account.display_name)).scalars())


def add_consent_rule(session, *, person_id: int, kind: str, actor, discipline: str | None = None,
                     account_id: int | None = None, note: str = "") -> ConsentRule:
    """Restrict a discipline from ``team`` entries, or refuse a named practitioner."""
    if kind == "restrict_discipline":
        if not discipline or discipline not in known_disciplines(session):
            raise EntryInvalid({"discipline": [str(_("Choose a discipline."))]})
        account_id = None
    elif kind == "refuse_practitioner":
        if account_id is None or session.get(Practitioner, account_id) is None:
            raise EntryInvalid({"account_id": [str(_("Choose a practitioner."))]})
        discipline = None
    else:
        raise EntryInvalid({"kind": [str(_("Choose one of the options."))]})
    for rule in consent_rules(session, person_id):
        if (rule.kind, rule.discipline, rule.account_id) == (kind, discipline, account_id):
            return rule  # already in force: nothing to record
    rule = ConsentRule(person_id=person_id, kind=kind, discipline=discipline, account_id=account_id,
                       note=(note or "").strip(), created_by_id=actor.id, created_at=utcnow())
    session.add(rule)
    session.flush()
    audit(session, "consent.add", person_id=person_id, actor=actor,
          detail={"rule_id": rule.id, "kind": kind, "discipline": discipline,
                  "account_id": account_id})
    return rule


def revoke_consent_rule(session, rule: ConsentRule, *, actor) -> ConsentRule:
    """Withdraw a rule (it stays in the history with the date it ended)."""
    if rule.revoked_at is None:
        rule.revoked_at = utcnow()
        rule.revoked_by_id = actor.id
        session.flush()
        audit(session, "consent.revoke", person_id=rule.person_id, actor=actor,
              detail={"rule_id": rule.id, "kind": rule.kind})
    return rule


def apply_consent_form(session, person_id: int, form, *, actor) -> None:
    """The consent page's post: withdraw rule ``revoke``, or add a rule of ``kind``."""
    if form.get("revoke"):
        revoke = parse_id(form["revoke"])
        rule = session.get(ConsentRule, revoke) if revoke else None
        if rule is None or rule.person_id != person_id:
            raise EntryInvalid({"revoke": [str(_("Choose one of the options."))]})
        revoke_consent_rule(session, rule, actor=actor)
        return
    account = form.get("account_id", "")
    add_consent_rule(session, person_id=person_id, kind=form.get("kind", ""), actor=actor,
                     discipline=form.get("discipline") or None,
                     account_id=parse_id(account),
                     note=form.get("note", ""))


def known_disciplines(session) -> list[str]:
    """Disciplines of practitioners and of installed plugins, sorted."""

    host = plugin_host()
    found = {p.info.discipline for p in host.installed() if p.info and p.info.discipline}
    found |= {d for (d,) in session.execute(select(Practitioner.discipline).distinct())}
    return sorted(found)


def discipline_name(code: str | None) -> str:
    """A discipline in words (the title of the plugin that declares it), else its code."""

    if not code:
        return "—"
    host = plugin_host()
    # the titles by discipline, once per set of plugins (a chart names a discipline per line)
    titles = host.derived("discipline_titles", lambda: {
        p.info.discipline: p.info.title for p in host.installed() if p.info and p.info.discipline})
    return str(titles.get(code, code))


def role_names(codes: str) -> str:
    """Role codes as stored in an audit event ("admin,coordinator") in the reader's words."""

    host = plugin_host()
    titles = {r.code: r.title for r in host.declarations("register_roles", active_only=False)}
    return ", ".join(str(titles.get(code, code)) for code in codes.split(",") if code) or "—"


# --- privacy settings ----------------------------------------------------------------------

def privacy_settings(session, person_id: int) -> PrivacySettings:
    """The person's settings; a person who never chose has every option off (most private)."""
    settings = session.get(PrivacySettings, person_id)
    return settings or PrivacySettings(person_id=person_id, notify_on_access=False,
                                       share_with_other_coops=False, allow_statistics=False)


def update_privacy_settings(session, person_id: int, values: dict, *, actor) -> PrivacySettings:
    """Save the options ticked (absent means off); audited with what changed.

    Raises :class:`EntryInvalid` (nothing saved) when notices are asked for without an e-mail
    address. Turning notices on starts them from now: past accesses are not mailed.
    """
    from core.audit.models import AuditEvent
    from core.identity.models import Person

    if values.get("notify_on_access") and not session.get(Person, person_id).email:
        raise EntryInvalid({"notify_on_access": [str(_(
            "We have no e-mail address for you; ask reception to add one."))]})
    settings = session.get(PrivacySettings, person_id)
    if settings is None:
        settings = privacy_settings(session, person_id)
        session.add(settings)
    changed = {}
    for name in PRIVACY_FIELDS:
        new = bool(values.get(name))
        if getattr(settings, name) != new:
            changed[name] = new
            setattr(settings, name, new)
    settings.updated_at = utcnow()
    if changed.get("notify_on_access"):
        settings.notified_through = session.execute(select(func.max(AuditEvent.id))).scalar()
    session.flush()
    if changed:
        audit(session, "privacy.change", person_id=person_id, actor=actor, detail=changed)
    return settings


# --- break the glass -----------------------------------------------------------------------

def break_glass(session, *, account, person_id: int, reason: str) -> BreakGlass:
    """Open 60 minutes of emergency access for one practitioner to one person's chart."""
    access = policy.chart_access(session, account, person_id)
    if not access.can_break_glass:
        raise AccessDenied(person_id)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise EntryInvalid({"reason": [str(_("Give the reason for the emergency access."))]})
    now = utcnow()
    grant = BreakGlass(account_id=account.id, person_id=person_id, reason=reason, started_at=now,
                       expires_at=now + timedelta(minutes=BREAK_GLASS_MINUTES))
    session.add(grant)
    session.flush()
    audit(session, "breakglass.start", person_id=person_id, actor=account, purpose=reason,
          emergency=True, break_glass_id=grant.id)
    return grant


def pending_reviews(session) -> list[BreakGlass]:
    """Emergency accesses the privacy officer has not reviewed yet, oldest first."""
    return list(session.execute(select(BreakGlass).where(BreakGlass.reviewed_at.is_(None))
                                .order_by(BreakGlass.id)).scalars())


def review_break_glass(session, grant: BreakGlass, *, reviewer, note: str) -> BreakGlass:
    """The privacy officer's conclusion on one emergency access."""
    if grant.reviewed_at is None:
        grant.reviewed_at = utcnow()
        grant.reviewed_by_id = reviewer.id
        grant.review_note = (note or "").strip()
        session.flush()
        audit(session, "breakglass.review", person_id=grant.person_id, actor=reviewer,
              emergency=False, detail={"break_glass_id": grant.id})
    return grant


# --- tasks and referrals ---------------------------------------------------------------------

def routed_to(session, account, *, status: str = "open") -> list[Action]:
    """Tasks and referrals routed to the account's discipline or to one of its roles, except
    those about people who refused this account."""
    targets = []
    if account.practitioner is not None:
        targets.append(Action.to_discipline == account.practitioner.discipline)
    if account.role_codes:
        targets.append(Action.to_role.in_(sorted(account.role_codes)))
    if not targets:
        return []
    query = select(Action).where(Action.status == status, or_(*targets),
                                 Action.person_id.not_in(policy.refused_by(account)))
    return list(session.execute(query.order_by(Action.due_at.is_(None), Action.due_at, Action.id))
                .scalars())


def urgent_action_ids(session, account) -> set[int]:
    """Ids of the open tasks and referrals routed to the account that an urgent finding raised
    (read once per request: the menu and the home page both show their count).

    The same tasks as :func:`routed_to` (its discipline or one of its roles, people who refused
    the account left out) whose finding is urgent, in one statement of ids: every signed-in
    page's menu asks, and loading the routed tasks as objects to keep a few ids cost more than
    the rest of the menu."""
    from core.memo import per_request

    def read():
        discipline = account.practitioner.discipline if account.practitioner is not None else None
        roles = sorted(account.role_codes)
        if discipline is None and not roles:
            return set()
        return set(session.scalars(_urgent_statement(), {
            "status": "open", "discipline": discipline, "roles": roles, "account": account.id}))
    return per_request(("urgent_actions", account.id), read)


@cache
def _urgent_statement():
    """Built once (every page's menu runs it): building it cost more than running it."""
    from types import SimpleNamespace

    from sqlalchemy import bindparam

    # the work lists' own rule of who refused the account, the account as a parameter
    refused = policy.refused_by(SimpleNamespace(id=bindparam("account")))
    return _urgent_ids(select(Action.id), Action.status == bindparam("status"),
                       Action.to_discipline == bindparam("discipline"),
                       Action.to_role.in_(bindparam("roles", expanding=True)), refused)


def _urgent_ids(ids, open_, to_discipline, to_role, refused):
    """``ids`` (a select of the action's id) of open urgent tasks routed by discipline or
    role, people who refused the account left out: the one rule, as a statement of its own
    and as a column of a page's first statement (:func:`urgent_ids_column`)."""
    return (ids.join(Finding, Finding.id == Action.finding_id)
            .where(open_, or_(to_discipline, to_role), Action.person_id.not_in(refused),
                   Finding.severity == "urgent"))


def urgent_ids_column(account_id):
    """The ids of :func:`urgent_action_ids` as one string, a column of a statement that reads
    the account whose id column is ``account_id`` (a page's session row: one round trip less
    on every page, whose menu counts them)."""
    from types import SimpleNamespace

    from sqlalchemy import String, cast

    from core.identity.models import account_roles

    outer = account_id.table
    discipline = (select(Practitioner.discipline).where(Practitioner.account_id == account_id)
                  .correlate(outer).scalar_subquery())
    roles = (select(account_roles.c.role_code).where(account_roles.c.account_id == account_id)
             .correlate(outer))
    refused = policy.refused_by(SimpleNamespace(id=account_id)).correlate(outer)
    ids = select(joined(cast(Action.id, String), " "))
    return (_urgent_ids(ids, Action.status == "open", Action.to_discipline == discipline,
                        Action.to_role.in_(roles), refused)
            .correlate(outer).scalar_subquery().label("urgent_actions"))


def keep_urgent_ids(account, value: str | None) -> None:
    """Keep for the request the ids :func:`urgent_ids_column` read (as
    :func:`urgent_action_ids` would have, from the same rows)."""
    from core.memo import remember

    remember(("urgent_actions", account.id), {int(i) for i in (value or "").split()})


# a task closed, a finding raised or a refusal recorded in this request: read them again
forget_when_written((Action, ConsentRule, Finding), "urgent_actions")


def close_action(session, action: Action, *, account, status: str = "done") -> Action:
    """Mark a routed task or referral done (or cancelled) by someone it was routed to."""
    if action not in routed_to(session, account, status=action.status):
        raise AccessDenied(action.id)
    if status not in ("done", "cancelled"):
        raise EntryInvalid({"status": [str(_("Choose one of the options."))]})
    action.status = status
    action.closed_at = utcnow()
    action.closed_by_id = account.id
    session.flush()
    audit(session, "action.close", person_id=action.person_id, actor=account,
          detail={"action_id": action.id, "status": status})
    return action
