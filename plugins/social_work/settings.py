"""The coop's settings for social work: today, the loneliness threshold.

The UCLA 3-item scale has no official cut-off (studies use 6, some 4), so each coop decides; the
raw total is always kept on the entry, so changing the threshold never rewrites the past.
"""

from __future__ import annotations

from sqlalchemy import select

from core.api import Refused, utcnow

from plugins.social_work import _
from plugins.social_work.models import Setting

LONELINESS = "loneliness_threshold"
DEFAULT_LONELINESS = 6


class SettingRefused(Refused):
    """The change cannot be made: ``messages`` is ``{field: [text]}`` (core's refusal)."""

    def __init__(self, messages: dict):
        super().__init__(messages=messages)


def loneliness_threshold(session) -> int:
    """The UCLA-3 total from which a screen counts as lonely (3 to 9; default 6)."""
    row = session.execute(select(Setting).where(Setting.key == LONELINESS)).scalar()
    return int(row.value) if row is not None else DEFAULT_LONELINESS


def set_loneliness_threshold(session, value, *, by) -> int:
    """Keep a new threshold (no commit); refuse anything but a whole number from 3 to 9."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        number = None
    if number is None or not 3 <= number <= 9:
        raise SettingRefused({LONELINESS: [str(_("Enter a whole number from 3 to 9."))]})
    row = session.execute(select(Setting).where(Setting.key == LONELINESS)).scalar()
    if row is None:
        row = Setting(key=LONELINESS, value="")
        session.add(row)
    row.value, row.changed_by_id, row.changed_at = str(number), by.id, utcnow()
    session.flush()
    return number
