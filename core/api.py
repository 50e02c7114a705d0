"""The only module plugins import from core.

Everything a plugin needs is re-exported here, so core can reorganise its insides without
breaking plugins. Importing anything else from ``core`` in a plugin is a contract violation
(a contract test checks it).

Chart forms (``register_forms``): core renders, validates and stores them from the marshmallow
schema. The generic renderer supports these field types: ``String`` (a text input; with
``choices`` a select, or radio buttons with ``widget="radio"``; ``widget="textarea"`` for long
text), ``Integer``, ``Float``, ``Decimal`` (number inputs; ``range`` sets min and max),
``Boolean`` (a checkbox), ``Date``, ``DateTime`` (date and time inputs) and ``List(String)``
with ``choices`` (checkboxes). Field metadata keys: ``label``, ``help``, ``unit``, ``choices``
(a list of ``(value, label)``), ``range`` (``(min, max)``), ``widget``. Put the real rule in a
validator too (``validate.Range``, ``validate.OneOf``): metadata only drives the HTML. Errors
are shown next to each field in the reader's language (marshmallow's default messages are
translated by core; write your own messages with your plugin's ``_``).

Chart services: ``record_entry`` (validates, runs the form's protocols, calls ``entry_saved``,
audits; raises ``EntryInvalid`` with ``messages`` per field, ``AccessDenied``),
``amend_entry``, ``mark_entered_in_error``, ``entries_for`` (current versions, newest first,
filtered for a viewer), ``findings_for``, ``clinical_summary``, ``add_summary_item``,
``start_encounter``; ``audit`` for a plugin that reads or writes health data of its own.
``open_chart(person_id, action)``: a plugin page about one person gets ``(person, access)``
or an audited 403/404, as core's chart pages do. ``chart_access(session, account, person_id)``
answers the same question without refusing (``.can_open``), for lists across people.
Languages: a text stored for later readers is kept in every language of the coop, so each
reader sees their own: ``each_language(make)`` calls ``make(locale)`` with each language in
force (``{locale: result}``); a finding's or action's text may be a ``PerLanguage({"fr_CA":
..., "en": ...})`` when the plugin already holds both (core stores every language of findings
and actions itself).
``Entry`` and ``PrivacySettings`` (models, to read only): anonymous statistics across people,
counting only those whose ``allow_statistics`` is on.

Routed tasks and referrals: ``Action`` (the model, to read), ``close_action`` (mark one done by
someone it was routed to); ``action_proposed`` tells the receiving plugin when one is proposed.
``forms_coded(key, value)``: ids of the active forms whose ``FormSpec.extra[key]`` is ``value``
(a LOINC code, say), so a plugin reads another's standard instrument from the shared record
without importing it.
"""

from __future__ import annotations

import pluggy

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.db import session as current_session
from core.i18n import PerLanguage, each_language, make_gettext
from core.mail import smtp_connection
from core.identity.models import Account, Household, Person
from core.identity.service import search_people
from core.audit.service import audit
from core.record.chart import open_chart
from core.record.policy import chart_access
from core.record.forms import EntryInvalid
from core.record.consent import close_action
from core.record.forms import forms_coded
from core.record.models import Action, Entry, PrivacySettings
from core.record.service import (AccessDenied, amend_entry, clinical_summary, entries_for,
                                 findings_for, mark_entered_in_error, record_entry,
                                 start_encounter)
from core.record.summary import add_summary_item
from core.scheduling.groups import cancel_group_session
from core.scheduling.models import GroupSession
from core.scheduling.service import (SchedulingError, SessionFull, SlotTaken,
                                     appointments_for_person, book, cancel, create_group_session,
                                     sign_up)
from core.security.access import (authenticated, current_account, has_permission, member, public,
                                  require)
from core.specs import (AppointmentTypeSpec, ClinicalSummary, FhirMappingSpec, Finding, FormSpec,
                        JobSpec, NavItem, PanelSpec, PermissionSpec, PluginInfo, ProposedAction,
                        ProtocolContext, ProtocolSpec, RendererSpec, ReportSpec, ReportTable,
                        RoleSpec, SummaryItem)

#: decorate hook implementations with this
hookimpl = pluggy.HookimplMarker("soin")

__all__ = [
    "hookimpl", "make_gettext", "current_session", "current_account", "has_permission",
    "public", "authenticated", "member", "require", "Base", "JSONType", "UTCDateTime", "utcnow",
    "AppointmentTypeSpec", "ClinicalSummary", "FhirMappingSpec", "Finding", "FormSpec", "JobSpec",
    "NavItem", "PanelSpec", "PermissionSpec", "PluginInfo", "ProposedAction", "ProtocolContext",
    "ProtocolSpec", "RendererSpec", "ReportSpec", "ReportTable", "RoleSpec", "SummaryItem",
    "Account", "Household", "Person", "search_people",
    "book", "create_group_session", "sign_up", "cancel", "appointments_for_person",
    "GroupSession", "cancel_group_session",
    "SchedulingError", "SlotTaken", "SessionFull",
    "record_entry", "amend_entry", "mark_entered_in_error", "entries_for", "findings_for",
    "clinical_summary", "add_summary_item", "start_encounter", "audit", "EntryInvalid",
    "AccessDenied", "open_chart", "Entry", "PrivacySettings", "smtp_connection",
    "PerLanguage", "each_language",
    "Action", "close_action", "forms_coded", "chart_access",
]
