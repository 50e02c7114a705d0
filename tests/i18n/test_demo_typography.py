"""What the software itself writes in French is written with the typographic apostrophe.

The catalogs are corrected as they load (``core.typography.french``), but what the software
stores is read as stored: the demo's directory ("Centre d'écoute Le Phare"), an assembly's
agenda, the board's name, the shipped monographs and ordonnances collectives, the crisis lines
seeded by a migration. What people type is theirs and is never rewritten; this scans only the
rows the migrations and ``soin demo`` write.
"""

import re

from sqlalchemy import JSON, String, Text, select

#: a French elision typed with a straight apostrophe: "l'accueil", "d'urgence", "qu'il",
#: "aujourd'hui". English ("the coop's", "St John's wort") and names ("O'Brien") are not elisions.
STRAIGHT_ELISION = re.compile(r"(?<![^\W\d_])(?:[ldnsjmtc]|qu|jusqu|lorsqu|puisqu|quelqu"
                              r"|aujourd)'(?=[^\W\d_])", re.IGNORECASE)


def _texts(value, where: str):
    """``(where, text)`` for every string in a column's value; the English of a
    ``{"fr": ..., "en": ...}`` document is English and is left out."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if not str(key).startswith("en"):
                yield from _texts(inner, f"{where}.{key}")
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _texts(inner, where)


def straight_apostrophes(session) -> list[str]:
    """``table.column: text`` for each stored French text with a straight elision."""
    from core.db import Base

    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        if not columns:
            continue
        for row in session.execute(select(*columns)):
            for column, value in zip(columns, row, strict=True):
                for where, text in _texts(value, f"{table.name}.{column.name}"):
                    if STRAIGHT_ELISION.search(text):
                        found.append(f"{where}: {text[:120]}")
    return sorted(set(found))


def test_the_demo_and_the_seeded_rows_write_french_with_the_typographic_apostrophe(app, db):
    from core.demo import load_demo

    assert load_demo(db, app)
    found = straight_apostrophes(db)
    assert found == [], "\n".join(found)


def test_the_scan_sees_a_straight_elision_and_leaves_english_and_names(db, make_person):
    assert STRAIGHT_ELISION.search("Centre d'écoute")
    assert STRAIGHT_ELISION.search("L'alcool") and STRAIGHT_ELISION.search("jusqu'à")
    for english in ("St John's wort", "the coop's threshold", "O'Brien", "Today's INR", "Fù'āi"):
        assert not STRAIGHT_ELISION.search(english), english
    assert list(_texts({"fr": "Ligne d'aide", "en": "Helpline's"}, "t")) == [
        ("t.fr", "Ligne d'aide")]
    make_person("Test", "Centre d'écoute")
    assert any(hit.startswith("core_persons.last_name: Centre d'écoute")
               for hit in straight_apostrophes(db))
