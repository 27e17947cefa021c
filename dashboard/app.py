"""Entrypoint: page config, data check, navigation, global filters, sentence, footer.

Run with `streamlit run dashboard/app.py` (or `make run`). Pages live in `views/`; this file is
the router and frame only.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import filters, ui
from dashboard.config import APP_NAME, LICENCE_CODE, LICENCE_DATA
from dashboard.dataset import DataError

ICON = Path(__file__).parent / "static" / "favicon.png"  # local: a :material: icon loads from a CDN

PAGES = [
    ("views/overview.py", "Overview", ":material/dashboard:", "overview"),
    ("views/map.py", "Map", ":material/public:", "map"),
    ("views/timeline.py", "Timeline", ":material/timeline:", "timeline"),
    ("views/targets.py", "Targets", ":material/group:", "targets"),
    ("views/country.py", "Country profile", ":material/flag:", "country"),
    ("views/sources.py", "Sources & methodology", ":material/menu_book:", "sources"),
]


def data_error_page(exc: DataError) -> None:
    """Refuse to show invalid data: say what is wrong, never a traceback."""
    st.title(f"{APP_NAME} cannot show its data")
    st.error(
        "The bundled data failed validation, so nothing is shown rather than something "
        f"wrong. {len(exc.violations)} problem(s) were found; the first are listed below.",
        icon=":material/error:",
    )
    st.code("\n".join(str(v) for v in exc.violations[:50]), language=None, wrap_lines=True)
    st.stop()


def embed_mode() -> None:
    """`?embed=<chart-id>`: one chart, no sidebar or navigation; filters come from the URL."""
    st.set_page_config(
        page_title=APP_NAME, page_icon=str(ICON), layout="wide", initial_sidebar_state="collapsed"
    )
    p = ui.prepared()
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, _ = filters.from_query_params(params, p.vocab, other_keys=ui.PAGE_KEYS)
    st.session_state["_state"] = state
    st.session_state["_private"] = ui.url_privacy()
    st.navigation(
        [st.Page("views/embed.py", title=APP_NAME, default=True)], position="hidden"
    ).run()


def main() -> None:
    try:
        ui.dataset()
    except DataError as exc:
        st.set_page_config(page_title=APP_NAME, page_icon=str(ICON), layout="wide")
        data_error_page(exc)
    if ui.embed_param():
        embed_mode()
        return
    st.set_page_config(
        page_title=APP_NAME, page_icon=str(ICON), layout="wide", initial_sidebar_state="expanded"
    )
    pages = [
        st.Page(path, title=title, icon=icon, url_path=url, default=(url == "overview"))
        for path, title, icon, url in PAGES
    ]
    nav = st.navigation(pages)
    st.session_state["_state"] = ui.sidebar_filters()
    st.session_state["_private"] = ui.is_private()
    ctx = ui.context()
    st.caption(ui.escape_markdown(ui.describe(ctx)), width="stretch")
    ui.notices()
    ui.privacy_notice(ctx)
    nav.run()
    st.divider()
    ui.data_panel(ctx)
    st.caption(
        f"{APP_NAME} · data v{ctx.version} (as of {ctx.as_of}) · data {LICENCE_DATA}, "
        f"code {LICENCE_CODE} · no tracking, no third-party requests."
    )


main()
