"""Entrypoint: page config, data check, navigation, global filters, sentence, footer.

Run with `streamlit run dashboard/app.py` (or `make run`). Pages live in `views/`; this file is
the router and frame only.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import ui
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


def main() -> None:
    st.set_page_config(
        page_title=APP_NAME, page_icon=str(ICON), layout="wide", initial_sidebar_state="expanded"
    )
    try:
        ui.dataset()
    except DataError as exc:
        data_error_page(exc)
    pages = [
        st.Page(path, title=title, icon=icon, url_path=url, default=(url == "overview"))
        for path, title, icon, url in PAGES
    ]
    nav = st.navigation(pages)
    st.session_state["_state"] = ui.sidebar_filters()
    ctx = ui.context()
    st.caption(ui.escape_markdown(ui.describe(ctx)), width="stretch")
    ui.notices()
    nav.run()
    st.divider()
    st.caption(
        f"{APP_NAME} · data v{ctx.version} (as of {ctx.as_of}) · data {LICENCE_DATA}, "
        f"code {LICENCE_CODE} · no tracking, no third-party requests."
    )


main()
