"""The atlas as one object: the validated data, its redacted and prepared forms, and every view
and figure computed once per state and shared by all sessions and by the server's routes.

Belongs here: `Atlas` (load once; per-language labels; per-(privacy, language) prepared data;
views and stamped figures cached per state) and `atlas()`, the process-wide instance for a data
directory (`PEGASUS_ATLAS_DATA` overrides the bundled data). Streamlit pages and the HTTP routes
(images, feed) both go through it, so a view costs its computation once.
Does not belong here: Streamlit, HTTP, anything that draws on screen.
"""

from __future__ import annotations

import gc
import json
import os
from datetime import date
from functools import cache, cached_property, lru_cache
from urllib.parse import urlsplit

import plotly.graph_objects as go

from dashboard import analysis, cases, export, links, privacy, stories
from dashboard.dataset import DataError, Dataset, changelog, load_dataset
from dashboard.figures import catalog, maps
from dashboard.figures.style import Layout
from dashboard.filters import FilterState, Prepared, View, apply, prepare
from dashboard.i18n import languages, translator
from dashboard.labels import Labels
from dashboard.pages import BY_ID


class Atlas:
    """Everything derived from one data package; every method is a pure, cached function."""

    def __init__(self, data_dir: str | None = None):
        self.ds = load_dataset(data_dir)
        bad = stories.validate(self.ds)  # a story naming what does not exist is a data error
        if bad:
            raise DataError(bad)
        entries = changelog(self.ds.data_dir)
        self.version = self.ds.version
        self.as_of = entries[0][1] if entries else date.today().isoformat()

    @lru_cache(maxsize=16)  # noqa: B019 - the atlas lives as long as the process
    def labels(self, lang: str) -> Labels:
        return Labels(self.ds.schema, self.ds.countries, translator(lang), self.ds.country_terms)

    @lru_cache(maxsize=16)  # noqa: B019
    def dataset(self, private: bool, lang: str) -> Dataset:
        """The data, or in privacy mode the redacted data (role labels in `lang`)."""
        return privacy.redact(self.ds, self.labels(lang)) if private else self.ds

    @lru_cache(maxsize=16)  # noqa: B019
    def prepared(self, private: bool, lang: str) -> Prepared:
        return prepare(self.dataset(private, lang), private)

    @cached_property
    def scrubber(self) -> privacy.Scrubber:
        """Withholds every personal name of the data (for our own texts in privacy mode)."""
        return privacy.scrubber(self.ds)

    def text(self, text: str, private: bool) -> str:
        """Our own text (changelog, notes) as privacy mode shows it."""
        return self.scrubber(text) if private else text

    @cached_property
    def years(self) -> tuple[int, int]:
        return self.prepared(False, "en").years

    @lru_cache(maxsize=512)  # noqa: B019
    def view(self, state: FilterState, private: bool, lang: str) -> View:
        return apply(self.prepared(private, lang), state)

    def inputs(
        self,
        lang: str,
        private: bool,
        permalink: str | None = None,
        country: str | None = None,
        width: int = 1200,
        scale: float = 1.0,
    ) -> catalog.Inputs:
        return catalog.Inputs(
            link=self.record_link(lang, private, permalink),
            labels=self.labels(lang),
            layout=Layout(width=width, scale=scale, lang=lang),
            version=self.version,
            as_of=self.as_of,
            permalink=permalink,
            private=private,
            country=country,
            period=self.years,
        )

    def record_link(self, lang: str, private: bool, permalink: str | None = None):
        """(table, id) -> the URL of a record's page, on the same origin as `permalink`."""
        parts = urlsplit(permalink or "")
        origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
        spec = links.ViewSpec(private=private, lang=lang)
        paths = {"targets": BY_ID["case"].path, "events": BY_ID["event"].path}

        def link(table: str, record_id: str) -> str:
            return links.url(origin, paths[table], spec, self.version, id=record_id)

        return link

    @lru_cache(maxsize=512)  # noqa: B019
    def figure(
        self,
        chart_id: str,
        state: FilterState,
        private: bool,
        lang: str,
        permalink: str | None,
        country: str | None = None,
        width: int = 1200,
        scale: float = 1.0,
        height: int | None = None,
    ) -> go.Figure:
        """A built chart, shared by every session and route asking for it (read-only)."""
        inp = self.inputs(lang, private, permalink, country, width, scale)
        return catalog.build(chart_id, self.view(state, private, lang), inp, height)

    @cached_property
    def geojson(self) -> dict:
        """The country geometry drawn by the interactive map."""
        path = self.ds.data_dir / self.ds.schema.raw["x-geo"]["path"]
        return json.loads(path.read_text(encoding="utf-8"))

    @lru_cache(maxsize=256)  # noqa: B019
    def map_data(self, state: FilterState, private: bool, lang: str) -> tuple:
        """(states, arcs) of a view: the map page's tables and its deck share them."""
        v = self.view(state, private, lang)
        return (
            maps.view_states(v.deployments, v.targets, self.ds.countries, self.labels(lang)),
            analysis.arcs(v.targets, v.target_operators, self.ds.schema),
        )

    @lru_cache(maxsize=256)  # noqa: B019
    def deck(self, state: FilterState, private: bool, lang: str, layers: tuple[str, ...]):
        """The interactive map of a view, its JSON serialised once, compactly (pydeck re-walks
        the whole geometry on every call and indents its JSON: 6x the bytes sent)."""
        states, arc_rows = self.map_data(state, private, lang)
        built = maps.deployments_deck(
            states, arc_rows, self.ds.countries, self.geojson, self.labels(lang), layers
        )
        spec = json.dumps(json.loads(built.to_json()), separators=(",", ":"))
        built.to_json = lambda: spec  # the cached deck is never mutated
        return built

    @cached_property
    def opaque(self) -> dict[str, dict[str, str]]:
        """Table -> (original id -> the opaque id privacy mode shows)."""
        return privacy.id_maps(self.ds)

    @lru_cache(maxsize=1024)  # noqa: B019
    def case(self, kind: str, record_id: str, private: bool, lang: str):
        """One target or event with its trail, group, events and sources (None if unknown)."""
        ds = self.dataset(private, lang)
        return (cases.target_case if kind == "target" else cases.event_case)(ds, record_id)

    @lru_cache(maxsize=512)  # noqa: B019
    def case_figure(
        self,
        which: str,  # "card" or "trail"
        kind: str,
        record_id: str,
        private: bool,
        lang: str,
        permalink: str | None,
        width: int = 1200,
        height: int = 675,
    ):
        """The stamped case card or step chart of a record (same builder for every use)."""
        case = self.case(kind, record_id, private, lang)
        labels = self.labels(lang)
        t = labels.t
        what = (
            t._("Evidence trail, dated steps and their sources")
            if which == "trail"
            else t._("Case file: status, key dated steps, sources")
        )
        stamp = cases.stamp_for(
            self.dataset(private, lang), case, labels, self.version, self.as_of, permalink, what
        )
        layout = Layout(width=width, lang=lang)
        if which == "trail":
            return cases.step_chart(case, labels, stamp, layout, height)
        return cases.card(case, labels, stamp, layout, height)

    @lru_cache(maxsize=8)  # noqa: B019
    def stories(self, private: bool, lang: str) -> dict:
        """Every story version by (id, language), from the data as the reader sees it."""
        return stories.stories(self.dataset(private, lang))

    def warm(self) -> None:
        """Compute at start what every reader's first run needs (labels, the prepared and, in
        privacy mode, redacted data of every language, the unfiltered view), then move all of
        it out of the garbage collector's reach.

        Why: redacting the data for privacy mode takes seconds per language, which the first
        privacy-mode reader would otherwise wait for; and Streamlit runs a full collection
        after every script run (`runner.postScriptGC`), whose cost grows with the number of
        live objects: ~150,000 here, mostly the data and its caches, 44-480 ms per rerun
        depending on load. `gc.freeze()` after warming leaves those long-lived objects out of
        every later collection, so the post-run collection stays on (it still frees each run's
        garbage) and costs about nothing. Only objects alive now are frozen: they live as long
        as the process anyway.
        """
        for lang in languages():
            for private in (False, True):
                self.view(FilterState(), private, lang.code)
                self.stories(private, lang.code)
        gc.collect()
        gc.freeze()

    @cached_property
    def package(self) -> bytes:
        """The whole data package as a ZIP."""
        return export.package_zip(self.ds.data_dir)


@cache
def atlas(data_dir: str | None = None) -> Atlas:
    """The process-wide atlas of a data directory (default: PEGASUS_ATLAS_DATA or the bundle)."""
    return Atlas(data_dir)


def data_dir_from_env() -> str | None:
    return os.environ.get("PEGASUS_ATLAS_DATA") or None
