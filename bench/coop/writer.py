"""Bulk writing: rows buffered per table, written with COPY on PostgreSQL, executemany elsewhere.

Ids are given by the generator (so rows can point at each other before anything is written);
on PostgreSQL the sequences are moved past them at the end. Columns a row leaves out get the
model's Python default, exactly as an ORM insert would, so COPY never stores a NULL where the
platform would have stored a default.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import JSON, Table, func, select, text

from core.db import Base


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _defaults(table: Table) -> dict:
    out = {}
    for column in table.columns:
        default = column.default
        if default is None or not (default.is_scalar or default.is_callable):
            continue
        out[column.name] = default.arg
    return out


class Writer:
    """Buffers rows per table and writes them in foreign-key order on :meth:`flush`."""

    def __init__(self, connection, batch: int = 20000):
        self.connection = connection
        self.pg = connection.dialect.name == "postgresql"
        self.batch = batch
        self.buffers: dict[str, list[dict]] = {}
        self.written: dict[str, int] = {}
        self._defaults: dict[str, dict] = {}
        self._order = [t.name for t in Base.metadata.sorted_tables]
        self._json_cache: dict[int, tuple] = {}

    def next_ids(self, *tables: str) -> dict[str, int]:
        """The first free id of each table (rows are numbered by the generator)."""
        return {name: (self.connection.execute(select(func.max(_table(name).c.id))).scalar() or 0) + 1
                for name in tables}

    def add(self, table: str, row: dict) -> None:
        self.buffers.setdefault(table, []).append(row)

    def pending(self) -> int:
        return sum(len(rows) for rows in self.buffers.values())

    def flush(self) -> int:
        """Write every buffered row (parents before children); the number written."""
        total = 0
        for name in sorted(self.buffers, key=self._order.index):
            rows = self.buffers.pop(name)
            if rows:
                self._write(_table(name), self._complete(name, rows))
                self.written[name] = self.written.get(name, 0) + len(rows)
                total += len(rows)
        return total

    def _complete(self, name: str, rows: list[dict]) -> list[dict]:
        if name not in self._defaults:
            self._defaults[name] = _defaults(_table(name))
        columns = [c.name for c in _table(name).columns]
        defaults = self._defaults[name]
        out = []
        for row in rows:
            full = {}
            for column in columns:
                if column in row:
                    full[column] = row[column]
                elif column in defaults:
                    value = defaults[column]
                    full[column] = value(None) if callable(value) else value
                else:
                    full[column] = None
            out.append(full)
        return out

    def _write(self, table: Table, rows: list[dict]) -> None:
        if not self.pg:
            for start in range(0, len(rows), self.batch):
                self.connection.execute(table.insert(), rows[start:start + self.batch])
            return
        columns = list(rows[0])
        json_columns = {c.name for c in table.columns if isinstance(c.type, JSON)}
        raw = self.connection.connection.dbapi_connection
        quoted = ", ".join(f'"{c}"' for c in columns)
        with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([self._json(row[c]) if c in json_columns else _pg_value(row[c])
                                for c in columns])

    def _json(self, value) -> str | None:
        """JSON text; payloads drawn from a pool are serialised once (same object, same text)."""
        if value is None:
            return None
        cached = self._json_cache.get(id(value))
        if cached is not None and cached[0] is value:
            return cached[1]
        if len(self._json_cache) > 50_000:
            self._json_cache.clear()
        text_ = json.dumps(value, ensure_ascii=False)
        self._json_cache[id(value)] = (value, text_)
        return text_

    def fix_sequences(self) -> None:
        """PostgreSQL: move each written table's id sequence past the largest id."""
        if not self.pg:
            return
        for name in self.written:
            if "id" in _table(name).c and _table(name).c.id.autoincrement in (True, "auto"):
                self.connection.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT coalesce(max(id), 1) FROM \"{name}\"))"))


def _pg_value(value):
    if isinstance(value, datetime) and value.tzinfo is None:
        raise ValueError("naive datetime refused: pass a timezone-aware value")
    return value
