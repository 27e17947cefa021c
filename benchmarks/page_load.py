"""Page load: navigation -> script finished and every chart drawn, per page, vs the floor app.

Three servers (atlas, floor, hello) run side by side; headless Chromium loads each atlas page,
the floor app and the hello app in turn, ALTERNATING within each round, with a fresh browser
context (empty cache, new session) per load. A load ends when Streamlit's script state is
`notRunning` after a run, every Plotly chart has its `.main-svg`, every deck.gl chart its
canvas (counts taken from a warm-up load of the same page) and no skeleton is visible. Time is
the page's own clock (performance.now(), ms since navigation start). Servers are warm (one
load per page before timing). Target: every page's median <= 1.5x the floor's median.
"""

from __future__ import annotations

import sys

from common import ATLAS_PAGES, RUNS, browser, calibrate, fmt, median, new_page, servers
from common import wait_drawn as drawn

TARGET_RATIO = 1.5


def main(runs: int = RUNS) -> dict:
    with servers("atlas", "floor", "hello") as srv, browser() as b:
        urls = {name: srv["atlas"].url + path for name, path in ATLAS_PAGES.items()}
        urls["floor"] = srv["floor"].url + "/"
        urls["hello"] = srv["hello"].url + "/"
        expect = {name: calibrate(b, url) for name, url in urls.items()}
        times: dict[str, list[float]] = {n: [] for n in urls}
        script: dict[str, list[float]] = {n: [] for n in urls}
        outside: dict[str, set[str]] = {n: set() for n in urls}
        names = list(urls)
        for i in range(runs):
            order = names[i % len(names) :] + names[: i % len(names)]
            for name in order:
                ctx, page = new_page(b)
                try:
                    page.goto(urls[name])
                    t = drawn(page, expect[name]["plotly"], expect[name]["deck"])
                    times[name].append(t)
                    script[name].append(page.evaluate("() => window.__b.lastRunEnd"))
                    outside[name].update(page.outside)
                finally:
                    ctx.close()
            print(f"round {i + 1}/{runs}: " + ", ".join(f"{n} {times[n][-1]:.0f}" for n in names))
    floor = median(times["floor"])
    rows = []
    print(
        f"\n{'page':<10}{'charts':>8}{'script ms':>11}{'drawn ms':>10}{'min':>7}{'max':>7}"
        f"{'x floor':>9}  target <= {TARGET_RATIO}x"
    )
    for name in names:
        med = median(times[name])
        ratio = med / floor
        charts = f"{expect[name]['plotly']}p+{expect[name]['deck']}d"
        met = ratio <= TARGET_RATIO
        rows.append(
            [
                name,
                ATLAS_PAGES.get(name, f"{name} app /"),
                charts,
                fmt(median(script[name])),
                fmt(med),
                fmt(min(times[name])),
                fmt(max(times[name])),
                f"{ratio:.2f}",
                "-" if name in ("floor", "hello") else ("met" if met else "NOT met"),
            ]
        )
        print(
            f"{name:<10}{charts:>8}{median(script[name]):>11.0f}{med:>10.0f}"
            f"{min(times[name]):>7.0f}{max(times[name]):>7.0f}{ratio:>9.2f}"
            f"  {'' if name in ('floor', 'hello') else ('met' if met else 'NOT met')}"
        )
    leaks = {n: sorted(u) for n, u in outside.items() if u}
    print(f"requests to other hosts: {leaks or 'none'}")
    return {
        "tables": [
            {
                "title": "Page load (navigation -> script done and charts drawn)",
                "columns": [
                    "page",
                    "path",
                    "charts (plotly+deck)",
                    "script done, median ms",
                    "drawn, median ms",
                    "min ms",
                    "max ms",
                    "x floor",
                    "target <= 1.5x floor",
                ],
                "rows": rows,
                "notes": [
                    f"{runs} loads per page, alternating pages and apps within each round, "
                    "fresh browser context per load; warm servers.",
                    "Requests to hosts other than 127.0.0.1: "
                    + (
                        "; ".join(f"{n}: {', '.join(u)}" for n, u in leaks.items())
                        if leaks
                        else "none"
                    )
                    + ".",
                ],
            }
        ],
        "raw": {
            "outside_requests": leaks,
            "times_ms": times,
            "script_ms": script,
            "expected_charts": expect,
        },
    }


if __name__ == "__main__":
    from common import write_json

    write_json(main(), sys.argv)
