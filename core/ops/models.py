"""What the operations side remembers: the last good backup, the worker's last heartbeat."""

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base, JSONType, UTCDateTime, utcnow

#: the names of the marks (one row each, overwritten)
BACKUP_OK, WORKER_HEARTBEAT = "backup_ok", "worker_heartbeat"


class OpsMark(Base):
    """The last time something happened (one row per name), with a detail without personal data:
    ``backup_ok`` (file name, size, checksum), ``worker_heartbeat`` (host, process id)."""

    __tablename__ = "core_ops_marks"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    detail: Mapped[dict] = mapped_column(JSONType, default=dict)
