"""The privacy area's role, permissions and menu entries, declared through core's own hooks."""

from __future__ import annotations

from core.i18n import _
from core.privacy.officer import PERMISSION, ROLE
from core.specs import NavItem, PermissionSpec, RoleSpec


def roles() -> list[RoleSpec]:
    """The privacy officer: given and taken only by a designation (Admin > Privacy officer)."""
    return [RoleSpec(ROLE, _("Privacy officer"),
                     _("Responsible for the protection of personal information: incidents, "
                       "retention and destruction, access reviews."))]


def permissions() -> list[PermissionSpec]:
    """What only the privacy officer does."""
    return [PermissionSpec(PERMISSION, _("Act as the privacy officer (incidents, retention "
                                         "and destruction)"), default_roles=(ROLE,))]


def nav_items() -> list[NavItem]:
    """The designation page, for administrators."""
    return [NavItem("core.privacy_officer", _("Privacy officer"), "privacy.designation",
                    section="admin", permission="core.admin.accounts", order=35)]
