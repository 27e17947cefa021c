"""Load: readers who think between clicks, then a burst; errors, latency, RSS and CPU.

Part 1, readers (issue: performance round two): a campaign link brings many readers, each
changing a filter now and then. For each count in LOAD_LADDER (default 1, 25, 50), that many
readers open the Targets page and, for LOAD_DURATION seconds (default 120), each waits a random
3-7 s (mean 5; seeded) and changes the status filter. Reported per count: filter-change latency
p50/p95, the p95 against one reader alone (target <= 2x at 25 readers, 0 errors), and the
server's RSS and CPU per reader. The largest count whose p95 is <= 1 s is what one replica holds.

Part 2, burst (issue: reliability): 25 concurrent sessions x 20 filter changes with no pause,
then 500 more reruns; RSS growth over the 500 (target <= 10%).

Each session is a WebSocket client speaking Streamlit's own protocol (the BackMsg/ForwardMsg
protobufs the browser uses): it opens the Targets page, finds the "Status of target" widget in
the deltas, and sends reruns with changed widget state, timing each from send to
`script_finished`. An exception element in a delta, a closed socket or a timeout is an error.
Server RSS is read from /proc before, after the 25x20 phase, and after 500 further reruns.

Prints the tables (as JSON with --json PATH, for run_all); never asserts. Run with the
venv's python.
Targets (issue: reliability): zero errors; RSS growth over the 500 further reruns <= 10%.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
SESSIONS = int(os.environ.get("LOAD_SESSIONS", 25))
CHANGES = int(os.environ.get("LOAD_CHANGES", 20))
FURTHER = int(os.environ.get("LOAD_FURTHER", 500))
CHOICES = [
    ["Infected (forensically confirmed)"],
    ["Attempted"],
    [],
    ["Notified", "Listed only"],
    ["Infected (forensically confirmed)", "Attempted"],
]
TIMEOUT = 120
LADDER = [int(n) for n in os.environ.get("LOAD_LADDER", "1,25,50").split(",")]
DURATION = float(os.environ.get("LOAD_DURATION", 120))
THINK = (3.0, 7.0)  # seconds a reader waits between two filter changes
TARGET_P95_RATIO = 2.0
CAPACITY_P95_S = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """User + system CPU seconds the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def start_server() -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    log = Path(os.environ.get("LOAD_SERVER_LOG", os.devnull)).open("w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/server.py"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.STDOUT,
        stdout=log,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not start")


class Session:
    def __init__(self, port: int):
        self.port = port
        self.ws = None
        self.widget_id: str | None = None
        self.page_hash = ""
        self.states: dict[str, WidgetState] = {}  # every widget's value, as a browser keeps it

    async def open(self) -> None:
        self.ws = await websockets.connect(
            f"ws://127.0.0.1:{self.port}/_stcore/stream",
            subprotocols=["streamlit"],
            origin=f"http://127.0.0.1:{self.port}",
            max_size=None,
            open_timeout=TIMEOUT,
        )
        await self.rerun([])  # first run of the page

    async def rerun(self, statuses: list[str] | None) -> tuple[float, bool]:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.page_name = "targets"
        cs.page_script_hash = self.page_hash
        if statuses is not None and self.widget_id:
            w = WidgetState(id=self.widget_id)
            w.string_array_value.data.extend(statuses)
            self.states[self.widget_id] = w
        cs.widget_states.widgets.extend(self.states.values())
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        error = False
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=TIMEOUT)
            fm = ForwardMsg()
            fm.ParseFromString(raw)
            kind = fm.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fm.new_session.page_script_hash
            elif kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    error = True
                else:
                    self.remember(el, which)
            elif kind == "script_finished":
                return time.perf_counter() - t0, error

    def remember(self, el, which: str) -> None:
        """Keep the current value of each filter widget, like the browser does."""
        if which == "multiselect":
            m = el.multiselect
            if m.label == "Status of target":
                self.widget_id = m.id
            if m.id not in self.states:
                w = WidgetState(id=m.id)
                w.string_array_value.data.extend(
                    m.raw_values if m.set_value else [m.options[i] for i in m.default]
                )
                self.states[m.id] = w
        elif which == "slider" and el.slider.id not in self.states:
            w = WidgetState(id=el.slider.id)
            w.double_array_value.data.extend(
                el.slider.value if el.slider.set_value else el.slider.default
            )
            self.states[el.slider.id] = w
        elif which == "text_input" and el.text_input.id not in self.states:
            w = WidgetState(id=el.text_input.id, string_value=el.text_input.default)
            self.states[el.text_input.id] = w
        elif which == "checkbox" and el.checkbox.id not in self.states:
            w = WidgetState(id=el.checkbox.id, bool_value=el.checkbox.default)
            self.states[el.checkbox.id] = w


async def phase(sessions: list[Session], changes: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0

    async def drive(s: Session, offset: int) -> None:
        nonlocal errors
        for i in range(changes):
            try:
                dt, bad = await s.rerun(CHOICES[(i + offset) % len(CHOICES)])
                latencies.append(dt)
                errors += bad
            except Exception:  # noqa: BLE001 - a failed rerun is what we count
                errors += 1

    await asyncio.gather(*(drive(s, k) for k, s in enumerate(sessions)))
    return latencies, errors


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def readers(port: int, pid: int, n: int, seed: int) -> dict:
    """n readers for DURATION seconds, each changing the filter every THINK seconds."""
    rng = random.Random(seed)
    sessions = [Session(port) for _ in range(n)]
    rss0 = rss_mb(pid)
    await asyncio.gather(*(s.open() for s in sessions))
    latencies: list[float] = []
    errors = 0
    cpu0, t0 = cpu_s(pid), time.perf_counter()
    end = t0 + DURATION

    async def read(s: Session, k: int) -> None:
        nonlocal errors
        i = k
        await asyncio.sleep(rng.uniform(0, THINK[1]))  # readers arrive spread out
        while time.perf_counter() < end:
            try:
                dt, bad = await s.rerun(CHOICES[i % len(CHOICES)])
                latencies.append(dt)
                errors += bad
            except Exception:  # noqa: BLE001 - a failed change is what we count
                errors += 1
            i += 1
            await asyncio.sleep(rng.uniform(*THINK))

    await asyncio.gather(*(read(s, k) for k, s in enumerate(sessions)))
    wall = time.perf_counter() - t0
    cpu = cpu_s(pid) - cpu0
    rss1 = rss_mb(pid)
    for s in sessions:
        await s.ws.close()
    return {
        "readers": n,
        "changes": len(latencies),
        "errors": errors,
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(1000 * pct(latencies, 0.95), 1) if latencies else None,
        "cpu_pct_of_one_core": round(100 * cpu / wall, 1),
        "cpu_ms_per_change": round(1000 * cpu / max(1, len(latencies)), 1),
        "rss_mb": round(rss1, 1),
        "rss_mb_per_reader": round((rss1 - rss0) / n, 2),
    }


async def reader_ladder() -> dict:
    proc, port = start_server()
    try:
        warm = Session(port)
        await warm.open()  # loads the data once
        steps = [await readers(port, proc.pid, n, seed=20261202 + n) for n in LADDER]
        await warm.ws.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    alone = next((s["p95_ms"] for s in steps if s["readers"] == 1), None)
    for s in steps:
        s["p95_vs_one_reader"] = round(s["p95_ms"] / alone, 2) if alone and s["p95_ms"] else None
    held = [s["readers"] for s in steps if s["p95_ms"] and s["p95_ms"] <= 1000 * CAPACITY_P95_S]
    return {
        "duration_s": DURATION,
        "think_s": list(THINK),
        "steps": steps,
        "readers_held_at_p95_1s": max(held) if held else 0,
    }


async def main_async() -> dict:
    proc, port = start_server()
    try:
        warm = Session(port)
        await warm.open()  # loads the data once
        rss0 = rss_mb(proc.pid)
        sessions = [Session(port) for _ in range(SESSIONS)]
        await asyncio.gather(*(s.open() for s in sessions))
        t0 = time.perf_counter()
        lat, err = await phase(sessions, CHANGES)
        wall = time.perf_counter() - t0
        rss1 = rss_mb(proc.pid)
        per = FURTHER // SESSIONS
        lat2, err2 = await phase(sessions, per)
        rss2 = rss_mb(proc.pid)
        for s in sessions + [warm]:
            await s.ws.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {
        "sessions": SESSIONS,
        "changes_per_session": CHANGES,
        "reruns": len(lat),
        "errors": err,
        "wall_s": round(wall, 1),
        "p50_ms": round(1000 * statistics.median(lat), 1),
        "p95_ms": round(1000 * pct(lat, 0.95), 1),
        "rss_before_mb": round(rss0, 1),
        "rss_after_mb": round(rss1, 1),
        "further_reruns": len(lat2),
        "further_errors": err2,
        "further_p50_ms": round(1000 * statistics.median(lat2), 1),
        "rss_after_further_mb": round(rss2, 1),
        "rss_growth_over_further_pct": round(100 * (rss2 - rss1) / rss1, 1),
    }


def tables(ladder: dict, burst: dict) -> dict:
    steps = ladder["steps"]
    rows = []
    for st in steps:
        target = "-"
        if st["readers"] == 25:
            ok = st["errors"] == 0 and (st["p95_vs_one_reader"] or 99) <= TARGET_P95_RATIO
            target = "met" if ok else "NOT met"
        rows.append(
            [
                st["readers"],
                st["changes"],
                st["errors"],
                st["p50_ms"],
                st["p95_ms"],
                st["p95_vs_one_reader"],
                st["cpu_pct_of_one_core"],
                st["cpu_ms_per_change"],
                st["rss_mb"],
                st["rss_mb_per_reader"],
                target,
            ]
        )
    think = f"{THINK[0]:.0f}-{THINK[1]:.0f} s"
    burst_ok = burst["errors"] + burst["further_errors"] == 0
    growth_ok = burst["rss_growth_over_further_pct"] <= 10
    return {
        "tables": [
            {
                "title": f"Readers: a filter change every {think}, {DURATION:.0f} s per count",
                "columns": [
                    "readers",
                    "filter changes",
                    "errors",
                    "p50 ms",
                    "p95 ms",
                    "p95 x one reader",
                    "server CPU % of one core",
                    "CPU ms per change",
                    "RSS MB",
                    "RSS MB per reader",
                    "target at 25: p95 <= 2x one reader, 0 errors",
                ],
                "rows": rows,
                "notes": [
                    "WebSocket clients speaking Streamlit's protocol to one server "
                    "(`streamlit run dashboard/server.py`, loopback); each reader opens /targets, "
                    "then waits and changes the status filter, latency from send to "
                    "script_finished. One 2-core replica holds "
                    f"**{ladder['readers_held_at_p95_1s']} readers at p95 <= 1 s** (of the "
                    f"counts tried: {', '.join(str(s['readers']) for s in steps)})."
                ],
            },
            {
                "title": f"Burst: {burst['sessions']} sessions x {burst['changes_per_session']} "
                "changes without pause, then 500 more",
                "columns": ["measure", "value", "target"],
                "rows": [
                    [
                        "errors",
                        burst["errors"] + burst["further_errors"],
                        "met" if burst_ok else "NOT met",
                    ],
                    ["p50 ms / p95 ms", f"{burst['p50_ms']} / {burst['p95_ms']}", "-"],
                    [
                        "RSS before / after / after 500 more MB",
                        f"{burst['rss_before_mb']} / {burst['rss_after_mb']} / "
                        f"{burst['rss_after_further_mb']}",
                        "-",
                    ],
                    [
                        "RSS growth over the 500 more",
                        f"{burst['rss_growth_over_further_pct']} %",
                        "met" if growth_ok else "NOT met",
                    ],
                ],
            },
        ],
        "raw": {"readers": ladder, "burst": burst},
    }


def main() -> dict:
    ladder = asyncio.run(reader_ladder())
    cols = list(ladder["steps"][0])
    think = f"{THINK[0]:.0f}-{THINK[1]:.0f} s"
    print(f"readers, {ladder['duration_s']:.0f} s each, {think} between changes")
    print(" | ".join(cols))
    for step in ladder["steps"]:
        print(" | ".join(str(step[c]) for c in cols))
    at25 = next((s for s in ladder["steps"] if s["readers"] == 25), None)
    if at25:
        ok = at25["errors"] == 0 and (at25["p95_vs_one_reader"] or 99) <= TARGET_P95_RATIO
        print(
            f"25 readers: p95 {at25['p95_vs_one_reader']}x one reader, {at25['errors']} errors"
            f" (target <= {TARGET_P95_RATIO}x, 0 errors): {'met' if ok else 'NOT met'}"
        )
    print(f"one replica holds {ladder['readers_held_at_p95_1s']} readers at p95 <= 1 s\n")
    result = asyncio.run(main_async())
    width = max(len(k) for k in result)
    for k, v in result.items():
        print(f"{k:<{width}}  {v}")
    result["readers"] = ladder
    errors = result["errors"] + result["further_errors"]
    print(
        f"\nzero errors: {'met' if errors == 0 else 'NOT met'};"
        f" RSS growth over {result['further_reruns']} further reruns "
        f"{result['rss_growth_over_further_pct']}% (target <= 10%): "
        f"{'met' if result['rss_growth_over_further_pct'] <= 10 else 'NOT met'}"
    )
    return tables(ladder, {k: v for k, v in result.items() if k != "readers"})


if __name__ == "__main__":
    out = main()
    if "--json" in sys.argv:
        Path(sys.argv[sys.argv.index("--json") + 1]).write_text(json.dumps(out, indent=1))
