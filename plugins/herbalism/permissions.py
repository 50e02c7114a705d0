"""Who may do what in the herbalism service (codes ``herbalism.*``), and its one role.

Writing in a chart is decided by core (chart permissions, consent, confidentiality) and the
recommendation form belongs to the herbalism discipline, so only an herbalist can recommend.
These codes open the plugin's own pages. A monograph reviewer (often a pharmacist who
volunteers) keeps the register without any access to charts.
"""

from __future__ import annotations

from core.api import NavItem, PermissionSpec, RoleSpec

from plugins.herbalism import _

RECOMMEND, READ_MONOGRAPHS = "herbalism.recommend", "herbalism.monographs.read"
MANAGE_MONOGRAPHS, REPORTS = "herbalism.monographs.manage", "herbalism.reports"
REVIEWER = "herbalism.monograph_reviewer"
#: core's permission to change a chart (the summary's medications included)
CHART_WRITE = "record.chart.write"

PERMISSIONS = [
    PermissionSpec(RECOMMEND, _("Recommend herbs (the interaction check runs first)"),
                   default_roles=("practitioner",)),
    PermissionSpec(READ_MONOGRAPHS, _("Read the herbal monographs"),
                   default_roles=("practitioner", "coordinator", "admin", REVIEWER)),
    PermissionSpec(MANAGE_MONOGRAPHS, _("Add and correct herbal monographs"),
                   _("Every version is kept; recommendations name the one they were checked "
                     "against."), default_roles=("admin", "coordinator", REVIEWER)),
    PermissionSpec(REPORTS, _("See the herbalism service's reports"),
                   default_roles=("admin", "coordinator")),
]

ROLES = [RoleSpec(REVIEWER, _("Herbal monograph reviewer"),
                  _("Keeps the herbal monographs and their sources up to date; no chart access."))]

NAV_ITEMS = [
    NavItem("herbalism.monographs", _("Herbal monographs"), "herbalism.monographs_page",
            section="main", permission=READ_MONOGRAPHS, order=70),
    NavItem("herbalism.reports", _("Reports"), "reports.index", section="admin",
            permission=REPORTS, order=63),
]
