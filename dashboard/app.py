"""Entrypoint: page config, data check, language, navigation from the page registry, the
sidebar, the sentence, the footer. Pages live in `views/`; this file is the router and frame.

Run with `make run` (which serves it through `dashboard/server.py`, adding the image and feed
routes and the security headers) or `streamlit run dashboard/app.py`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import links
from dashboard.config import APP_NAME
from dashboard.dataset import DataError
from dashboard.i18n import translator
from dashboard.pages import PAGES
from dashboard.ui import frame, share, state
from dashboard.ui.data import atlas

ICON = Path(__file__).parent / "static" / "favicon.png"  # local: a :material: icon loads from a CDN


def data_error_page(exc: DataError) -> None:
    """Refuse to show invalid data: say what is wrong, never a traceback."""
    st.set_page_config(page_title=APP_NAME, page_icon=str(ICON), layout="wide")
    t = translator(state.negotiate(None, state.accept_language()))
    st.title(t._("{app} cannot show its data").format(app=APP_NAME))
    st.error(
        t._(
            "The bundled data failed validation, so nothing is shown rather than something "
            "wrong. {n} problem(s) were found; the first are listed below."
        ).format(n=len(exc.violations)),
        icon=":material/error:",
    )
    st.code("\n".join(str(v) for v in exc.violations[:50]), language=None, wrap_lines=True)
    st.stop()


def embed(a, spec: links.ViewSpec) -> None:
    """`?embed=<chart-id>`: one chart, no sidebar or navigation; the view comes from the URL."""
    st.set_page_config(
        page_title=APP_NAME, page_icon=str(ICON), layout="wide", initial_sidebar_state="collapsed"
    )
    t = translator(spec.lang)
    page = PAGES[0]
    ctx = state.Context(
        a,
        page,
        spec,
        a.view(spec.state, spec.private, spec.lang),
        a.labels(spec.lang),
        t,
        state.origin(),
    )
    state.set_context(ctx)
    frame.style(t.language.rtl)
    st.navigation(
        [st.Page("views/embed.py", title=APP_NAME, default=True)], position="hidden"
    ).run()


def main() -> None:
    try:
        a = atlas()
    except DataError as exc:
        data_error_page(exc)
        return
    spec = state.init_session(a)
    if spec.get("embed"):
        embed(a, spec)
        return
    st.set_page_config(
        page_title=APP_NAME, page_icon=str(ICON), layout="wide", initial_sidebar_state="auto"
    )
    t = translator(state.current_lang(a))
    pages = {
        p.id: st.Page(
            p.view,
            title=t._(p.title),
            icon=p.icon,
            url_path=p.url_path,
            default=p is PAGES[0],
            visibility="visible" if p.nav else "hidden",
        )
        for p in PAGES
    }
    nav = st.navigation(list(pages.values()))
    page = next((p for p in PAGES if pages[p.id].url_path == nav.url_path), PAGES[0])
    filters, lang, private = state.sidebar(a, t, page)
    t = translator(lang)
    st.set_page_config(page_title=f"{t._(page.title)} · {APP_NAME}")
    spec = links.ViewSpec(filters, private, lang, a.version, tuple(state.page_params(page).items()))
    state.write_url(spec, a.version)
    ctx = state.Context(
        a, page, spec, a.view(filters, private, lang), a.labels(lang), t, state.origin()
    )
    state.set_context(ctx)
    frame.style(t.language.rtl)
    nav.run()
    st.divider()
    share.data_panel(ctx)
    frame.footer(ctx)


main()
