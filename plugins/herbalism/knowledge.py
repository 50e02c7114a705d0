"""The shipped knowledge: the ATC subset and the plant families people react to.

Everything lives in ``data/`` beside this module (the monographs too, read and validated by
:func:`plugins.herbalism.monograph_schema.shipped_monographs`), as JSON a reviewer can read and
diff, so the
check works without internet access and every version of it can be traced. The files are read
once per process; a broken file raises :class:`KnowledgeError`, which the check turns into "the
check did not run" (never into "no interaction").
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


class KnowledgeError(RuntimeError):
    """The shipped data could not be read or is not valid."""


def read(path: Path) -> dict:
    """One JSON file of ``data/``; :class:`KnowledgeError` when it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"{path.name}: {exc}") from exc


@cache
def atc_data() -> dict:
    """``atc.json``: drug classes (id -> name, ATC codes or prefixes) and named drugs."""
    return read(DATA / "atc.json")


def atc_classes() -> dict:
    """Drug class id -> ``{"name": {fr, en}, "atc": [codes or prefixes]}``."""
    return atc_data()["classes"]


def drugs() -> list[dict]:
    """The drugs a person can pick by name: ``{"atc": "N06AB06", "name": {fr, en}}``."""
    return atc_data()["drugs"]


def drug_name(atc: str, locale: str) -> str | None:
    """The shipped name of the drug with this ATC code, in ``locale``, or None."""
    for drug in drugs():
        if drug["atc"] == atc:
            return text(drug["name"], locale)
    return None


def classes_of(atc: str) -> list[str]:
    """Ids of the classes whose codes or prefixes cover ``atc`` (``N06AB06`` -> ``ssri``)."""
    return [cid for cid, cls in atc_classes().items()
            if any(atc.startswith(prefix) for prefix in cls["atc"])]


@cache
def allergy_groups() -> dict:
    """Plant family id -> ``{"name": {fr, en}, "terms": [words in an allergy line]}``."""
    return read(DATA / "allergy_groups.json")["groups"]


def text(value, locale: str) -> str:
    """A bilingual text in ``locale`` (fr_CA reads French), falling back to the other one."""
    if not value:
        return ""
    if isinstance(value, str):
        return value
    lang = "fr" if str(locale).startswith("fr") else "en"
    return value.get(lang) or value.get("en") or value.get("fr") or ""


def herb_name(doc: dict, locale: str) -> str:
    """The first common name in ``locale``, with the Latin binomial: "Millepertuis (Hypericum
    perforatum L.)"."""
    names = doc["common_names"]["fr" if str(locale).startswith("fr") else "en"]
    return f"{names[0]} ({doc['latin_binomial']})"
