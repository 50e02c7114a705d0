"""The workload's table: ours beside GNU Health and the floor measured in the same rounds, and
the targets of issue 23 (printed, never asserted)."""

from __future__ import annotations

from bench import operations as ops

#: issue 23's targets
FASTER, SEARCH_FASTER, FLOOR_RATIO = 3.0, 10.0, 3.0
QUICK_MS, REPORT_MS, START_S, WORKER_MB = 10.0, 50.0, 0.8, 80.0


def _fmt(value, unit="") -> str:
    if value is None:
        return "—"
    return f"{value:.1f}{unit}" if value >= 10 else f"{value:.2f}{unit}"


def _median(side: dict | None, name: str):
    return side[name]["median"] if side and name in side else None


def _ratio(a, b):
    return a / b if a and b else None


def table(result: dict) -> str:
    """The figures of one run as plain text (times in ms)."""
    http, sql = result["http"], result["sql"]
    ours, floor, gnu = http["ours"], http.get("floor"), http.get("gnuhealth")
    head = (f"{'action':<40}{'ours':>8}{'p95':>8}{'GNU H.':>8}{'GH÷ours':>8}{'floor':>8}"
            f"{'÷floor':>8}{'in-proc':>8}{'app CPU':>8}{'raw SQL':>8}{'stmts':>6}")
    lines = [head, "-" * len(head)]
    for name, label in ops.LABELS.items():
        s = sql[name]
        med = _median(ours, name)
        lines.append(
            f"{label:<40}{_fmt(med):>8}{_fmt(ours[name]['p95'] if name in ours else None):>8}"
            f"{_fmt(_median(gnu, name)):>8}{_fmt(_ratio(_median(gnu, name), med), 'x'):>8}"
            f"{_fmt(_median(floor, name)):>8}{_fmt(_ratio(med, _median(floor, name)), 'x'):>8}"
            f"{_fmt(s['inproc']['median']):>8}{_fmt(s['cpu']['median']):>8}"
            f"{_fmt(s['raw']['median']):>8}{s['statements']:>6}")
    lines += ["", "medians over alternating rounds (ours, floor, GNU Health in the same window); "
              "÷floor = ours / the floor equivalent (same committed writes and rows read, none "
              "of our code); in-proc, app CPU, raw SQL: the action in-process, its CPU, its SQL "
              "replayed bare"]
    lines.append(_startup(http))
    m = result["machine"]
    loads = http.get("load") or [m["load"][0]]
    lines.append(f"{result['database']}, {result['persons']:,} persons, {result['entries']:,} "
                 f"entries · {m['nproc']} CPUs {m['cpu']}, {m['ram_gb']} GB{machine_speed(m)} · "
                 f"load average "
                 f"{m['load'][0]:.1f} at start, {min(loads):.1f}-{max(loads):.1f} during the "
                 f"rounds, {result['load_after'][0]:.1f} at end · {result['when']}")
    lines += targets(result)
    return "\n".join(lines)


def machine_speed(m: dict) -> str:
    """The machine's speed at pure Python (:func:`bench.workload.yardstick`), when measured."""
    return f" · yardstick {m['yardstick_s']:.3f} s" if "yardstick_s" in m else ""


def _startup(http: dict) -> str:
    ours, gnu = http["ours"], http.get("gnuhealth")
    rss = ", ".join(f"{r:.0f}" for r in ours.get("worker_rss_mb", []))
    pss = ", ".join(f"{r:.0f}" for r in ours.get("worker_pss_mb", []))
    line = (f"start-up to the first answered request: ours {ours['startup_s']:.2f} s"
            + (f", GNU Health {gnu['startup_s']:.2f} s" if gnu else "")
            + f" · ours per worker RSS {rss} MB (proportional share {pss} MB)"
            + (f", GNU Health's one process {gnu['worker_rss_mb'][0]:.0f} MB" if gnu else "")
            + f" · double booking refused: {ours.get('double_booking_refused')}")
    return line


def targets(result: dict) -> list[str]:
    """Each target of issue 23 with this run's figure (sizes differ: read them with the scale)."""
    http, sql = result["http"], result["sql"]
    ours, floor, gnu = http["ours"], http.get("floor"), http.get("gnuhealth")
    out = [f"targets (this run: {result['persons']:,} persons):"]
    if gnu:
        parts = []
        for name in ops.OPERATIONS:
            want = SEARCH_FASTER if name == "search" else FASTER
            got = gnu[name]["median"] / ours[name]["median"]
            parts.append(f"{name} {got:.2f}x {'met' if got >= want else 'NOT met'}")
        out.append(f"  ≥{FASTER:.0f}x GNU Health (search ≥{SEARCH_FASTER:.0f}x): "
                   + ", ".join(parts))
    else:
        out.append("  GNU Health not measured in this run (--gnuhealth BASE)")
    if floor:
        parts = [f"{n} {ours[n]['median'] / floor[n]['median']:.2f}x "
                 f"{'met' if ours[n]['median'] <= FLOOR_RATIO * floor[n]['median'] else 'NOT met'}"
                 for n in ops.OPERATIONS]
        out.append(f"  within {FLOOR_RATIO:.0f}x of the floor equivalent: " + ", ".join(parts))
    quick = [f"{n} {ours[n]['median']:.1f} ms "
             f"{'met' if ours[n]['median'] < QUICK_MS else 'NOT met'}" for n in ("search", "chart")]
    report = sql["report"]["inproc"]["median"]
    out.append(f"  search and chart < {QUICK_MS:.0f} ms (meant at 55,000): " + ", ".join(quick)
               + f"; monthly report < {REPORT_MS:.0f} ms: {report:.1f} ms "
               + ("met" if report < REPORT_MS else "NOT met"))
    start, rss = ours["startup_s"], max(ours.get("worker_rss_mb") or [0])
    pss = max(ours.get("worker_pss_mb") or [0])
    out.append(f"  start-up < {START_S} s: {start:.2f} s {'met' if start < START_S else 'NOT met'}"
               f"; a worker < {WORKER_MB:.0f} MB: RSS {rss:.0f} MB "
               f"{'met' if rss < WORKER_MB else 'NOT met'}, proportional share {pss:.0f} MB "
               f"{'met' if pss < WORKER_MB else 'NOT met'}")
    return out
