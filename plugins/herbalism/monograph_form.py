"""The monograph editor's form, read into a monograph document (and back, to fill the form).

A coordinator edits a monograph field by field: names, part used, preparations, uses (clinical
or traditional), contraindications, cautions, interaction rules with their sources, the sources
themselves and the date of the last review. Repeated parts are numbered rows
(``uses.0.claim.fr``); a row left blank is dropped. What the form does not show (doses,
pregnancy, lactation, children, adverse effects, conditions, the kava block) is kept from the
version being corrected. The document is then validated by :mod:`monograph_schema`, whose
messages come back keyed like the inputs (``uses.0.claim``), so each shows beside its row.
"""

from __future__ import annotations

import copy
import re

#: blank rows offered after the existing ones, per repeated part
SPARE = {"preparations": 2, "uses": 2, "contraindications": 2, "warnings": 2,
         "interactions": 1, "sources": 1}
LISTS = re.compile(r"[,;\n]")


def _words(text: str) -> list[str]:
    return [w.strip() for w in LISTS.split(text or "") if w.strip()]


def _rows(form, part: str) -> dict[int, dict[str, str]]:
    """``{index: {rest of the name: value}}`` of the inputs named ``part.<index>.<rest>``."""
    rows: dict[int, dict[str, str]] = {}
    for name, value in form.items():
        prefix, _dot, rest = name.partition(".")
        index, _dot, key = rest.partition(".")
        if prefix == part and index.isdigit() and key:
            rows.setdefault(int(index), {})[key] = value.strip()
    return {i: rows[i] for i in sorted(rows)}


def _text(row: dict, key: str) -> dict:
    return {"fr": row.get(f"{key}.fr", ""), "en": row.get(f"{key}.en", "")}


def _blank(row: dict) -> bool:
    return not any(row.values())


def document(base: dict, form) -> dict:
    """``base`` with what the form says (nothing validated yet)."""
    doc = copy.deepcopy(base)
    get = form.get
    if get("code") is not None:
        doc["code"] = get("code", "").strip()
    for key in ("latin_binomial", "family"):
        doc[key] = get(key, "").strip()
    doc["common_names"] = {"fr": _words(get("names.fr", "")), "en": _words(get("names.en", ""))}
    doc["part_used"] = {"fr": get("part_used.fr", "").strip(), "en": get("part_used.en", "").strip()}
    doc["reviewed_on"] = get("reviewed_on", "").strip() or None
    kept = {part: [(i, r) for i, r in _rows(form, part).items() if not _blank(r)]
            for part in SPARE}
    doc["preparations"] = [{"form": r.get("form", ""), "ratio": r.get("ratio", ""),
                            "solvent": r.get("solvent", "")} for _i, r in kept["preparations"]]
    doc["uses"] = [{"claim": _text(r, "claim"), "evidence": r.get("evidence", "")}
                   for _i, r in kept["uses"]]
    for part in ("contraindications", "warnings"):
        doc[part] = [{"fr": r.get("fr", ""), "en": r.get("en", "")} for _i, r in kept[part]]
    doc["interactions"] = [
        {"id": r.get("id", ""), "classes": _words(r.get("classes", "")),
         "herbs": _words(r.get("herbs", "")), "severity": r.get("severity", ""),
         "effect": _text(r, "effect"), "advice": _text(r, "advice"),
         "sources": _words(r.get("sources", ""))} for _i, r in kept["interactions"]]
    doc["sources"] = {r.get("key", "") or f"source{i + 1}": {
        "kind": r.get("kind", ""), "title": r.get("title", ""), "url": r.get("url", ""),
        "published": r.get("published") or None, "consulted": r.get("consulted", "")}
        for i, r in kept["sources"]}
    return doc


def values(doc: dict) -> dict[str, str]:
    """The form's inputs filled from a document (what the editor shows first)."""
    out = {"code": doc.get("code", ""), "latin_binomial": doc.get("latin_binomial", ""),
           "family": doc.get("family", ""),
           "names.fr": ", ".join(doc.get("common_names", {}).get("fr", [])),
           "names.en": ", ".join(doc.get("common_names", {}).get("en", [])),
           "part_used.fr": (doc.get("part_used") or {}).get("fr", ""),
           "part_used.en": (doc.get("part_used") or {}).get("en", ""),
           "reviewed_on": doc.get("reviewed_on") or ""}
    for i, prep in enumerate(doc.get("preparations", [])):
        out |= {f"preparations.{i}.{k}": prep.get(k) or "" for k in ("form", "ratio", "solvent")}
    for i, use in enumerate(doc.get("uses", [])):
        out |= {f"uses.{i}.claim.fr": use["claim"]["fr"], f"uses.{i}.claim.en": use["claim"]["en"],
                f"uses.{i}.evidence": use["evidence"]}
    for part in ("contraindications", "warnings"):
        for i, text in enumerate(doc.get(part, [])):
            out |= {f"{part}.{i}.fr": text["fr"], f"{part}.{i}.en": text["en"]}
    for i, rule in enumerate(doc.get("interactions", [])):
        out |= {f"interactions.{i}.id": rule["id"], f"interactions.{i}.severity": rule["severity"],
                f"interactions.{i}.classes": ", ".join(rule.get("classes", [])),
                f"interactions.{i}.herbs": ", ".join(rule.get("herbs", [])),
                f"interactions.{i}.sources": ", ".join(rule.get("sources", []))}
        for key in ("effect", "advice"):
            out |= {f"interactions.{i}.{key}.{lang}": rule[key][lang] for lang in ("fr", "en")}
    for i, (key, source) in enumerate((doc.get("sources") or {}).items()):
        out |= {f"sources.{i}.key": key} | {f"sources.{i}.{k}": source.get(k) or "" for k in
                                           ("kind", "title", "url", "published", "consulted")}
    return out


def row_counts(doc: dict, form=None) -> dict[str, int]:
    """How many rows to draw per repeated part: the document's (or the posted form's) and the
    spare blank ones."""
    counts = {}
    for part, spare in SPARE.items():
        posted = len(_rows(form, part)) if form is not None else 0
        counts[part] = max(posted, len(doc.get(part) or []) + spare)
    return counts


def renumber(errors: dict[str, list[str]], form) -> dict[str, list[str]]:
    """The schema's messages keyed by the form's rows (blank rows were left out of the
    document, and sources are keyed by name there)."""
    kept = {part: [i for i, r in _rows(form, part).items() if not _blank(r)] for part in SPARE}
    source_rows = {r.get("key", "") or f"source{i + 1}": i for i, r in _rows(form, "sources").items()
                   if not _blank(r)}
    out: dict[str, list[str]] = {}
    for key, messages in errors.items():
        part, _dot, rest = key.partition(".")
        index, _dot, tail = rest.partition(".")
        if part == "sources" and index in source_rows:
            tail = tail.removeprefix("value.")  # marshmallow names a mapping's values so
            key = f"sources.{source_rows[index]}" + (f".{tail}" if tail else "")
        elif part in kept and index.isdigit() and int(index) < len(kept[part]):
            key = f"{part}.{kept[part][int(index)]}" + (f".{tail}" if tail else "")
        out.setdefault(key, []).extend(messages)
    return out
