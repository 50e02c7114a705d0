"""The body map: front and back, the meridians drawn, the session's points marked.

Drawn from ``data/bodymap.json``: a silhouette, and for each meridian the course it follows on
each view with the range of point numbers along it. Points are spread evenly along that course
(so the map needs no coordinate per point and follows the data file's counts); bilateral
meridians are mirrored. It is a schematic for finding and showing points, not the WHO location
of each one. Every point on the map is a link that fills in the add-point form (no script).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from plugins.acupuncture import _, points

DATA = Path(__file__).parent / "data" / "bodymap.json"
MIDLINE = ("GV", "CV")


@dataclass(frozen=True)
class Dot:
    """One point drawn on a view."""

    code: str
    x: float
    y: float
    label: str
    used: bool
    #: the small label beside a session's point, as the point table writes it ("GI4 (LI4)")
    shown: str = ""

    @property
    def label_lines(self) -> tuple[str, ...]:
        """The small label on two lines ("GI4", "(LI4)"): "GI4 (LI4)" on one line ran into
        the other side's label between the legs and off the map at the hands."""
        return tuple(self.shown.split(" ", 1))

    @property
    def left(self) -> bool:
        """On the figure's left half: the label goes outward (to the left), away from the
        mirrored point's label."""
        return self.x < layout()["viewbox"][2] / 2


@dataclass(frozen=True)
class View:
    """One side of the body, ready for the template."""

    key: str
    title: str
    silhouette: str
    lines: tuple[tuple[str, str, str], ...]  # (meridian, colour, svg points)
    dots: tuple[Dot, ...]
    viewbox: str


@cache
def layout() -> dict:
    """The map's data file."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def _along(path: list[list[float]], count: int) -> list[tuple[float, float]]:
    """``count`` positions spread evenly along the polyline ``path`` (ends included)."""
    lengths = [math.dist(a, b) for a, b in zip(path, path[1:], strict=False)]
    total = sum(lengths)
    out = []
    for i in range(count):
        target = total * (i / (count - 1) if count > 1 else 0.5)
        for (a, b), length in zip(zip(path, path[1:], strict=False), lengths, strict=False):
            if target <= length or (a, b) == (path[-2], path[-1]):
                t = 0 if length == 0 else min(target / length, 1)
                out.append((round(a[0] + (b[0] - a[0]) * t, 1),
                            round(a[1] + (b[1] - a[1]) * t, 1)))
                break
            target -= length
    return out


def _mirror(path):
    width = layout()["viewbox"][2]
    return [[width - x, y] for x, y in path]


@cache
def positions() -> dict[str, list[tuple[str, float, float]]]:
    """Every point on the map: code -> [(view, x, y), ...] (two places for bilateral points)."""
    found: dict[str, list[tuple[str, float, float]]] = {}
    for meridian, segments in layout()["meridians"].items():
        for view, first, last, path in segments:
            courses = [path] if meridian in MIDLINE else [path, _mirror(path)]
            for course in courses:
                for number, (x, y) in zip(range(first, last + 1),
                                          _along(course, last - first + 1), strict=False):
                    found.setdefault(f"{meridian}{number}", []).append((view, x, y))
    for code, (view, x, y) in layout()["extra_points"].items():
        found.setdefault(code, []).append((view, x, y))
        if x != 100:
            found[code].append((view, _mirror([[x, y]])[0][0], y))
    return found


#: segments closer than this are drawn as one line (the course goes on); farther ones, such
#: as the bladder meridian's second line back up the spine, start a new line
JOIN = 40


def _courses(view: str, segments) -> list[list]:
    """The drawn lines of one meridian on one view: consecutive segments joined."""
    courses: list[list] = []
    for seg_view, _first, _last, path in segments:
        if seg_view != view:
            continue
        if courses and math.dist(courses[-1][-1], path[0]) < JOIN:
            courses[-1] = courses[-1] + list(path)
        else:
            courses.append(list(path))
    return courses


def _lines(view: str) -> tuple[tuple[str, str, str], ...]:
    colours = layout()["colours"]
    lines = []
    for meridian, segments in layout()["meridians"].items():
        for course in _courses(view, segments):
            drawn = [course] if meridian in MIDLINE else [course, _mirror(course)]
            lines.extend((meridian, colours[meridian], " ".join(f"{x},{y}" for x, y in line))
                         for line in drawn)
    return tuple(lines)


def views(used_codes, locale: str) -> list[View]:
    """Front and back, with every mapped point and the session's points marked."""
    used = set(used_codes)
    box = " ".join(str(v) for v in layout()["viewbox"])
    out = []
    for key, title in (("front", _("Front")), ("back", _("Back"))):
        dots = []
        for code, places in positions().items():
            point = points.get(code)
            if point is None:
                continue
            dots.extend(Dot(code, x, y, point.label(locale), code in used,
                            point.shown_code(locale))
                        for view, x, y in places if view == key)
        dots.sort(key=lambda d: d.used)  # the session's points drawn last, on top
        out.append(View(key, str(title), layout()["silhouette"], _lines(key), tuple(dots), box))
    return out


def unmapped(codes) -> list[str]:
    """Codes of the session that the map does not place (some extra points)."""
    return [c for c in codes if c not in positions()]


def legend(locale: str) -> list[tuple[str, str, str]]:
    """(colour, code as the reader writes it, name) of each meridian, in the data file's order."""
    french = str(locale).startswith("fr")
    colours = layout()["colours"]
    return [(colours[m.code], f"{m.fr} ({m.code})" if french else m.code,
             m.fr_name if french else m.en_name) for m in points.standard().meridians]
