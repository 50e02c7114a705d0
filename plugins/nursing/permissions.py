"""Who may do what in the nursing service (codes ``nursing.*``)."""

from __future__ import annotations

from core.api import NavItem, PermissionSpec

from plugins.nursing import _

APPLY_OC, MANAGE_OC, VIEW_REPORTS = "nursing.oc.apply", "nursing.oc.manage", "nursing.reports.view"


def permission_specs() -> list[PermissionSpec]:
    """Nurses apply OCs (the engine still checks discipline and training); coordinators keep
    the register and read the reports."""
    return [
        PermissionSpec(APPLY_OC, _("Apply ordonnances collectives"),
                       default_roles=("practitioner",)),
        PermissionSpec(MANAGE_OC, _("Keep the register of ordonnances collectives"),
                       default_roles=("admin", "coordinator")),
        PermissionSpec(VIEW_REPORTS, _("View nursing reports"),
                       default_roles=("admin", "coordinator")),
    ]


def nav_items() -> list[NavItem]:
    """The register, for those who keep it; the reports (drawn by core), for those who read them."""
    return [NavItem("nursing.registry", _("Ordonnances collectives"), "nursing.registry_page",
                    section="admin", permission=MANAGE_OC, order=60),
            NavItem("nursing.reports", _("Reports"), "reports.index", section="admin",
                    permission=VIEW_REPORTS, order=61)]
