"""Shared helpers of the benchmarks: servers on 127.0.0.1, headless Chromium, timing, results.

Benchmarks print numbers and never assert on time. Each script's `main()` returns a dict that
`run_all.py` turns into a table of benchmarks/results.md (scripts also run alone:
`.venv/bin/python benchmarks/<name>.py [--json out.json]`).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dashboard import harness  # noqa: E402
from dashboard.pages import PAGES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
PY = sys.executable
CHROMIUM = harness.CHROMIUM
ARGS = harness.CHROMIUM_ARGS
HOST = harness.HOST
VIEWPORT = {"width": 1280, "height": 2000}
RUNS = int(os.environ.get("BENCH_RUNS", "5"))  # browser loads per page (median of these)

APPS = {
    "atlas": "dashboard/server.py",
    "floor": "benchmarks/floor_app.py",
    "hello": "benchmarks/hello_app.py",
}
ATLAS_PAGES = {p.id: p.url() for p in PAGES}

# Installed in every page before its scripts run: records when Streamlit's script state
# changes (running / notRunning), when its last WebSocket message arrived, every Plotly
# `plotly_afterplot`, and DOM mutations in the main area, on the page's own clock
# (performance.now(), ms since navigation start).
PROBE = r"""
(() => {
  const w = window;
  w.__b = {ran: 0, lastRunStart: -1, lastRunEnd: -1, lastPlot: -1, lastMut: -1, plots: 0,
           lastMsg: -1, msgs: 0, sends: [], firstMsgs: []};
  // Streamlit's messages arrive over a WebSocket: note when the last one came. A fast rerun
  // may never show the "running" state in the DOM (React batches it away); its messages do.
  const NativeWS = w.WebSocket;
  w.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        const now = performance.now();
        // the first message after each message sent: when the server started answering
        if (w.__b.sends.length > w.__b.firstMsgs.length) w.__b.firstMsgs.push(now);
        w.__b.lastMsg = now; w.__b.msgs++;
      });
    }
    send(data) { w.__b.sends.push(performance.now()); return super.send(data); }
  };
  const seen = new WeakSet();
  function hookPlots() {
    document.querySelectorAll('.js-plotly-plot').forEach((gd) => {
      if (seen.has(gd) || typeof gd.on !== 'function') return;
      seen.add(gd);
      gd.on('plotly_afterplot', () => { w.__b.lastPlot = performance.now(); w.__b.plots++; });
      w.__b.lastPlot = performance.now();
    });
  }
  function state() {
    const app = document.querySelector('[data-testid="stApp"]');
    return app ? app.getAttribute('data-test-script-state') : null;
  }
  let cur = null;  // last script state seen
  function step(from, to, now) {
    if (to === 'running' && from !== 'running') { w.__b.ran++; w.__b.lastRunStart = now; }
    if (from === 'running' && to !== 'running') w.__b.lastRunEnd = now;
  }
  const obs = new MutationObserver((muts) => {
    const now = performance.now();
    // Every change of the script state in order, even several within one batch: a record's
    // oldValue is the value before it, the next record's oldValue (or now) the value after.
    const changes = muts.filter((m) => m.attributeName === 'data-test-script-state');
    changes.forEach((m, i) => {
      const after = i + 1 < changes.length ? changes[i + 1].oldValue : state();
      if (m.oldValue !== cur) step(cur, m.oldValue, now);
      step(m.oldValue, after, now);
      cur = after;
    });
    const s = state();
    if (s !== cur) { step(cur, s, now); cur = s; }
    for (const m of muts) {
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      if (el && el.closest && el.closest('[data-testid="stMain"]')) { w.__b.lastMut = now; break; }
    }
    hookPlots();
  });
  const start = () => obs.observe(document.documentElement,
    {subtree: true, childList: true, attributes: true, attributeOldValue: true,
     characterData: true});
  if (document.documentElement) start(); else document.addEventListener('readystatechange', start);
})();
"""

# True when the script has run and finished and the expected charts are drawn.
DRAWN = r"""
([nPlotly, nDeck]) => {
  const b = window.__b;
  const app = document.querySelector('[data-testid="stApp"]');
  if (!b || !app || b.ran < 1) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  const plots = document.querySelectorAll('.js-plotly-plot .main-svg');
  const decks = [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
      .filter((d) => d.querySelector('canvas')).length;
  const graphs = new Set();
  plots.forEach((s) => graphs.add(s.closest('.js-plotly-plot')));
  if (graphs.size < nPlotly || decks < nDeck) return false;
  const skeleton = [...document.querySelectorAll('[data-testid*="keleton"]')]
      .some((e) => e.getClientRects().length > 0);
  if (skeleton) return false;
  return performance.now();
}
"""

COUNT = r"""
() => ({
  plotlyContainers: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  plotlyDrawn: new Set([...document.querySelectorAll('.js-plotly-plot .main-svg')]
      .map((s) => s.closest('.js-plotly-plot'))).size,
  deckDrawn: [...document.querySelectorAll('[data-testid="stDeckGlJsonChart"]')]
      .filter((d) => d.querySelector('canvas')).length,
  state: document.querySelector('[data-testid="stApp"]')
      ?.getAttribute('data-test-script-state'),
})
"""


class Server(harness.Server):
    """The shared harness's server (see `dashboard/harness.py`), optionally timing every script
    run (`serve_timed.py` logs each run's wall and CPU time)."""

    def __init__(
        self, app: str, env_extra: dict | None = None, name: str | None = None, timed: bool = False
    ):
        self.name = name or Path(app).stem
        env = dict(env_extra or {})
        self.run_log = None
        cmd = None
        if timed:
            self.run_log = Path(tempfile.mkstemp(prefix=f"bench-{self.name}-", suffix=".jsonl")[1])
            env["BENCH_RUN_LOG"] = str(self.run_log)
            cmd = [PY, "benchmarks/serve_timed.py", app]
        super().__init__(app=app, env=env, cmd=cmd)

    def stop(self) -> None:
        super().stop()
        if self.run_log:
            self.run_log.unlink(missing_ok=True)

    def runs(self) -> list[dict]:
        """Script runs logged so far (timed servers only)."""
        if not self.run_log or not self.run_log.exists():
            return []
        return [json.loads(x) for x in self.run_log.read_text().splitlines() if x.strip()]


@contextlib.contextmanager
def servers(
    *names: str, env_extra: dict | None = None, timed: bool = False
) -> Iterator[dict[str, Server]]:
    started: dict[str, Server] = {}
    try:
        for n in names:
            started[n] = Server(APPS[n], env_extra if n == "atlas" else None, n, timed)
        yield started
    finally:
        for s in started.values():
            s.stop()


@contextlib.contextmanager
def browser():
    with harness.launch() as b:
        yield b


def new_page(b, probe: bool = True):
    ctx = b.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    if probe:
        page.add_init_script(PROBE)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if r.url.startswith(("http", "ws")) and r.url.split("/")[2].split(":")[0] != HOST
            else None
        ),
    )
    page.outside = outside  # type: ignore[attr-defined]
    return ctx, page


def classify(raw: bytes) -> str:
    """Which kind of Streamlit message a binary WebSocket frame holds (element type for
    new elements)."""
    try:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg.FromString(raw)
    except Exception:  # noqa: BLE001 - not a ForwardMsg: count it as such
        return "other"
    kind = msg.WhichOneof("type") or "other"
    if kind == "delta":
        d = msg.delta.WhichOneof("type")
        if d == "new_element":
            return "element:" + (msg.delta.new_element.WhichOneof("type") or "?")
        return "delta:" + (d or "?")
    return kind


def calibrate(b, url: str, settle_ms: int = 1000) -> dict:
    """One unmeasured load (it also warms the server): count the charts the server sends
    (Plotly and deck.gl elements in its messages), wait until all of them are drawn, and
    return the counts a measured load must wait for."""
    ctx, page = new_page(b)
    kinds: Counter[str] = Counter()

    def frame(p) -> None:
        r = p["response"]
        if r.get("opcode") == 2:
            kinds[classify(base64.b64decode(r.get("payloadData", "")))] += 1

    try:
        cdp = page.context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameReceived", frame)
        cdp.send("Network.enable")
        page.goto(url)
        page.wait_for_function(
            "() => window.__b && window.__b.ran > 0 && document.querySelector("
            "'[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state') === 'notRunning'",
            timeout=120_000,
        )
        page.wait_for_timeout(200)  # let the CDP events of the last frames be dispatched
        n_plotly = kinds["element:plotly_chart"]
        n_deck = kinds["element:deck_gl_json_chart"]
        wait_drawn(page, n_plotly, n_deck)
        page.wait_for_timeout(settle_ms)
        counts = page.evaluate(COUNT)
        return {**counts, "plotly": n_plotly, "deck": n_deck}
    finally:
        ctx.close()


def wait_drawn(page, n_plotly: int, n_deck: int, timeout: float = 120_000) -> float:
    """Page clock (ms since navigation start) when the script finished and charts are drawn."""
    handle = page.wait_for_function(DRAWN, arg=[n_plotly, n_deck], polling="raf", timeout=timeout)
    return float(handle.json_value())


def wait_settled(page, since: float, quiet_ms: int = 1000, timeout_s: float = 120) -> float:
    """After an action at page time `since`: wait until the rerun's messages arrived, the
    script state is `notRunning` and nothing (script state, message, Plotly redraw, main-area
    DOM) changed for `quiet_ms`. Returns the page time of the last such change (not the time
    the quiet period was detected)."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        b = page.evaluate(
            "() => ({...window.__b, now: performance.now(), state: document.querySelector("
            "'[data-testid=\"stApp\"]').getAttribute('data-test-script-state')})"
        )
        ran = b["lastRunStart"] >= since and b["lastRunEnd"] >= b["lastRunStart"]
        if (ran or b["lastMsg"] >= since) and b["state"] == "notRunning":
            last = max(b["lastRunEnd"], b["lastMsg"], b["lastPlot"], b["lastMut"])
            if b["now"] - last >= quiet_ms:
                return last
        page.wait_for_timeout(50)
    raise TimeoutError(f"the app did not settle after the action at {since:.0f} ms: {b}")


def median(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def rss_mb(pid: int) -> float:
    """Resident set size of a process (psutil when installed, else /proc)."""
    try:
        import psutil

        return psutil.Process(pid).memory_info().rss / 2**20
    except ImportError:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no RSS")


def pick_option(page, label: str, option: str, where: str = "sidebar") -> None:
    """Open a Streamlit select/multiselect by its label and arm the probe, then click the
    option whose text starts with `option`. The action time is recorded in window.__t0."""
    scope = page.locator('[data-testid="stSidebar"]') if where == "sidebar" else page
    widget = scope.locator(
        '[data-testid="stMultiSelect"], [data-testid="stSelectbox"]', has_text=label
    ).first
    widget.click()
    opt = page.get_by_role("option", name=re.compile("^" + re.escape(option))).first
    opt.wait_for(state="visible", timeout=10_000)
    page.evaluate(
        "() => { window.__t0 = -1; document.addEventListener('pointerdown', () => {"
        " if (window.__t0 < 0) window.__t0 = performance.now(); }, {capture: true, once: true}); }"
    )
    opt.click()


def write_json(data: dict, argv: list[str]) -> None:
    if "--json" in argv:
        path = Path(argv[argv.index("--json") + 1])
        path.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


def fmt(x: float, digits: int = 0) -> str:
    return "n/a" if x != x else f"{x:,.{digits}f}"
