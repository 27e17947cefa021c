"""Memory: server RSS after 1 and after 20 concurrent browser sessions on /targets.

A fresh atlas server; one Chromium with 20 browser contexts, each loading /targets (waiting
until its charts are drawn) and kept open, so the server holds 20 sessions at once. RSS is
read (psutil if installed, else /proc/<pid>/status VmRSS) 2 s after the 1st and after the 20th
session settled; per additional session = (RSS20 - RSS1) / 19. The floor app is measured the
same way for reference when BENCH_MEMORY_FLOOR=1. Target: <= 25 MB per additional session.
"""

from __future__ import annotations

import os
import sys
import time

from common import Server, browser, calibrate, fmt, new_page, rss_mb, wait_drawn

SESSIONS = 20
TARGET_MB = 25.0


def measure(app: str, path: str, name: str) -> dict:
    srv = Server(app, name=name)
    try:
        rss0 = rss_mb(srv.pid)
        with browser() as b:
            expect = calibrate(b, srv.url + path, settle_ms=500)
            time.sleep(3)  # the calibration session is closed and dropped
            rss_warm = rss_mb(srv.pid)
            pages = []
            curve = []
            load_s: list[float] = []
            try:
                for i in range(SESSIONS):
                    t0 = time.time()
                    ctx, page = new_page(b)
                    pages.append(ctx)
                    page.goto(srv.url + path)
                    wait_drawn(page, expect["plotly"], expect["deck"])
                    if i == 0:
                        time.sleep(2)
                        rss1 = rss_mb(srv.pid)
                    curve.append(rss_mb(srv.pid))
                    load_s.append(time.time() - t0)
                time.sleep(2)
                rss20 = rss_mb(srv.pid)
            finally:
                for ctx in pages:
                    ctx.close()
    finally:
        srv.stop()
    per = (rss20 - rss1) / (SESSIONS - 1)
    print(
        f"{name:<7} RSS: started {rss0:6.0f} MB, warm (data cached) {rss_warm:6.0f} MB, "
        f"1 session {rss1:6.0f} MB, {SESSIONS} sessions {rss20:6.0f} MB -> "
        f"{per:5.1f} MB per additional session\n        load s: "
        + " ".join(f"{x:.1f}" for x in load_s)
    )
    return {
        "rss_start": rss0,
        "rss_warm": rss_warm,
        "rss_1": rss1,
        "rss_20": rss20,
        "per_session": per,
        "curve": curve,
        "load_s": load_s,
    }


def main() -> dict:
    atlas = measure("dashboard/app.py", "/targets", "atlas")
    runs = [("atlas", atlas, "/targets")]
    floor = None
    if os.environ.get("BENCH_MEMORY_FLOOR"):  # reference, off by default (about 2 minutes)
        floor = measure("benchmarks/floor_app.py", "/", "floor")
        runs.append(("floor", floor, "/"))
    rows = []
    for name, d, path in runs:
        rows.append(
            [
                f"{name} {path}",
                fmt(d["rss_start"]),
                fmt(d["rss_warm"]),
                fmt(d["rss_1"]),
                fmt(d["rss_20"]),
                fmt(d["per_session"], 1),
                "-" if name == "floor" else ("met" if d["per_session"] <= TARGET_MB else "NOT met"),
            ]
        )
    return {
        "tables": [
            {
                "title": f"Server memory (RSS) with 1 and {SESSIONS} concurrent sessions",
                "columns": [
                    "app",
                    "started MB",
                    "after warm-up load MB",
                    "1 session MB",
                    f"{SESSIONS} sessions MB",
                    "per additional session MB",
                    "target <= 25 MB",
                ],
                "rows": rows,
                "notes": [
                    f"{SESSIONS} browser contexts in one Chromium, each with /targets loaded and "
                    "kept open; RSS of the streamlit process. RSS after each session: "
                    + ", ".join(f"{x:.0f}" for x in atlas["curve"])
                    + " MB (atlas)."
                ],
            }
        ],
        "raw": {"atlas": atlas, "floor": floor},
    }


if __name__ == "__main__":
    from common import write_json

    write_json(main(), sys.argv)
