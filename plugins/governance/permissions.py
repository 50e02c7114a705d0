"""Who does what in the coop's governance: the secretary, the board, the assembly's chair.

Votes are secret from everyone, administrators included: no permission shows who chose what,
because nothing stored can tell it. Members reach their own pages (sign in, vote, their
groups' proposals) through the portal, without any of these permissions.
"""

from __future__ import annotations

from core.api import NavItem, PermissionSpec, RoleSpec

from plugins.governance import _

CONVENE = "governance.assemblies.convene"
RUN = "governance.assemblies.run"
VIEW = "governance.assemblies.view"
GROUPS = "governance.groups.manage"
REPORTS = "governance.reports.view"

SECRETARY, BOARD, CHAIR = "governance.secretary", "governance.board", "governance.chair"


def roles() -> list[RoleSpec]:
    """The governance roles (none clinical)."""
    return [
        RoleSpec(SECRETARY, _("Secretary"),
                 _("Convenes assemblies, sends the notices, keeps the minutes and resolutions."),
                 demo_account=("secretaire", "Claire Fortin, secrétaire")),
        RoleSpec(BOARD, _("Board member"),
                 _("Reads assemblies and resolutions, takes part in the board's decisions."),
                 demo_account=("conseil", "Amadou Diallo, administrateur")),
        RoleSpec(CHAIR, _("Assembly chair"),
                 _("Runs the assembly on the day: sign-in, motions, votes, results."),
                 demo_account=("presidence", "Rose Thériault, présidente d’assemblée")),
    ]


def permissions() -> list[PermissionSpec]:
    """The permissions and the roles that get them on a new installation."""
    return [
        PermissionSpec(CONVENE, _("Convene assemblies, send notices, draft minutes"),
                       default_roles=("admin", "coordinator", SECRETARY)),
        PermissionSpec(RUN, _("Run an assembly: sign members in, open and close votes"),
                       default_roles=("admin", "coordinator", "reception", SECRETARY, CHAIR)),
        PermissionSpec(VIEW, _("See assemblies, attendance and resolutions"),
                       default_roles=("admin", "coordinator", "reception", SECRETARY, BOARD,
                                      CHAIR)),
        PermissionSpec(GROUPS, _("Create groups and choose their members"),
                       default_roles=("admin", "coordinator", SECRETARY)),
        PermissionSpec(REPORTS, _("See governance reports and the annual report"),
                       default_roles=("admin", "coordinator", SECRETARY, BOARD)),
    ]


def nav_items() -> list[NavItem]:
    """Assemblies and decisions for staff; the member's assemblies and groups in the portal."""
    return [
        NavItem("governance.assemblies", _("Assemblies"), "governance.assemblies.index",
                permission=VIEW, order=70),
        NavItem("governance.decisions", _("Decisions"), "governance.decisions.groups",
                order=71),
        NavItem("governance.my_assemblies", _("General assemblies"), "governance.vote.mine",
                section="portal", order=20),
    ]
