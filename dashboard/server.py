"""The ASGI entry point (`make run` serves this): Streamlit's app plus the atlas's own HTTP routes
and middleware on the same port.

Routes: `/img/<chart>.png|svg?<view>` (a stamped image of any chart and view: the no-JavaScript
fallback of embeds, images a newsroom CMS can hotlink; ETag and Cache-Control so a proxy or CDN
serves repeat readers), `/atlas.js` (our page script), `/embed.js` (the self-sizing embed
script), `/feed.atom` (data releases and record changes). Middleware: security headers on every
response (see `web.security_headers`), the rewriting of Streamlit's HTML page (`web.rewrite_html`),
long cache lifetimes for hashed assets, and gzip for everything compressible.
Does not belong here: computing anything (see the pure core: `web`, `atlas`, `feed`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import threading
from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from dashboard import web
from dashboard.atlas import atlas, data_dir_from_env
from dashboard.dataset import DataError

HERE = Path(__file__).resolve().parent
JS = HERE / "static" / "js"
_render = asyncio.Semaphore(1)  # one image at a time: kaleido drives one browser


def _warm() -> None:
    """Load and warm the atlas while the server starts (see `Atlas.warm`); a data error is
    left for the pages to report."""
    with contextlib.suppress(DataError):
        atlas(data_dir_from_env()).warm()


threading.Thread(target=_warm, name="atlas-warm", daemon=True).start()


def _origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.url.netloc}"


async def image_route(request: Request) -> Response:
    chart, fmt = request.path_params["chart"], request.path_params["fmt"]
    try:
        a = atlas(data_dir_from_env())
    except DataError:
        return PlainTextResponse("the data failed validation", status_code=503)
    async with _render:
        out = await asyncio.to_thread(
            web.image,
            a,
            chart,
            fmt,
            request.url.query,
            request.headers.get("if-none-match", ""),
            _origin(request),
        )
    return Response(out.body, status_code=out.status, headers=out.headers)


async def feed_route(request: Request) -> Response:
    from dashboard import feed

    a = atlas(data_dir_from_env())
    private = request.query_params.get("privacy", "") in ("1", "true", "on", "yes")
    body = await asyncio.to_thread(feed.atom, a, _origin(request), private)
    return Response(
        body,
        media_type="application/atom+xml; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )


def _script(name: str):
    async def route(request: Request) -> Response:
        return FileResponse(
            JS / name,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    return route


class AtlasMiddleware:
    """Security and cache headers on every HTTP response; Streamlit's HTML page rewritten."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        query = scope.get("query_string", b"").decode("latin-1")
        extra = {**web.security_headers(path, query), **web.cache_headers(path)}
        start: dict = {}
        chunks: list[bytes] = []

        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in {h.lower().encode() for h in extra}
                ]
                headers += [(k.lower().encode(), v.encode()) for k, v in extra.items()]
                message = {**message, "headers": headers}
                ctype = dict(headers).get(b"content-type", b"")
                if ctype.startswith(b"text/html"):
                    start.update(message)
                    return
                return await send(message)
            if message["type"] == "http.response.body" and start:
                chunks.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                body = b"".join(chunks)
                if dict(start["headers"]).get(b"content-encoding") == b"gzip":
                    body = gzip.decompress(body)  # Streamlit's own gzip (ours runs outside)
                body = _rewrite(body, path, query, scope)
                # The page differs by language: no validators of the unrewritten file.
                drop = {b"content-length", b"etag", b"last-modified", b"content-encoding"}
                headers = [(k, v) for k, v in start["headers"] if k not in drop]
                headers.append((b"content-length", str(len(body)).encode()))
                await send({**start, "headers": headers})
                return await send({"type": "http.response.body", "body": body})
            return await send(message)

        return await self.app(scope, receive, wrapped)


def _rewrite(body: bytes, path: str, query: str, scope) -> bytes:
    accept = dict(scope.get("headers", [])).get(b"accept-language", b"").decode("latin-1")
    try:
        a = atlas(data_dir_from_env())
    except DataError:
        a = None
    return web.rewrite_html(body.decode("utf-8"), path, query, accept, a).encode("utf-8")


app = st.App(
    "app.py",
    routes=[
        Route("/img/{chart:str}.{fmt:str}", image_route),
        Route("/feed.atom", feed_route),
        Route("/atlas.js", _script("atlas.js")),
        Route("/embed.js", _script("embed.js")),
    ],
    middleware=[
        Middleware(GZipMiddleware, minimum_size=500),
        Middleware(AtlasMiddleware),
    ],
)
