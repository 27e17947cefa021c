"""Load: 25 concurrent sessions x 20 filter changes, then 500 more reruns; errors, latency, RSS.

Each session is a WebSocket client speaking Streamlit's own protocol (the BackMsg/ForwardMsg
protobufs the browser uses): it opens the Targets page, finds the "Status of target" widget in
the deltas, and sends reruns with changed widget state, timing each from send to
`script_finished`. An exception element in a delta, a closed socket or a timeout is an error.
Server RSS is read from /proc before, after the 25x20 phase, and after 500 further reruns.

Prints a table and writes benchmarks/load.json; never asserts. Run with the venv's python.
Targets (issue: reliability): zero errors; RSS growth over the 500 further reruns <= 10%.
"""

from __future__ import annotations

import asyncio
import json
import os
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
FURTHER = 500
CHOICES = [
    ["Infected (forensically confirmed)"],
    ["Attempted"],
    [],
    ["Notified", "Listed only"],
    ["Infected (forensically confirmed)", "Attempted"],
]
TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server() -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_SERVER_PORT": str(port),
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    log = Path(os.environ.get("LOAD_SERVER_LOG", os.devnull)).open("w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py"],
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


def main() -> dict:
    result = asyncio.run(main_async())
    width = max(len(k) for k in result)
    for k, v in result.items():
        print(f"{k:<{width}}  {v}")
    errors = result["errors"] + result["further_errors"]
    print(
        f"\nzero errors: {'met' if errors == 0 else 'NOT met'};"
        f" RSS growth over {result['further_reruns']} further reruns "
        f"{result['rss_growth_over_further_pct']}% (target <= 10%): "
        f"{'met' if result['rss_growth_over_further_pct'] <= 10 else 'NOT met'}"
    )
    (ROOT / "benchmarks" / "load.json").write_text(json.dumps(result, indent=1))
    return result


if __name__ == "__main__":
    main()
