"""Payload: bytes sent to the browser per page load and per filter change, per page.

Chromium's DevTools protocol (a CDP session per page, Network.enable) counts
- HTTP: Network.loadingFinished encodedDataLength (bytes on the wire, compressed, with headers);
- WebSocket: Network.webSocketFrameReceived payloadData lengths (text frames: UTF-8 length;
  binary frames: base64 length * 3/4), i.e. Streamlit's messages as the page receives them.
A load is counted from navigation until the charts are drawn and the page is quiet for 1 s; a
filter change (pick "Infected" in "Status of target"; floor app: "B" in "Dataset") from the
click until quiet again. Binary frames are decoded as Streamlit ForwardMsgs to say which
elements carry the bytes. Targets: <= 3.5 MB per load, <= 100 KB per filter change.
"""

from __future__ import annotations

import base64
import gzip
import sys
import urllib.request
from collections import Counter

from common import (
    ATLAS_PAGES,
    browser,
    calibrate,
    classify,
    fmt,
    new_page,
    pick_option,
    servers,
    wait_drawn,
    wait_settled,
)
from interaction import wait_settled_after_load

LOAD_TARGET = 3_500_000  # issue "Performance, round two": <= 3.5 MB on the wire
CHANGE_TARGET = 100_000
KB = 1000


class Meter:
    """Counts bytes received over HTTP and WebSocket through a CDP session."""

    def __init__(self, page):
        self.cdp = page.context.new_cdp_session(page)
        self.reset()
        self.cdp.on("Network.loadingFinished", self._http)
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.webSocketFrameReceived", self._ws)
        self.cdp.on("Network.webSocketFrameSent", self._sent)
        self.cdp.send("Network.enable")
        self.urls: dict[str, str] = {}

    def reset(self) -> None:
        self.http = 0
        self.ws = 0
        self.ws_sent = 0
        self.frames = 0
        self.kinds: Counter[str] = Counter()
        self.resources: Counter[str] = Counter()
        self.fetched: list[str] = []

    def _response(self, p) -> None:
        self.urls[p["requestId"]] = p["response"]["url"]

    def _http(self, p) -> None:
        n = int(p.get("encodedDataLength", 0))
        self.http += n
        url = self.urls.get(p["requestId"], "?")
        self.resources["/" + url.split("?")[0].split("/", 3)[-1]] += n
        self.fetched.append(url)

    def _ws(self, p) -> None:
        r = p["response"]
        data = r.get("payloadData", "")
        if r.get("opcode") == 2:
            raw = base64.b64decode(data)
            n = len(raw)  # = base64 length * 3/4 less padding
            self.kinds[classify(raw)] += n
        else:
            n = len(data.encode("utf-8"))
            self.kinds["text frame"] += n
        self.ws += n
        self.frames += 1

    def _sent(self, p) -> None:
        self.ws_sent += len(p["response"].get("payloadData", "")) * 3 // 4


_GZIPPED: dict[str, int] = {}


def gzipped(urls: list[str]) -> int:
    """Bytes the same HTTP responses would take gzip-compressed (level 6), as a reverse proxy
    with compression would send them; Streamlit's own server sends static files uncompressed."""
    total = 0
    for url in urls:
        if not url.startswith("http://127.0.0.1"):
            continue
        if url not in _GZIPPED:
            try:
                with urllib.request.urlopen(url, timeout=10) as r:
                    _GZIPPED[url] = len(gzip.compress(r.read(), 6))
            except OSError:
                _GZIPPED[url] = 0
        total += _GZIPPED[url]
    return total


def top(counter: Counter, n: int = 4) -> str:
    return ", ".join(f"{k} {v / KB:,.0f} KB" for k, v in counter.most_common(n) if v)


def main() -> dict:
    rows, details = [], {}
    with servers("atlas", "floor", "hello") as srv, browser() as b:
        urls = {name: srv["atlas"].url + path for name, path in ATLAS_PAGES.items()}
        urls["floor"] = srv["floor"].url + "/"
        urls["hello"] = srv["hello"].url + "/"
        for name, url in urls.items():
            expect = calibrate(b, url, settle_ms=1000)  # also warms the server
            ctx, page = new_page(b)
            try:
                meter = Meter(page)
                page.goto(url)
                loaded = wait_drawn(page, expect["plotly"], expect["deck"])
                wait_settled_after_load(page, loaded)
                load = {
                    "http": meter.http,
                    "http_gzip": gzipped(meter.fetched),
                    "ws": meter.ws,
                    "frames": meter.frames,
                    "kinds": dict(meter.kinds),
                    "resources": dict(meter.resources.most_common(5)),
                }
                change = None
                if name != "hello":
                    meter.reset()
                    label, option = (
                        ("Dataset", "B") if name == "floor" else ("Status of target", "Infected")
                    )
                    pick_option(page, label, option)
                    page.wait_for_function("() => window.__t0 >= 0", timeout=10_000)
                    wait_settled(page, page.evaluate("() => window.__t0"))
                    change = {
                        "http": meter.http,
                        "ws": meter.ws,
                        "frames": meter.frames,
                        "sent": meter.ws_sent,
                        "kinds": dict(meter.kinds),
                    }
                meter.reset()  # a repeat visit in the same context: static files are cached
                page.goto(url)
                loaded = wait_drawn(page, expect["plotly"], expect["deck"])
                wait_settled_after_load(page, loaded)
                repeat = {"http": meter.http, "ws": meter.ws}
            finally:
                ctx.close()
            details[name] = {"load": load, "change": change, "repeat": repeat}
            total = load["http"] + load["ws"]
            ch = change["http"] + change["ws"] if change else None
            ref = name in ("floor", "hello")
            rows.append(
                [
                    name,
                    fmt(load["http"] / KB),
                    fmt(load["ws"] / KB),
                    fmt(total / KB),
                    "-" if ref else ("met" if total <= LOAD_TARGET else "NOT met"),
                    fmt((load["http_gzip"] + load["ws"]) / KB),
                    fmt((repeat["http"] + repeat["ws"]) / KB),
                    fmt(ch / KB, 1) if ch is not None else "n/a",
                    "-" if ref or ch is None else ("met" if ch <= CHANGE_TARGET else "NOT met"),
                    top(Counter(change["kinds"]), 3) if change else "",
                ]
            )
            print(
                f"{name:<9} load: HTTP {load['http'] / KB:8,.0f} KB + WS {load['ws'] / KB:7,.0f} "
                f"KB = {total / KB:8,.0f} KB (gzip'd {(load['http_gzip'] + load['ws']) / KB:,.0f}, "
                f"repeat {(repeat['http'] + repeat['ws']) / KB:,.0f})  filter change: "
                + (f"{ch / KB:7,.1f} KB ({top(Counter(change['kinds']), 3)})" if change else "n/a")
            )
            print(f"          load WS by message: {top(Counter(load['kinds']), 5)}")
    heaviest = details["overview"]["load"]["resources"]
    return {
        "tables": [
            {
                "title": "Payload per page load and per filter change",
                "columns": [
                    "page",
                    "load HTTP KB",
                    "load WebSocket KB",
                    "load total KB",
                    "target <= 3.5 MB",
                    "load KB if HTTP gzip'd",
                    "repeat load KB (browser cache)",
                    "filter change KB",
                    "target <= 100 KB",
                    "filter change: largest messages",
                ],
                "rows": rows,
                "notes": [
                    "KB = 1000 bytes. HTTP is bytes on the wire incl. headers (Streamlit's "
                    "server sends its static JS uncompressed); 'if gzip'd' = the same responses "
                    "gzip-compressed (level 6) as a compressing reverse proxy would send them, "
                    "plus WebSocket. WebSocket is message payload as received. 'Repeat load' = "
                    "the page opened again in the same browser context (static files cached).",
                    "Largest HTTP responses of a first load (overview): "
                    + ", ".join(f"{u} {n / KB:,.0f} KB" for u, n in heaviest.items())
                    + ".",
                    "WebSocket bytes of each load by message: "
                    + "; ".join(
                        f"{n}: {top(Counter(d['load']['kinds']), 3)}" for n, d in details.items()
                    )
                    + ".",
                ],
            }
        ],
        "raw": details,
    }


if __name__ == "__main__":
    from common import write_json

    write_json(main(), sys.argv)
