"""A group's rows as one string, for a panel's question asked with the chart's: every value
comes back as it was, whatever it holds (commas, spaces, digits, line breaks, accents), NULL
as None, on SQLite and PostgreSQL alike."""

import pytest
from sqlalchemy import Integer, String, literal, null, select, union_all

from core.db import joined_rows, split_rows

ROWS = [("1", "Ligne 9-8-8, 24/7"), ("2", "3 4\n5,6 - «é» 🙂"), ("3", ""), ("4", None)]


def test_every_value_comes_back_as_it_was(db):
    group = union_all(*(select(literal(int(key), Integer).label("key"),
                               (literal(text, String) if text is not None
                                else null()).label("text"))
                        for key, text in ROWS)).subquery()
    answer = db.scalar(select(joined_rows(group.c.key, group.c.text)))
    assert sorted(split_rows(answer, 2)) == ROWS


def test_no_row_and_what_is_not_such_an_answer():
    assert split_rows(None, 2) == []
    assert split_rows("1 a1 b", 2) == [("a", "b")] and split_rows("-0 ", 2) == [(None, "")]
    for wrong in ("1 a", "2 a", "x a1 b", "1 a1 b;1 c1 d"):
        with pytest.raises(ValueError):
            split_rows(wrong, 2)
