"""Scale: script time per rerun on synthetic data at x1 (bundled), x10, x100 and x1000 rows.

For each factor, generate.py writes the bundled package replicated in the real schema to a temp
dir, which is loaded through dashboard.atlas.Atlas(dir) (timed: read + validate +
type). dashboard.filters.prepare runs once (timed; the app caches it per server). Then, for a
few filter states, one "rerun" = dashboard.filters.apply(prepared, state) plus building every
chart with dashboard.figures.catalog.build; median over the states (x1..x100: median of 3 runs
per state first; x1000: one run per state). Streamlit itself is not involved. The slowest
scale's rerun is profiled with pyinstrument when it misses the target. Targets at x1000: a
rerun building every chart <= 1 s; the charts a page draws on its first load (the page
registry's `charts`) <= 0.5 s.
Set BENCH_SCALES=1,10,100 to skip x1000 (about 3 minutes and 3 GB of memory).
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import generate

from dashboard.atlas import Atlas
from dashboard.figures import catalog
from dashboard.filters import FilterState, apply
from dashboard.pages import PAGES

TARGET_S = 1.0
TARGET_PAGE_S = 0.5
SCALES = [int(x) for x in os.environ.get("BENCH_SCALES", "1,10,100,1000").split(",")]
STATES = {
    "all records": FilterState(),
    "status infected": FilterState.of(statuses=("infected",)),
    "2019-2021": FilterState.of(period=(2019, 2021)),
    "operator SAU": FilterState.of(operators=("SAU",)),
}


def rerun(prepared, state: FilterState, inputs: catalog.Inputs) -> dict[str, float]:
    t0 = time.perf_counter()
    view = apply(prepared, state)
    out = {"apply": time.perf_counter() - t0}
    for chart_id in catalog.CHARTS:
        t = time.perf_counter()
        catalog.build(chart_id, view, inputs)
        out[chart_id] = time.perf_counter() - t
    out["total"] = time.perf_counter() - t0
    return out


def measure(factor: int, profile_it: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"atlas-x{factor}-") as tmp:
        t0 = time.perf_counter()
        rows = generate(factor, Path(tmp))
        gen_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        atlas = Atlas(tmp)
        load_s = time.perf_counter() - t0
        return _measure(factor, profile_it, atlas, rows, gen_s, load_s)


def _measure(factor: int, profile_it: bool, atlas: Atlas, rows, gen_s, load_s) -> dict:
    t0 = time.perf_counter()
    prepared = atlas.prepared(False, "en")
    prepare_s = time.perf_counter() - t0
    inputs = atlas.inputs("en", False, "http://127.0.0.1:8501/")
    repeat = 1 if factor >= 1000 else 3
    per_state = {}
    parts: dict[str, list[float]] = {}
    for name, state in STATES.items():
        runs = [rerun(prepared, state, inputs) for _ in range(repeat)]
        per_state[name] = statistics.median(r["total"] for r in runs)
        for key in runs[0]:
            parts.setdefault(key, []).append(statistics.median(r[key] for r in runs))
    med = statistics.median(per_state.values())
    profile = ""
    if profile_it and med > TARGET_S:
        from profiling import profile as prof

        print(f"profiling one rerun at x{factor} ('all records')...", flush=True)
        profile = prof(lambda: rerun(prepared, STATES["all records"], inputs))
    result = {
        "factor": factor,
        "rows": rows,
        "generate_s": gen_s,
        "load_s": load_s,
        "prepare_s": prepare_s,
        "rerun_s": med,
        "per_state_s": per_state,
        "parts_median_s": {k: statistics.median(v) for k, v in parts.items()},
        "profile": profile,
    }
    result["pages_s"] = {
        p.id: sum(result["parts_median_s"][c] for c in p.charts if c in catalog.CHARTS)
        for p in PAGES
        if any(c in catalog.CHARTS for c in p.charts)
    }
    return result


def main() -> dict:
    results = []
    for factor in SCALES:
        r = measure(factor, profile_it=factor == max(SCALES))
        gc.collect()  # free the previous scale's frames before the next one
        results.append(r)
        parts = r["parts_median_s"]
        slow = max((k for k in parts if k not in ("apply", "total")), key=parts.get)
        print(
            f"x{factor:<5} rows {sum(r['rows'].values()):>9,}  load {r['load_s']:7.2f} s  "
            f"prepare {r['prepare_s']:6.2f} s  rerun median {r['rerun_s']:7.3f} s "
            f"(apply {parts['apply']:.3f} s, slowest chart {slow} {parts[slow]:.3f} s)  "
            + "  ".join(f"{k}: {v:.3f}" for k, v in r["per_state_s"].items()),
            flush=True,
        )
    rows = []
    prev = None
    for r in results:
        parts = r["parts_median_s"]
        charts = {k: v for k, v in parts.items() if k not in ("apply", "total")}
        slow = max(charts, key=charts.get)
        growth = r["rerun_s"] / prev["rerun_s"] if prev else float("nan")
        step = r["factor"] / prev["factor"] if prev else 0
        rows.append(
            [
                f"x{r['factor']}",
                f"{r['rows']['targets']:,} / {r['rows']['events']:,} / {r['rows']['sources']:,}",
                f"{r['load_s']:.2f}",
                f"{r['prepare_s']:.2f}",
                f"{r['rerun_s']:.3f}",
                f"{parts['apply']:.3f}",
                f"{slow} {charts[slow]:.3f}",
                f"{growth:.1f}x per x{step:.0f}" if prev else "-",
                ("met" if r["rerun_s"] <= TARGET_S else "NOT met") if r["factor"] == 1000 else "-",
                "{} {:.3f}".format(*max(r["pages_s"].items(), key=lambda kv: kv[1])),
                ("met" if max(r["pages_s"].values()) <= TARGET_PAGE_S else "NOT met")
                if r["factor"] == 1000
                else "-",
            ]
        )
        prev = r
    for r in results:
        print(
            f"x{r['factor']}: per chart median s: "
            + ", ".join(f"{k} {v:.3f}" for k, v in r["parts_median_s"].items())
        )
    profile = next((r["profile"] for r in reversed(results) if r["profile"]), "")
    if profile:
        print("\n" + profile)
    return {
        "tables": [
            {
                "title": "Scale: script time per rerun (filters.apply + every chart), in-process",
                "columns": [
                    "scale",
                    "targets / events / sources",
                    "load_dataset s",
                    "prepare s",
                    "rerun median s",
                    "of which apply s",
                    "slowest chart s",
                    "growth",
                    "target x1000 <= 1 s",
                    "slowest page's first-load charts s",
                    "target x1000 <= 0.5 s",
                ],
                "rows": rows,
                "notes": [
                    "Filter states: "
                    + ", ".join(STATES)
                    + ". Per-chart medians: "
                    + "; ".join(
                        f"x{r['factor']}: "
                        + ", ".join(f"{k} {v:.3f}" for k, v in r["parts_median_s"].items())
                        for r in results
                    )
                    + ".",
                    "First-load charts per page (s): "
                    + "; ".join(
                        f"x{r['factor']}: "
                        + ", ".join(f"{k} {v:.3f}" for k, v in r["pages_s"].items())
                        for r in results
                    )
                    + ".",
                    "Generation time (s): "
                    + ", ".join(f"x{r['factor']} {r['generate_s']:.1f}" for r in results)
                    + ".",
                ],
                "profile": profile,
            }
        ],
        "raw": results,
    }


if __name__ == "__main__":
    from common import write_json

    write_json(main(), sys.argv)
