"""Running the app in AppTest: one page with URL parameters, with its data directory."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard.pages import BY_ID, Page

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@contextmanager
def data_dir(path: Path | None):
    """Run the app on another data package (PEGASUS_ATLAS_DATA), then restore."""
    old = os.environ.get("PEGASUS_ATLAS_DATA")
    if path is not None:
        os.environ["PEGASUS_ATLAS_DATA"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PEGASUS_ATLAS_DATA", None)
        else:
            os.environ["PEGASUS_ATLAS_DATA"] = old


def run(page: Page | str | None = None, params: dict | None = None, sample: bool = True) -> AppTest:
    """Run `page` (default: the first) with `params` (its sample query string first)."""
    page = BY_ID[page] if isinstance(page, str) else page
    at = AppTest.from_file(APP, default_timeout=90)
    query = (
        dict(kv.split("=", 1) for kv in page.sample.split("&"))
        if page and sample and page.sample
        else {}
    )
    for k, v in {**query, **(params or {})}.items():
        at.query_params[k] = v
    if page is not None and page is not BY_ID["overview"]:
        at.switch_page(page.view)
    at.run()
    return at


def sentence(at: AppTest) -> str:
    return at.caption[0].value.replace("\\", "")
