"""Run every benchmark and write benchmarks/results.md (and the raw numbers to results.json).

`make bench` runs this. Each benchmark runs in its own process (so one's memory, caches and
servers cannot affect another's) and hands back its tables as JSON; a benchmark that fails is
reported as such and the others still run. Nothing here asserts on time.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PY = sys.executable
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
OUT_MD = BENCH / "results.md"
OUT_JSON = BENCH / "results.json"

EXPORT = """
import json, sys
sys.path.insert(0, {bench!r})
import export_png
r = export_png.main()
open(sys.argv[1], "w").write(json.dumps(r))
"""

# (id, title, command, timeout s)
BENCHMARKS = [
    ("page_load", "1. Page load", [PY, "benchmarks/page_load.py"], 900),
    ("interaction", "2. Interaction", [PY, "benchmarks/interaction.py"], 900),
    ("payload", "3. Payload", [PY, "benchmarks/payload.py"], 600),
    ("memory", "4. Memory", [PY, "benchmarks/memory.py"], 600),
    ("scale", "5. Scale", [PY, "benchmarks/scale.py"], 1200),
    ("export_png", "6. PNG/SVG export", [PY, "-c", EXPORT.format(bench=str(BENCH))], 600),
    ("load", "7. Load", [PY, "benchmarks/load.py"], 1500),
]


def sh(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def machine() -> list[str]:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    versions = []
    for pkg in (
        "streamlit",
        "plotly",
        "pydeck",
        "pandas",
        "pyarrow",
        "numpy",
        "playwright",
        "kaleido",
        "pyinstrument",
        "psutil",
    ):
        try:
            versions.append(f"{pkg} {metadata.version(pkg)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{pkg} (not installed)")
    commit = sh(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = sh(["git", "-C", str(ROOT), "status", "--porcelain", "--", "dashboard", "data"])
    return [
        f"- CPU: {cpu}; nproc {os.cpu_count()}; memory {mem}",
        f"- OS: {platform.platform()}; Python {platform.python_version()}",
        f"- Browser: {sh([CHROMIUM, '--version']) or CHROMIUM} (headless, via Playwright)",
        "- Packages: " + ", ".join(versions),
        f"- Code: commit {commit}"
        + (" with uncommitted changes in dashboard/ or data/" if dirty else ""),
    ]


def load() -> str:
    return " / ".join(Path("/proc/loadavg").read_text().split()[:3])


def busy_processes() -> list[str]:
    """Other processes using CPU right now (the machine is shared: a busy one skews timings)."""
    out = sh(["ps", "-eo", "pid,pcpu,etime,args", "--sort=-pcpu", "--no-headers"])
    mine = os.getpid()
    rows = []
    for line in out.splitlines():
        parts = line.split(None, 3)
        if len(parts) < 4 or int(parts[0]) == mine or float(parts[1]) < 20:
            continue
        rows.append(f"pid {parts[0]} {parts[1]}% CPU: {parts[3][:100]}")
    return rows[:5]


def export_tables(r: dict) -> dict:
    cold = r.pop("cold start (first image)", float("nan"))
    rows = []
    for key, sec in r.items():
        chart, fmt_, preset = key.rsplit(" ", 2)
        target = "met" if sec <= 1.0 else "NOT met"
        rows.append([chart, f"{fmt_} {preset}", f"{sec:.3f}", target if fmt_ == "png" else "-"])
    png = sorted(v for k, v in r.items() if " png " in k)
    med = png[len(png) // 2] if png else float("nan")
    return {
        "tables": [
            {
                "title": "PNG/SVG export (kaleido + system Chromium), warm, median of 10",
                "columns": ["chart", "format", "median s", "target PNG <= 1 s"],
                "rows": rows,
                "notes": [
                    f"Cold start (first image, starts kaleido's browser): {cold:.2f} s. "
                    f"Warm PNG: median of medians {med:.3f} s, worst {max(png):.3f} s."
                    if png
                    else "no PNG results"
                ],
            }
        ]
    }


def run(bench_id: str, cmd: list[str], timeout: int) -> tuple[dict | None, str, float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = Path(fh.name)
    args = cmd + ([str(out)] if bench_id == "export_png" else ["--json", str(out)])
    t0 = time.time()
    try:
        proc = subprocess.run(args, cwd=ROOT, timeout=timeout, stderr=subprocess.PIPE, text=True)
        err = "\n".join(
            ln for ln in proc.stderr.splitlines() if "missing ScriptRunContext" not in ln
        )
        if err.strip():
            print(err, file=sys.stderr)
        if proc.returncode != 0:
            return None, f"exit {proc.returncode}: {err.strip()[-1500:]}", time.time() - t0
        data = json.loads(out.read_text(encoding="utf-8"))
        if bench_id == "export_png":
            data = export_tables(data)
        return data, "", time.time() - t0
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s", time.time() - t0
    except (OSError, ValueError) as exc:
        return None, f"{type(exc).__name__}: {exc}", time.time() - t0
    finally:
        out.unlink(missing_ok=True)


def md_table(t: dict) -> list[str]:
    cols = t["columns"]
    lines = [f"#### {t['title']}", "", "| " + " | ".join(cols) + " |"]
    lines.append("|" + "|".join("---" for _ in cols) + "|")
    for row in t["rows"]:
        cells = [str(c).replace("|", "\\|") for c in row]
        cells = [f"**{c}**" if c == "NOT met" else c for c in cells]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for note in t.get("notes", []):
        lines += [note, ""]
    if t.get("profile"):
        lines += ["Profile (pyinstrument):", "", "```text", t["profile"].rstrip(), "```", ""]
    return lines


def verdicts(t: dict) -> tuple[int, int, list[str]]:
    """Count met / not met in the table's target column(s); name the rows that miss."""
    idx = [i for i, c in enumerate(t["columns"]) if c.lower().startswith("target")]
    met = missed = 0
    names = []
    for row in t["rows"]:
        for i in idx:
            if row[i] == "met":
                met += 1
            elif row[i] == "NOT met":
                missed += 1
                names.append(f"{row[0]} ({t['columns'][i]})")
    return met, missed, names


def main() -> int:
    only = set(sys.argv[1:])
    started = datetime.now(UTC)
    load_before, busy = load(), busy_processes()
    sections: list[str] = []
    summary: list[str] = []
    raw: dict = {}
    # `run_all.py interaction load` re-runs those and keeps the others' tables from the last
    # results.json (each benchmark's ratios are measured within its own run).
    keep = only and OUT_JSON.exists()
    previous = json.loads(OUT_JSON.read_text(encoding="utf-8")) if keep else {}
    for bench_id, title, cmd, timeout in BENCHMARKS:
        if only and bench_id not in only:
            if bench_id in previous:
                data = previous[bench_id]
                raw[bench_id] = data
                when = data.get("_ran", "an earlier run")
                sections += [f"### {title}", "", f"`benchmarks/{bench_id}.py`, from {when}.", ""]
                for t in data["tables"]:
                    sections += md_table(t)
                    met, missed, names = verdicts(t)
                    if met or missed:
                        line = f"- {t['title']}: {met} met, {missed} not met"
                        summary.append(line + (" — not met: " + "; ".join(names) if names else ""))
            continue
        print(f"\n=== {title} ({bench_id}) ===", flush=True)
        data, error, took = run(bench_id, cmd, timeout)
        if data is not None:
            data["_ran"] = f"the run of {datetime.now(UTC):%Y-%m-%d %H:%M} UTC ({took:.0f} s)"
        sections += [f"### {title}", "", f"`benchmarks/{bench_id}.py`, {took:.0f} s.", ""]
        if data is None:
            sections += [f"**Could not measure**: {error}", ""]
            last = [ln for ln in error.splitlines() if ln.strip()][-1:] or ["?"]
            summary.append(f"- {title}: **not measured** ({last[0].strip()[:300]})")
            continue
        raw[bench_id] = data
        for t in data["tables"]:
            sections += md_table(t)
            met, missed, names = verdicts(t)
            if met or missed:
                line = f"- {t['title']}: {met} met, {missed} not met"
                if names:
                    line += " — not met: " + "; ".join(names)
                summary.append(line)
    finished = datetime.now(UTC)
    head = [
        "# Pegasus Atlas performance benchmarks",
        "",
        f"Run {started:%Y-%m-%d %H:%M} to {finished:%H:%M} UTC "
        f"({(finished - started).total_seconds() / 60:.1f} min) by `make bench` "
        "(`benchmarks/run_all.py`). Numbers only: nothing asserts on time.",
        "",
        "## Machine",
        "",
        *machine(),
        f"- Load average (1/5/15 min) at start {load_before}, at end {load()}",
        "- Other processes busy at start: " + ("; ".join(busy) if busy else "none"),
        "",
        "## How measured",
        "",
        "- Servers: `streamlit run` from the repo root (so the repo's `.streamlit/config.toml` "
        "applies) on 127.0.0.1, free ports; the app reads the bundled data unless "
        "PEGASUS_ATLAS_DATA is set. Reference apps: `benchmarks/floor_app.py` (one Plotly "
        "scatter, one pydeck ScatterplotLayer without basemap, one selectbox) and "
        '`benchmarks/hello_app.py` (`st.write("hello")`).',
        "- Browser: Debian Chromium, headless, driven by Playwright, a fresh browser context "
        "per measurement, viewport 1280x2000. Times are the page's own clock "
        "(`performance.now()`); a probe installed before the page's scripts records Streamlit's "
        "script state, its WebSocket messages (sent and received), Plotly `plotly_afterplot` "
        "events and DOM mutations of the main area.",
        "- Medians of 5 (browser; BENCH_RUNS overrides) or 20 (AppTest) measurements; servers "
        "are warm (one unmeasured load per page first).",
        "- In-process timings (AppTest, scale) use `time.perf_counter()`; profiles use "
        "pyinstrument (statistical, 0.5-1 ms interval).",
        "- This is a 2-core machine; the browser, the servers and the benchmark share it, so "
        "absolute browser times carry noise of tens of percent; ratios are taken within one "
        "alternating run.",
        "",
        "## Targets",
        "",
        *summary,
        "",
        "## Results",
        "",
    ]
    analysis = BENCH / "ANALYSIS.md"  # hand-written reading of the numbers, kept across runs
    tail = ["", analysis.read_text(encoding="utf-8")] if analysis.exists() else []
    OUT_MD.write_text("\n".join(head + sections + tail).rstrip() + "\n", encoding="utf-8")
    OUT_JSON.write_text(json.dumps(raw, indent=1, default=str), encoding="utf-8")
    print(f"\nwrote {OUT_MD.relative_to(ROOT)} and {OUT_JSON.relative_to(ROOT)}")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
