"""What a role may do with the psychology service, beyond core's chart permissions.

Reading and writing entries is decided by core (chart permissions, consent, confidentiality)
and narrowed by ``access.py``; these codes only open the plugin's own pages. Holding
``psychology.access_delay`` is not enough to delay access: the account must also be a
psychologist able to read the entry.
"""

from __future__ import annotations

from core.api import NavItem, PermissionSpec

from plugins.psychology import _
from plugins.psychology.access import may_keep_crisis_lines

REPORTS, DELAY, SCORES = "psychology.reports", "psychology.access_delay", "psychology.scores"
CRISIS_LINES = "psychology.crisis_lines"

PERMISSIONS = [
    PermissionSpec(REPORTS, _("See the psychology service's anonymous figures"),
                   _("Clients, sessions, waiting time, share screened, severity; small cells "
                     "hidden."), default_roles=("admin", "coordinator")),
    PermissionSpec(DELAY, _("Delay a member's access to a psychology entry"),
                   _("Psychologists only, with a written reason of serious harm."),
                   default_roles=("practitioner",)),
    PermissionSpec(SCORES, _("See a person's PHQ-9 and GAD-7 trajectory"),
                   _("Psychologists who may read the person's psychology entries."),
                   default_roles=("practitioner",)),
    PermissionSpec(CRISIS_LINES, _("Keep the coop's crisis lines"),
                   _("The lines the suicide-risk rule shows. Coordinators and psychologists: a "
                     "practitioner of another discipline may not, even holding it."),
                   default_roles=("admin", "coordinator", "practitioner")),
]

#: the coop figures are drawn by core's reports pages; the crisis lines are in the menu of
#: those who keep them (a practitioner of another discipline reads them on the page, but has
#: no use for them among the coop's administration)
NAV_ITEMS = [NavItem("psychology.reports", _("Reports"), "reports.index",
                     section="admin", permission=REPORTS, order=62),
             NavItem("psychology.crisis_lines", _("Crisis lines"), "psychology.crisis_lines",
                     section="admin", permission=CRISIS_LINES, order=63,
                     visible=may_keep_crisis_lines)]
