"""The chart pages, the record's JSON API and the member portal."""

from core.audit import models as _audit_models  # noqa: F401  (tables known to migrations)
from core.record import models as _models  # noqa: F401

blueprints = []
