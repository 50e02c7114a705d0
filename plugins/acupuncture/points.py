"""Chapter 1: the points, as the WHO names them and as Quebec acupuncturists write them.

The data lives in ``data/points.json`` (versioned, with its sources). The 361 classical codes
are not listed there one by one: each meridian gives its point count and its names in order,
and the codes ``LU1 ... LU11`` are generated from the count, so a missing or extra name is a
loading error, not a silent shift. Extra points keep their own WHO codes (``EX-HN3``).

Search (:func:`search`) accepts what people type: the WHO code in any case and spacing
("li4", "LI 4", "li-4"), the French abbreviation ("GI4", "V67", "VG20"), the pinyin with or
without tones ("hegu", "Hégǔ"), an alias ("renzhong"), the Han characters, or the meridian's
name and number in English or French ("large intestine 4", "gros intestin 4").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "points.json"
CODE_RE = re.compile(r"^(?:(LU|LI|ST|SP|HT|SI|BL|KI|PC|TE|GB|LR|GV|CV)([1-9]\d?)"
                     r"|EX-(HN|CA|B|UE|LE)([1-9]\d?))$")
MIDLINE = ("GV", "CV")


def fold(text: str) -> str:
    """Lower case, no accents or tone marks, letters and digits only: "Hé-gǔ 4" -> "hegu4"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "")).casefold()
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


@dataclass(frozen=True)
class Meridian:
    """A meridian (or vessel): its WHO code, its French abbreviation, its names and count."""

    code: str
    fr: str
    en_name: str
    fr_name: str
    count: int


@dataclass(frozen=True)
class Point:
    """One point: the WHO code is its identity; the rest is how people find and read it."""

    code: str
    pinyin: str
    hanzi: str
    #: the French abbreviation in use in Quebec (GI4); the WHO code for extra points
    fr_code: str
    en_name: str
    fr_name: str
    meridian: str | None = None
    number: int | None = None
    region: str | None = None
    aliases: tuple[str, ...] = ()
    keys: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    @property
    def midline(self) -> bool:
        """Governor and Conception vessel points sit on the midline: no side to choose."""
        return self.meridian in MIDLINE or self.code in MIDLINE_EXTRA

    def name(self, locale: str) -> str:
        """"Large Intestine 4" or "Gros intestin 4" (extra points: their region)."""
        return self.fr_name if str(locale).startswith("fr") else self.en_name

    def shown_code(self, locale: str) -> str:
        """The code as the reader writes it: "GI4 (LI4)" in French, "LI4" in English."""
        if str(locale).startswith("fr") and self.fr_code != self.code:
            return f"{self.fr_code} ({self.code})"
        return self.code

    def label(self, locale: str) -> str:
        """One line for lists and pickers: code, pinyin, characters, name."""
        return f"{self.shown_code(locale)} · {self.pinyin} {self.hanzi} · {self.name(locale)}"


#: extra points on the midline (no side): Yintang, Yaoqi, Shiqizhui
MIDLINE_EXTRA = frozenset({"EX-HN3", "EX-B8", "EX-B9", "EX-HN10", "EX-HN11"})


@dataclass(frozen=True)
class PointSet:
    """Everything loaded from the data file: meridians, points by code, version, sources."""

    version: str
    sources: tuple[str, ...]
    meridians: tuple[Meridian, ...]
    points: dict[str, Point]

    def get(self, code: str) -> Point | None:
        """The point with this exact WHO code, or None."""
        return self.points.get(code)


def _keys(*texts) -> frozenset[str]:
    return frozenset(k for k in (fold(t) for t in texts) if k)


def _meridian_points(item: dict) -> tuple[Meridian, list[Point]]:
    meridian = Meridian(item["code"], item["fr"], item["en"], item["fr_name"], item["count"])
    names = item["names"]
    if len(names) != meridian.count:
        raise ValueError(f"{meridian.code}: {len(names)} names for {meridian.count} points")
    points = []
    for number, name in enumerate(names, start=1):
        pinyin, hanzi, *rest = name
        aliases = tuple(rest[0]) if rest else ()
        code, fr_code = f"{meridian.code}{number}", f"{meridian.fr}{number}"
        en, fr = f"{meridian.en_name} {number}", f"{meridian.fr_name} {number}"
        points.append(Point(code, pinyin, hanzi, fr_code, en, fr, meridian.code, number,
                            aliases=aliases, keys=_keys(code, fr_code, pinyin, hanzi, en, fr,
                                                        *aliases)))
    return meridian, points


def _extra_point(item: dict, regions: dict) -> Point:
    code = item["code"]
    match = CODE_RE.match(code)
    if not match or not match.group(3):
        raise ValueError(f"extra point code {code!r} is not EX-<region><number>")
    region, number = match.group(3), match.group(4)
    en_region, fr_region = regions[region]
    aliases = tuple(item.get("aliases", ()))
    en, fr = f"Extra point, {en_region} {number}", f"Point extra, {fr_region} {number}"
    return Point(code, item["pinyin"], item["hanzi"], code, en, fr, region=region,
                 number=int(number), aliases=aliases,
                 keys=_keys(code, item["pinyin"], item["hanzi"], *aliases))


def load(path: Path = DATA) -> PointSet:
    """Read and check the data file: counts match the names, codes are well formed and unique."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    meridians, points = [], {}
    for item in raw["meridians"]:
        meridian, found = _meridian_points(item)
        meridians.append(meridian)
        points.update((p.code, p) for p in found)
    for item in raw["extra_points"]:
        point = _extra_point(item, raw["regions"])
        if point.code in points:
            raise ValueError(f"{point.code} appears twice")
        points[point.code] = point
    return PointSet(raw["version"], tuple(raw["sources"]), tuple(meridians), points)


@cache
def standard() -> PointSet:
    """The shipped point set, loaded once per process."""
    return load()


def get(code: str) -> Point | None:
    """The point with this WHO code in the shipped set, or None."""
    return standard().get(code)


def shown(code: str, locale: str) -> str:
    """A stored WHO code as the reader writes it ("GI4 (LI4)" in French, "LI4" in English),
    as the session's point table shows it; a code the point set does not know, as stored."""
    found = get(code)
    return found.shown_code(locale) if found else code


def search(query: str, limit: int = 12) -> list[Point]:
    """Points matching what was typed, best first: an exact code (WHO or French) first, then an
    exact pinyin, alias or name, then names that start with it, then names that contain it."""
    wanted = fold(query)
    if not wanted:
        return []
    ranked: list[tuple[int, int, str, Point]] = []
    for order, point in enumerate(standard().points.values()):
        exact_code = wanted in (fold(point.code), fold(point.fr_code))
        if exact_code:
            rank = 0
        elif wanted in point.keys:
            rank = 1
        elif any(k.startswith(wanted) for k in point.keys):
            rank = 2
        elif len(wanted) >= 3 and any(wanted in k for k in point.keys):
            rank = 3
        else:
            continue
        ranked.append((rank, order, point.code, point))
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [r[3] for r in ranked[:limit]]


def resolve(query: str) -> tuple[Point | None, list[Point]]:
    """(the one point meant, []) when the text names exactly one; else (None, candidates)."""
    found = search(query)
    if not found:
        return None, []
    best = [p for p in found if _rank(query, p) == _rank(query, found[0])]
    if len(best) == 1 and _rank(query, found[0]) <= 1:
        return found[0], []
    return None, found


def _rank(query: str, point: Point) -> int:
    wanted = fold(query)
    if wanted in (fold(point.code), fold(point.fr_code)):
        return 0
    return 1 if wanted in point.keys else 2
