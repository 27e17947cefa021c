"""Warm PNG export time (kaleido + system Chromium), median of 10, per chart and preset.

Prints a table; never asserts. Target (issue: journalist toolkit): warm export <= 1 s.
Run: `make bench` (all benchmarks) or `.venv/bin/python benchmarks/export_png.py`.
"""

from __future__ import annotations

import statistics
import time

from dashboard import export
from dashboard.atlas import Atlas
from dashboard.figures import catalog
from dashboard.filters import FilterState

RUNS = 10


def main() -> dict[str, float]:
    atlas = Atlas()
    view = atlas.view(FilterState(), False, "en")
    inputs = atlas.inputs("en", False, "http://localhost:8501/")
    t0 = time.perf_counter()
    export.figure_image(catalog.build("activity", view, inputs), "png")
    cold = time.perf_counter() - t0
    results = {"cold start (first image)": cold}
    print(f"{'chart':<22}{'format':<18}{'median s':>10}{'max s':>8}")
    print(f"{'(first image, cold)':<22}{'png landscape':<18}{cold:>10.3f}")
    for chart_id in catalog.CHARTS:
        fig = catalog.build(chart_id, view, inputs)
        for fmt, preset in (("png", "landscape"), ("png", "square"), ("svg", "landscape")):
            times = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                export.figure_image(fig, fmt, preset)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            results[f"{chart_id} {fmt} {preset}"] = med
            print(f"{chart_id:<22}{fmt + ' ' + preset:<18}{med:>10.3f}{max(times):>8.3f}")
    warm_png = [v for k, v in results.items() if " png " in k]
    print(
        f"\nwarm PNG export: median of medians {statistics.median(warm_png):.3f} s, "
        f"worst {max(warm_png):.3f} s (target <= 1 s)"
    )
    return results


if __name__ == "__main__":
    main()
