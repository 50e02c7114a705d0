"""Audit trail of chart data: append-only, hash-chained events (who, what, when, why, where)."""
