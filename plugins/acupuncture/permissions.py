"""Who may do what with the acupuncture service, beyond core's chart permissions.

Chart entries are decided by core (an acupuncturist writes the discipline's forms; the
confidentiality of each form decides who reads them). These codes open the plugin's own pages.
"""

from __future__ import annotations

from core.api import NavItem, PermissionSpec

from plugins.acupuncture import _

SESSIONS = "acupuncture.sessions"
INCIDENTS = "acupuncture.incidents"
REPORTS = "acupuncture.reports"

PERMISSIONS = [
    PermissionSpec(SESSIONS, _("Treat with acupuncture"),
                   _("Open, fill in and close acupuncture sessions (acupuncturists only)."),
                   default_roles=("practitioner",)),
    PermissionSpec(INCIDENTS, _("Follow acupuncture incidents"),
                   _("Needles not accounted for and serious adverse events; close them with a "
                     "note."), default_roles=("admin", "coordinator")),
    PermissionSpec(REPORTS, _("See the acupuncture service's figures"),
                   _("Sessions, points most used, adverse events by type, needle incidents."),
                   default_roles=("admin", "coordinator")),
]

NAV_ITEMS = [
    NavItem("acupuncture.incidents", _("Acupuncture incidents"), "acupuncture.incidents_page",
            section="admin", permission=INCIDENTS, order=64),
]
