"""The only module plugins import from core.

Everything a plugin needs is re-exported here, so core can reorganise its insides without
breaking plugins. Importing anything else from ``core`` in a plugin is a contract violation
(a contract test checks it).
"""

from __future__ import annotations

import pluggy

from core.db import Base, JSONType, UTCDateTime, utcnow
from core.db import session as current_session
from core.i18n import make_gettext
from core.identity.models import Household, Person
from core.identity.service import search_people
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
    "Household", "Person", "search_people",
]
