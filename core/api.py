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
(a list of ``(value, label)``), ``range`` (``(min, max)``), ``widget``; ``initial`` what a new
form shows filled in (a value, or a function called when the form opens: ``today`` for the
day a file is closed), seen and changed before saving; ``key_labels`` names a
``Dict``'s keys for its reader, ``value_labels`` the words of coded values (``FormSpec``'s
docstring). Put the real rule in a
validator too (``validate.Range``, ``validate.OneOf``): metadata only drives the HTML. Errors
are shown next to each field in the reader's language (marshmallow's default messages are
translated by core; write your own messages with your plugin's ``_``). A few answers may be kept
more confidential than the rest of the form: ``FormSpec.private_part`` (a ``PrivatePart``)
makes core store them as an entry of their own at ``discipline`` level (see
:mod:`core.record.private_part`).

Chart services: ``record_entry`` (validates, runs the form's protocols, calls ``entry_saved``,
audits; raises ``EntryInvalid`` with ``messages`` per field, ``AccessDenied``),
``amend_entry``, ``mark_entered_in_error``, ``entries_for`` (current versions, newest first,
filtered for a viewer), ``findings_for``, ``clinical_summary``, ``add_summary_item``,
``end_summary_item`` (a line no longer true: the herb stopped, the problem resolved; it is kept
and its end audited), ``active_summary_items`` (the lines still true, with their ids and codes),
``SummaryLine`` (the summary's model, to read: a chart panel asks about the lines in use
through ``chart_panel_reads``, with the chart's other questions), ``start_encounter``; ``audit`` for a plugin that reads or writes health data of its own.
``open_chart(person_id, action)``: a plugin page about one person gets ``(person, access)``
or an audited 403/404, as core's chart pages do. ``chart_access(session, account, person_id)``
answers the same question without refusing (``.can_open``), for lists across people.
Languages: a text stored for later readers is kept in every language of the coop, so each
reader sees their own: ``each_language(make)`` calls ``make(locale)`` with each language in
force (``{locale: result}``); a finding's or action's text may be a ``PerLanguage({"fr_CA":
..., "en": ...})`` when the plugin already holds both (core stores every language of findings
and actions itself). ``reader_language()`` is the reader's language as a code ("fr_CA", "en"):
the request's, else the coop's default (``SOIN_DEFAULT_LOCALE``) in a job or a command.
``language_name(code)`` names a language in the reader's language ("Anglais" for a French
reader), for keys that are language codes.
``with in_language(code):`` writes one language whatever the reader's (an e-mail in its
recipient's ``person.language``, a FHIR text in English): translated strings, dates and
numbers inside the block follow it. A plugin asks these rather than Flask-Babel, which it may
not import (a contract test refuses it).
``Entry`` and ``PrivacySettings`` (models, to read only): anonymous statistics across people,
counting only those whose ``allow_statistics`` is on.

Routed tasks and referrals: ``Action`` (the model, to read), ``close_action`` (mark one done by
someone it was routed to); ``action_proposed`` tells the receiving plugin when one is proposed.
``forms_coded(key, value)``: ids of the active forms whose ``FormSpec.extra[key]`` is ``value``
(a LOINC code, say), so a plugin reads another's standard instrument from the shared record
without importing it.

Pages (the request lifecycle, :mod:`core.web.lifecycle`): ``get_or_404(Model, id)`` loads a
row or answers 404; ``attempt(action)`` runs a change, commits once and returns a true
``Outcome`` (``.result``), or rolls back and returns a false one whose ``.errors`` (by field,
translated) and ``.status`` (422, 409) ``form_page(template, outcome, **context)`` shows next
to the fields; ``act(action, message, url)`` is the same for a button (flash and redirect).
A rule refuses with ``Refused(message, field)`` (or a marshmallow ``ValidationError``);
``errors_of(exc)`` turns either into messages by field; ``row_id(text)`` reads an id typed in
a form. A page that only reads but audits ends with ``commit_reads()``.

The coop's time (``SOIN_TIMEZONE``): ``coop_zone()``, ``today()``, ``to_local(moment)``,
``local_day(moment)``, ``local_day_bounds(day)`` (the UTC instants a local day starts and ends),
``age_on(born, day)`` (full years, None without a birth date).
Written for a reader (templates have the same as filters: ``date``, ``local_datetime``,
``local_time``, ``number``, ``colon``): ``format_moment(moment, "full")`` ("samedi 5 décembre
2026 à 14 h 30"), ``format_day(day, "long")`` ("6 décembre 2026", a date or an ISO day kept
as text: a day in a sentence a member reads), ``format_clock(moment_or_time)`` ("14 h 30"), ``format_number(n)``
("1 234,5"; ``digits=2``: always two decimals, ``up_to=1``: at most one, "37,2" but "37"),
``format_cell(value, whole=False)`` (a report's cell: an ISO day or month kept for the CSV
written "7 déc. 2026", "déc. 2026", a number as ``format_number``; ``whole``: the day
never broken across lines; the ``cell`` filter), in the language in force; French catalogs
get their narrow no-break spaces (before ``: ; ! ?``, inside « ») when they load, so a
plugin's translator types plain spaces.

Declarations, keyed: ``registry()`` (active plugins; ``registry(active_only=False)``: every
installed one) has ``form(id, version=None)``, ``latest`` forms by id, ``protocols_for(form_id)``;
it is rebuilt when a service is activated or deactivated.

The privacy officer (Law 25, Loi 5): a named role given by a designation (Admin > Privacy
officer), never the administrator acting as one. Gate a page the officer alone may use with
``@require(PRIVACY_OFFICER)``; ``privacy_officer(session)`` is the current designation (its
``account``, ``title``, ``email``, ``phone``) or None. ``record_incident(session, data, by=,
source=)`` enters a confidentiality incident in the coop's register (``data``: the register's
elements; refused with reasons by field). A clinical adverse event is not one: keep it in the
plugin's own safety list. Retention: ``RetentionSpec`` (``register_retention_rules``).

Small cells (every anonymous figure): ``hide_small(count)`` shows 1 to 4 as ``HIDDEN``
("< 5"), ``hide_column(counts, complement=HIDDEN)`` also hides the next smallest count of a
column with a single hidden cell (a total would give it away), ``is_small(count)``,
``SMALL_CELL`` (5).

Protocols as a commons: declare ``register_shareable_kinds`` (``ShareableKind``: ``shared``,
``current``, ``adopt``) and return ``SharedItem``s; core signs the coop's package, shows the
public page, the diff of what another coop offers, and calls ``adopt`` only when someone adopts.

Volunteering (core keeps the ledger; any plugin publishes shifts): declare your programs with
``register_volunteer_programs`` (``VolunteerProgramSpec``), then ``publish_shift(session,
program=, title=, starts_at=, ends_at=, needed=, place=, training=, personal_info=, source=)``
(``VolunteerShift``; ``personal_info`` for a shift that touches personal information: only
volunteers with a current signed confidentiality undertaking get it), ``shifts_for(session,
source=, program=, start=, end=)`` to find yours again, ``volunteer_sign_up(session, shift,
person)`` (first come, first served, never over-filled: ``ShiftFull``; ``UndertakingMissing``;
both ``VolunteeringError``), ``cancel_volunteer_signup``, ``cancel_volunteer_shift``,
``confirm_volunteer_hours(session, signup, by, hours=None)`` (into the hours ledger),
``record_volunteer_hours``, and ``volunteer_hours_by_program(session, start, end)``: confirmed
hours per program code for a period (both days included), for annual and funders' reports;
``volunteer_program_title(code)`` names a program in the reader's language.

Input from outside: ``parse_id`` (an id or None), ``IdField`` (a marshmallow id field, 1 to
``MAX_ID``), ``load_json`` (an uploaded JSON document, with a depth limit, refusing NaN and
text a database cannot store; ValueError otherwise). Request bodies and query strings are
already checked by core before a view runs.
"""

from __future__ import annotations

import pluggy

from core.audit.service import audit
from core.coop_time import age_on, coop_zone, local_day, local_day_bounds, to_local, today
from core.db import (Base, JSONType, UTCDateTime, joined, joined_rows, session as current_session,
                     split_rows, utcnow)
from core.form_specs import (ClinicalSummary, FhirMappingSpec, Finding, FormSpec, PhoneNumber,
                             PrivatePart, ProposedAction, ProtocolContext, ProtocolSpec,
                             RendererSpec, SummaryItem)
from core.i18n import (PerLanguage, each_language, in_language, language_name, make_gettext,
                       make_ngettext, reader_language)
# The members' register (the coop's governance reads who may vote, and sends through the outbox)
from core.identity.models import Account, Household, Membership, Person
from core.identity.register import (bylaws, category_titles, change_category, eligible_ids,
                                    eligible_voters, renew, voting_rights)
from core.identity.service import open_membership, record_payment, search_people
from core.ids import MAX_ID, IdField, parse_id
from core.mail import smtp_connection
from core.outbox import queue_email, send_queued
# numbers to call in a text a page shows: each a tel: link, never broken across lines; a phone
# typed as free text read as one (E.164), or None
from core.phones import parse_phone, with_phones
from core.privacy.incidents import record_incident
from core.privacy.officer import PERMISSION as PRIVACY_OFFICER, current as privacy_officer
from core.record.chart import open_chart
from core.record.consent import close_action
from core.record.forms import EntryInvalid, forms_coded
from core.record.models import Action, Entry, PrivacySettings, SummaryItem as SummaryLine
from core.record.policy import chart_access
from core.record.service import (AccessDenied, amend_entry, clinical_summary, entries_for,
                                 findings_for, mark_entered_in_error, record_entry, start_encounter)
from core.record.summary import (active_items as active_summary_items, add_summary_item,
                                 end_summary_item)
from core.refusal import Refused
from core.registry import Registry, registry
from core.reports.annual import annual_report
from core.reports.small_cells import HIDDEN, SMALL_CELL, hide_column, hide_small, is_small
from core.scheduling.extra_models import OutboxMessage
from core.scheduling.groups import cancel_group_session
from core.scheduling.models import GroupSession
from core.scheduling.service import (SchedulingError, SessionFull, SlotTaken,
                                     appointments_for_person, book, cancel, create_group_session,
                                     sign_up)
from core.security.access import (authenticated, current_account, has_permission, member, public,
                                  require)
from core.specs import (AnnualSection, AppointmentTypeSpec, DecisionRecord, DemoPractitioner,
                        JobSpec, NavItem, PanelSpec, PermissionSpec, PersonLink, PluginInfo,
                        ReportSpec, ReportTable, RetentionSpec, RoleSpec, ShareableKind, SharedItem,
                        VolunteerProgramSpec)
from core.spreadsheet import SpreadsheetWriter, spreadsheet_csv, spreadsheet_moment
# French typography of a plugin's own French texts (documents it loads), as the catalogs get it
from core.typography import french as french_typography, is_french
from core.volunteering.ledger import (confirm_hours as confirm_volunteer_hours,
                                      hours_by_program as volunteer_hours_by_program,
                                      record_hours as record_volunteer_hours)
from core.volunteering.models import HoursEntry, ShiftSignup, VolunteerShift
from core.volunteering.programs import program_title as volunteer_program_title
from core.volunteering.service import (ShiftFull, UndertakingMissing, VolunteeringError,
                                       cancel_shift as cancel_volunteer_shift,
                                       cancel_signup as cancel_volunteer_signup, publish_shift,
                                       shifts_for, sign_up as volunteer_sign_up)
from core.web.formatting import (cell as format_cell, clock as format_clock, day as format_day,
                                 local_datetime as format_moment, number as format_number)
from core.web.inputs import load_json
from core.web.lifecycle import (Outcome, act, attempt, commit_reads, errors_of, form_page,
                                get_or_404, row_id)

#: decorate hook implementations with this
hookimpl = pluggy.HookimplMarker("soin")

__all__ = [
    "french_typography", "is_french", "SpreadsheetWriter", "spreadsheet_csv", "spreadsheet_moment",
    "hookimpl", "make_gettext", "make_ngettext", "current_session", "current_account",
    "has_permission", "public", "authenticated", "member", "require", "Base", "JSONType",
    "UTCDateTime", "joined", "joined_rows", "split_rows", "utcnow",
    "AppointmentTypeSpec", "ClinicalSummary", "FhirMappingSpec", "Finding", "FormSpec", "JobSpec",
    "PrivatePart", "PhoneNumber", "with_phones", "parse_phone",
    "NavItem", "PanelSpec", "PermissionSpec", "PluginInfo", "ProposedAction", "ProtocolContext",
    "ProtocolSpec", "RendererSpec", "ReportSpec", "ReportTable", "RoleSpec", "SummaryItem",
    "DemoPractitioner",
    "Account", "Household", "Person", "search_people",
    "book", "create_group_session", "sign_up", "cancel", "appointments_for_person",
    "GroupSession", "cancel_group_session",
    "SchedulingError", "SlotTaken", "SessionFull",
    "record_entry", "amend_entry", "mark_entered_in_error", "entries_for", "findings_for",
    "clinical_summary", "add_summary_item", "end_summary_item", "active_summary_items",
    "start_encounter", "audit", "EntryInvalid",
    "AccessDenied", "open_chart", "Entry", "PrivacySettings", "SummaryLine", "smtp_connection",
    # pages: the request lifecycle
    "get_or_404", "attempt", "act", "form_page", "commit_reads", "errors_of", "row_id",
    "Outcome", "Refused",
    # the coop's time
    "coop_zone", "today", "to_local", "local_day", "local_day_bounds", "age_on",
    "format_moment", "format_day", "format_clock", "format_number", "format_cell",
    # declarations, keyed
    "registry", "Registry", "PersonLink",
    "PerLanguage", "each_language", "in_language", "reader_language", "language_name",
    "Action", "close_action", "forms_coded", "chart_access",
    "Membership", "bylaws", "category_titles", "eligible_ids", "eligible_voters", "voting_rights",
    "queue_email", "send_queued", "OutboxMessage", "open_membership", "record_payment", "renew",
    "change_category",
    "annual_report", "AnnualSection", "DecisionRecord",
    # small cells, hidden the same way in every report and export
    "HIDDEN", "SMALL_CELL", "hide_small", "hide_column", "is_small",
    # volunteering: shifts any program publishes, the hours ledger
    "ShareableKind", "SharedItem",
    "VolunteerProgramSpec", "VolunteerShift", "ShiftSignup", "HoursEntry", "publish_shift",
    "shifts_for", "volunteer_sign_up", "cancel_volunteer_signup", "cancel_volunteer_shift",
    "confirm_volunteer_hours", "record_volunteer_hours", "volunteer_hours_by_program",
    "volunteer_program_title", "VolunteeringError", "ShiftFull", "UndertakingMissing",
    # input from outside: ids bounded to what a column can hold, JSON read safely
    "MAX_ID", "IdField", "parse_id", "load_json",
    # Law 25: the privacy officer
    "PRIVACY_OFFICER", "privacy_officer", "RetentionSpec", "record_incident",
]
