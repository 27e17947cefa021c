"""What the atlas's own HTTP layer answers, as pure functions (the server wires them up).

Belongs here: the security headers of every response (`security_headers`), the rewriting of
Streamlit's HTML page (language and direction, the page's title and description, our own
script, and a real no-JavaScript fallback: for an embed, the stamped image of the same view with
its alt text and a link), and the image route (`image()`: a stamped PNG or SVG of any chart and
view, with an ETag derived from the data version and the canonical view, so repeat requests are
answered from a cache or with 304 without rendering). Does not belong here: Starlette or
Streamlit objects (see `server.py`).
"""

from __future__ import annotations

import hashlib
import html
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import parse_qs

from dashboard import export, links
from dashboard.atlas import Atlas
from dashboard.config import APP_NAME
from dashboard.figures import catalog
from dashboard.i18n import language, negotiate, translator
from dashboard.pages import PAGES

# Measured in Chromium over every page (tests/e2e/test_security.py logs every violation):
# Streamlit and plotly need inline styles; deck.gl compiles a WebAssembly module
# ('wasm-unsafe-eval', which allows WebAssembly only, not JavaScript eval); nothing else outside
# 'self'. WebSockets to the same host are covered by 'self' (CSP level 3).
CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors {ancestors}"
)
PERMISSIONS = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), "
    "browsing-topics=()"
)
IMAGE_FORMATS = {"png": "image/png", "svg": "image/svg+xml"}
IMAGE_MAX_AGE = 3600  # the data changes only with a release; the version is in the ETag
CACHE_ENTRIES = 256
STATIC_MAX_AGE = 31536000  # Streamlit's hashed asset names change with every release


def is_embed(query: str) -> bool:
    return "embed" in parse_qs(query)


def security_headers(path: str, query: str) -> dict[str, str]:
    """Headers every response carries. An embed may be framed by any article; the full app
    only by itself."""
    framed = is_embed(query) or path.startswith("/img/")
    headers = {
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Permissions-Policy": PERMISSIONS,
        "Cross-Origin-Opener-Policy": "same-origin",
        "Content-Security-Policy": CSP.format(ancestors="*" if framed else "'self'"),
    }
    if not framed:
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


def cache_headers(path: str) -> dict[str, str]:
    """Streamlit's hashed static files never change under the same name."""
    if path.startswith("/static/") and re.search(r"\.[0-9A-Za-z_-]{6,}\.(js|css|woff2?)$", path):
        return {"Cache-Control": f"public, max-age={STATIC_MAX_AGE}, immutable"}
    if path.startswith("/app/static/"):
        return {"Cache-Control": "public, max-age=86400"}
    return {}


# ------------------------------------------------------------------------ the HTML page

_NOSCRIPT = re.compile(r"<noscript>.*?</noscript>", re.S)
_INLINE = re.compile(r"<script>\s*window\.prerenderReady = false\s*</script>")


def _page_for(path: str):
    part = path.strip("/").split("/")[-1] if path.strip("/") else ""
    for p in PAGES:
        if p.url_path == part:
            return p
    return PAGES[0]


def rewrite_html(
    page_html: str, path: str, query: str, accept_language: str | None, atlas: Atlas | None
) -> str:
    """Streamlit's page with the reader's language and direction, a real title and description,
    our script, no inline script (the CSP forbids them) and a useful <noscript>."""
    params = {k: v for k, v in parse_qs(query).items()}
    lang = language(negotiate(links.one(params.get("lang")), accept_language))
    t = translator(lang.code)
    page = _page_for(path)
    title = f"{t._(page.title)} · {APP_NAME}"
    description = t._(
        "Sourced records of NSO Group's Pegasus spyware: who used it, against whom, and when."
    )
    fallback = (
        "<p>"
        + html.escape(
            t._(
                "Pegasus Atlas needs JavaScript for its interactive pages. Each chart is also "
                "available as an image at /img/<chart id>.png."
            )
        )
        + "</p>"
    )
    embed = links.one(params.get("embed"))
    if atlas is not None and embed in catalog.CHARTS:
        spec, _ = links.parse(params, atlas.prepared(False, lang.code), t)
        alt = catalog.describe(
            embed,
            atlas.view(spec.state, spec.private, spec.lang),
            atlas.inputs(spec.lang, spec.private, country=spec.get("country")),
        )
        img = f"/img/{embed}.png?{links.query(spec, atlas.version)}"
        live = f"/?{links.query(spec, atlas.version)}"
        fallback = (
            f'<a href="{html.escape(live)}"><img src="{html.escape(img)}" '
            f'alt="{html.escape(alt)}" style="max-width:100%;height:auto"></a>'
        )
        description = alt
    out = _INLINE.sub("", page_html)
    out = out.replace('<html lang="en">', f'<html lang="{lang.code}" dir="{lang.direction}">', 1)
    out = re.sub(r"<title>.*?</title>", f"<title>{html.escape(title)}</title>", out, count=1)
    meta = (
        f'<meta name="description" content="{html.escape(description)}" />'
        f'<meta property="og:title" content="{html.escape(title)}" />'
        f'<meta property="og:description" content="{html.escape(description)}" />'
        '<script src="/atlas.js" defer></script>'
        # Plotly measures chart text in a hidden svg under <body>; in an rtl page its offsets
        # come out wrong and right-aligned text lands off the chart, so it stays ltr (set
        # here, before any chart is drawn, not by a style the app injects later)
        "<style>#js-plotly-tester{direction:ltr}</style>"
    )
    out = out.replace("</head>", meta + "</head>", 1)
    return _NOSCRIPT.sub(f"<noscript>{fallback}</noscript>", out, count=1)


# ------------------------------------------------------------------------ images


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    headers: dict[str, str]


class ImageCache:
    """A small LRU of rendered images (bytes), shared by every request of the process."""

    def __init__(self, entries: int = CACHE_ENTRIES):
        self.entries = entries
        self._data: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        return None

    def put(self, key: str, value: bytes) -> None:
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.entries:
                self._data.popitem(last=False)


CACHE = ImageCache()


def image_request(
    atlas: Atlas, chart_id: str, fmt: str, query: str
) -> tuple[str, links.ViewSpec, export.Preset, str]:
    """(canonical query, view, preset, etag) of an image request; raises KeyError/ValueError."""
    if fmt not in IMAGE_FORMATS:
        raise ValueError(fmt)
    catalog.chart(chart_id)  # UnknownChart (a KeyError) for an unknown id
    params = parse_qs(query)
    lang = negotiate(links.one(params.get("lang")))
    spec, _ = links.parse(params, atlas.prepared(False, lang), translator(lang))
    preset = export.PRESETS.get(links.one(params.get("preset")) or "landscape")
    if preset is None:
        raise ValueError("preset")
    canonical = links.query(spec, atlas.version, preset=preset.id)
    if spec.width:
        canonical += f"&w={spec.width}"
    etag = hashlib.sha256(f"{atlas.version}|{chart_id}|{fmt}|{canonical}".encode()).hexdigest()
    return canonical, spec, preset, f'"{etag[:32]}"'


def image(
    atlas: Atlas, chart_id: str, fmt: str, query: str, if_none_match: str = "", origin: str = ""
) -> Response:
    """A stamped chart image of any view: 200 with caching headers, 304 when the reader's copy
    is current, 400/404 with a plain message otherwise."""
    try:
        canonical, spec, preset, etag = image_request(atlas, chart_id, fmt, query)
    except catalog.UnknownChart as exc:
        return Response(404, str(exc).strip('"').encode(), {"Content-Type": "text/plain"})
    except ValueError:
        return Response(400, b"unsupported format or preset", {"Content-Type": "text/plain"})
    caching = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={IMAGE_MAX_AGE}",
        "Vary": "Accept-Encoding",
    }
    if etag in (if_none_match or ""):
        return Response(304, b"", caching)
    body = CACHE.get(etag)
    if body is None:
        width = spec.width or preset.layout
        height = (
            preset.layout_height if not spec.width else round(width * preset.height / preset.width)
        )
        scale = preset.scale if not spec.width else 2.0
        permalink = links.chart_url(origin, chart_id, spec, atlas.version)
        fig = atlas.figure(
            chart_id,
            spec.state,
            spec.private,
            spec.lang,
            permalink,
            spec.get("country"),
            width,
            1.0,
            height,
        )
        body = export.render(fig, fmt, width, height, scale)
        CACHE.put(etag, body)
    return Response(200, body, {"Content-Type": IMAGE_FORMATS[fmt], **caching})


def alt_text(atlas: Atlas, chart_id: str, query: str) -> str:
    """The text alternative of the image a query asks for."""
    params = parse_qs(query)
    lang = negotiate(links.one(params.get("lang")))
    spec, _ = links.parse(params, atlas.prepared(False, lang), translator(lang))
    return catalog.describe(
        chart_id,
        atlas.view(spec.state, spec.private, spec.lang),
        atlas.inputs(spec.lang, spec.private, country=spec.get("country")),
    )
