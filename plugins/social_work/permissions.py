"""What a role may do with the social work service, beyond core's chart permissions.

Chart entries (the record, the screens) are decided by core and ``access.py``. These codes open
the plugin's pages: referrals (social workers), the directory (coordinators and the coop's
resource navigators, a role the plugin adds: trained to screen and to keep the directory, never
the social worker's record), reports and the coop's settings.
"""

from __future__ import annotations

from core.api import NavItem, PermissionSpec, RoleSpec

from plugins.social_work import _

REFERRALS = "social_work.referrals"
DIRECTORY = "social_work.directory"
REPORTS = "social_work.reports"
SETTINGS = "social_work.settings"
NAVIGATOR = "social_work.navigator"

PERMISSIONS = [
    PermissionSpec(REFERRALS, _("Follow people's referrals to community services"),
                   _("Propose, send with consent, follow up and close referrals."),
                   default_roles=("practitioner",)),
    PermissionSpec(DIRECTORY, _("Keep the community resource directory"),
                   _("Add, edit and verify services; import and export HSDS."),
                   default_roles=("admin", "coordinator", NAVIGATOR)),
    PermissionSpec(REPORTS, _("See the social work service's anonymous figures"),
                   _("Screens, referrals, closure, needs; small cells hidden."),
                   default_roles=("admin", "coordinator")),
    PermissionSpec(SETTINGS, _("Change the social work service's settings"),
                   _("The loneliness threshold."), default_roles=("admin", "coordinator")),
]

ROLES = [RoleSpec(NAVIGATOR, _("Resource navigator"),
                  _("Keeps the community resource directory up to date."), clinical=False)]

NAV_ITEMS = [
    NavItem("social_work.referrals", _("Referrals"), "social_work.referral_list",
            permission=REFERRALS, order=45),
    NavItem("social_work.directory", _("Resource directory"), "social_work.directory_list",
            permission=DIRECTORY, order=46),
    NavItem("social_work.reports", _("Reports"), "reports.index", section="admin",
            permission=REPORTS, order=64),
    NavItem("social_work.settings", _("Social work settings"), "social_work.settings",
            section="admin", permission=SETTINGS, order=65),
    NavItem("social_work.portal", _("My referrals"), "social_work.my_referrals",
            section="portal", order=62),
]
