"""The page registry: every page of the atlas declared once, used by the app's navigation, the
tests (AppTest and browser) and the benchmarks.

Belongs here: `Page` (id, view file, title, icon, URL path, the page's own URL keys, whether the
navigation lists it, the charts it draws on first load and a sample of its own URL) and `PAGES`;
`URL_KEYS`, the keys of the URL that are not filters. Does not belong here: Streamlit (the app
turns these into `st.Page`s), drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_


@dataclass(frozen=True)
class Page:
    id: str
    view: str  # file under dashboard/
    title: str  # N_-marked
    icon: str
    url_path: str
    params: tuple[str, ...] = ()  # the page's own URL keys (e.g. country)
    nav: bool = True  # listed in the navigation (case and event pages are reached by links)
    charts: tuple[str, ...] = ()  # plotly charts drawn on a first load (tests, benchmarks)
    shows: tuple[str, ...] = ()  # every registered chart the page can show (`?chart=`)
    decks: int = 0  # pydeck maps drawn on a first load
    sample: str = ""  # a query string that shows the page with content (tests, benchmarks)
    filtered: bool = True  # the sidebar's filters narrow what the page shows

    @property
    def path(self) -> str:
        """The page's URL path ('/' for the default page)."""
        return "/" if self is PAGES[0] else f"/{self.url_path}"

    def url(self, query: str | None = None) -> str:
        q = self.sample if query is None else query
        return self.path + (f"?{q}" if q else "")


PAGES: tuple[Page, ...] = (
    Page(
        "overview",
        "views/overview.py",
        N_("Overview"),
        ":material/dashboard:",
        "overview",
        params=("chart",),
        charts=("map",),
        shows=("map", "activity", "timeline", "funnel"),
    ),
    Page("map", "views/map.py", N_("Map"), ":material/public:", "map", charts=("map",), decks=1),
    Page(
        "timeline",
        "views/timeline.py",
        N_("Timeline"),
        ":material/timeline:",
        "timeline",
        charts=("timeline", "activity"),
        shows=("timeline", "activity"),
    ),
    Page(
        "targets",
        "views/targets.py",
        N_("Targets"),
        ":material/group:",
        "targets",
        params=("chart", "record"),
        charts=("targets-by-type",),
        shows=("targets-by-type", "targets-by-operator", "targets-by-status", "funnel"),
    ),
    Page(
        "country",
        "views/country.py",
        N_("Countries"),
        ":material/flag:",
        "country",
        params=("country",),
        charts=("timeline",),
        sample="country=MAR",
    ),
    Page(
        "sources",
        "views/sources.py",
        N_("Sources & methodology"),
        ":material/menu_book:",
        "sources",
        params=("since",),
    ),
    Page(
        "stories",
        "views/stories.py",
        N_("Stories"),
        ":material/auto_stories:",
        "stories",
        params=("story", "step"),
        sample="story=gulf-critics-abroad&step=1",
        filtered=False,
    ),
    Page(
        "case",
        "views/case.py",
        N_("Case file"),
        ":material/person_search:",
        "case",
        params=("id",),
        nav=False,
        charts=("case-trail", "case-card"),
        sample="id=tgt-ahmed-mansoor",
    ),
    Page(
        "event",
        "views/event.py",
        N_("Event"),
        ":material/event:",
        "event",
        params=("id",),
        nav=False,
        charts=("case-card",),
        sample="id=evt-2016-million-dollar-dissident-report",
    ),
)
BY_ID = {p.id: p for p in PAGES}


def page_for(chart_id: str) -> Page:
    """The page that shows a registered chart: a page of its own before the overview (the map
    page for the map, the timeline page for the activity chart)."""
    pages = sorted(PAGES, key=lambda p: p is BY_ID["overview"])
    return next((p for p in pages if chart_id in p.shows + p.charts), BY_ID["overview"])


# URL keys that are not filters: the page's own, and those of every page.
COMMON_KEYS = ("lang", "privacy", "embed", "v", "w", "theme", "id", "preset")
URL_KEYS = tuple(dict.fromkeys(k for p in PAGES for k in p.params)) + COMMON_KEYS
