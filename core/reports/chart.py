"""A report's chart as SVG coordinates, drawn by the page template without JavaScript.

``ReportTable.chart`` names the column of the labels (``x``; a list of columns joins them) and
the columns to draw (``y``); ``exclude_last`` leaves the last row (a total) out of the drawing.
A cell that is not a number (a count hidden as "< 5", a share written "12 %") is left out of
the chart rather than drawn as zero, which would be false. Hours, kilograms and dollars are
``Decimal``: they are numbers to draw (a chart of volunteer hours was drawn empty).
"""

from __future__ import annotations

from decimal import Decimal

COLOURS = ("#6a2c70", "#2c6e49", "#b5651d", "#1f4e79", "#8a1c1c")
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 260, 44, 36, 12


def _number(value):
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return value


def geometry(table, write=str) -> dict | None:
    """Bars (grouped by row) or lines (one per drawn column) in a WIDTH x HEIGHT box; ``write``
    turns a label's cell into text (the page's: a month in words, not "2026-12")."""
    spec = table.chart
    rows = table.rows[:-1] if spec and spec.get("exclude_last") else table.rows
    if not spec or not rows:
        return None
    ys = list(spec.get("y", []))
    xs = spec.get("x", 0)
    xs = xs if isinstance(xs, (list, tuple)) else [xs]
    values = [[_number(row[i]) for i in ys] for row in rows]
    numbers = [v for row in values for v in row if v is not None]
    top = max([0, *numbers]) or 1
    low = min([0, *numbers])
    span, plot_h = top - low, HEIGHT - BOTTOM - TOP
    base = TOP + plot_h * top / span

    def y(value) -> float:
        return round(TOP + plot_h * (top - value) / span, 1)

    step = (WIDTH - LEFT - 10) / len(rows)
    series = [{"title": str(table.columns[i]), "colour": COLOURS[n % len(COLOURS)],
               "marks": [], "points": ""} for n, i in enumerate(ys)]
    labels = []
    for r, row in enumerate(rows):
        left = LEFT + r * step
        labels.append({"x": round(left + step / 2, 1),
                       "text": " ".join(str(write(row[i])) for i in xs)})
        for s, value in enumerate(values[r]):
            if value is None:
                continue
            if spec.get("type") == "line":
                mark = {"x": round(left + step / 2, 1), "y": y(value), "value": value}
            else:
                width = step * 0.8 / len(ys)
                mark = {"x": round(left + step * 0.1 + s * width, 1), "width": round(width, 1),
                        "y": min(y(value), round(base, 1)),
                        "height": abs(round(base - y(value), 1)), "value": value}
            mark["label"] = labels[-1]["text"]
            series[s]["marks"].append(mark)
    for line in series:
        line["points"] = " ".join(f"{m['x']},{m['y']}" for m in line["marks"])
    return {"type": spec.get("type", "bar"), "width": WIDTH, "height": HEIGHT,
            "base": round(base, 1), "top": top, "low": low, "series": series, "labels": labels,
            "left": LEFT}
