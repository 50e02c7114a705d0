"""Volunteering's pages: the coordination's shifts and hours, the member's own in the portal."""

from core.volunteering import models  # noqa: F401  (tables in the metadata)

blueprints: list = []
