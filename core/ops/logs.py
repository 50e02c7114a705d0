"""Log lines as JSON objects, one per line, each with the request id when there is a request.

The id is the one an error page shows ("error number"), so a coordinator can quote it and the
person running the server finds the matching lines with ``grep``. Lines carry no personal
data: paths without query strings, no names, no form contents.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import datetime, timezone

#: attributes every LogRecord has; anything else passed through ``extra=`` is logged as a field
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """``{"time": ..., "level": ..., "logger": ..., "message": ..., "request_id": ..., ...}``."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                "level": record.levelname.lower(), "logger": record.name,
                "message": record.getMessage()}
        request_id = _request_id()
        if request_id:
            line["request_id"] = request_id
        line.update({k: v for k, v in record.__dict__.items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def _request_id() -> str | None:
    try:
        from core.ops.web import current_request_id

        return current_request_id()
    except RuntimeError:  # outside an application context
        return None


def configure_logging(level: int = logging.INFO, stream=None) -> logging.Handler:
    """Send every log record of the process to stderr (or ``stream``) as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler
