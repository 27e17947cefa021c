"""The one shared Streamlit helper: cached data, sidebar widgets <-> FilterState <-> URL, output.

Belongs here: everything several pages need from Streamlit (cached loading, the global filter
widgets and their URL mirror, the plain-words sentence, charts with the local topojson, safe
text, empty states). Does not belong here: computing anything (see the pure modules).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import urlencode, urlsplit

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

from dashboard import analysis, export, privacy
from dashboard import filters as flt
from dashboard.dataset import Dataset, changelog, load_dataset
from dashboard.figures import catalog, maps
from dashboard.figures.stamps import view_stamp
from dashboard.figures.style import Stamp
from dashboard.text import escape_html, escape_markdown  # noqa: F401  (escape_markdown: pages)

TOPOJSON_URL = "/app/static/topojson/"
PLOTLY_CONFIG = {
    "topojsonURL": TOPOJSON_URL,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud"],
    "toImageButtonOptions": {"format": "png", "width": 1200, "height": 675, "scale": 2},
}
PAGE_KEYS = ("country", "embed", "privacy")  # URL keys not owned by the global filters
WIDGETS = {
    "operators": "f_op",
    "target_countries": "f_tc",
    "target_types": "f_type",
    "statuses": "f_status",
    "confidence": "f_conf",
    "investigators": "f_inv",
}


@dataclass(frozen=True)
class Context:
    ds: Dataset
    prepared: flt.Prepared
    state: flt.FilterState
    view: flt.View
    version: str
    as_of: str
    private: bool = False
    permalink: str | None = None

    def label(self, kind: str, value: str) -> str:
        return labeller(self.ds)(kind, value)

    def stamp(self, title: str, *frames, what: str = "") -> Stamp:
        return view_stamp(
            self.view,
            title,
            frames,
            self.label,
            self.version,
            self.as_of,
            self.permalink,
            what=what,
        )

    @property
    def inputs(self) -> catalog.Inputs:
        return catalog.Inputs(
            self.label, self.version, self.as_of, self.ds.countries, self.permalink
        )

    def filters_text(self) -> str:
        return ", ".join(flt.describe_filters(self.state, self.label)) or "all records"


@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    """The validated dataset, loaded once per server (PEGASUS_ATLAS_DATA overrides the dir)."""
    return load_dataset(os.environ.get("PEGASUS_ATLAS_DATA") or None)


@st.cache_resource(show_spinner=False)
def redacted() -> Dataset:
    """The dataset with individuals' names replaced by role labels (privacy mode)."""
    return privacy.redact(dataset())


@st.cache_resource(show_spinner=False)
def prepared(private: bool = False) -> flt.Prepared:
    return flt.prepare(redacted() if private else dataset())


@st.cache_resource(show_spinner=False)
def geojson() -> dict:
    ds = dataset()
    path = ds.data_dir / ds.schema.raw["x-geo"]["path"]
    return json.loads(path.read_text(encoding="utf-8"))


@st.cache_resource(show_spinner=False, max_entries=256)
def view_for(state: flt.FilterState, private: bool = False) -> flt.View:
    return flt.apply(prepared(private), state)


@st.cache_resource(show_spinner=False)
def release() -> tuple[str, str]:
    ds = dataset()
    entries = changelog(ds.data_dir)
    return ds.version, (entries[0][1] if entries else date.today().isoformat())


@st.cache_resource(show_spinner=False)
def labeller(_ds: Dataset):
    s, names = _ds.schema, _ds.country_names
    fields = {
        "status": ("targets", "status"),
        "target_type": ("targets", "target_type"),
        "confidence": ("deployments", "confidence"),
        "investigator": ("targets", "investigated_by"),
        "event_type": ("events", "event_type"),
        "evidence_type": ("deployments", "evidence_type"),
        "vector": ("targets", "vector"),
        "attribution": ("target_operators", "attribution_confidence"),
        "country_role": ("deployments", "country_role"),
        "source_kind": ("sources", "source_kind"),
    }

    def label(kind: str, value: str) -> str:
        if kind == "country":
            return names.get(value, value)
        return s.label(*fields[kind], value) if kind in fields else value

    return label


@st.cache_resource(show_spinner=False)
def _options(_p: flt.Prepared) -> dict[str, list[str]]:
    """Choices of each filter widget (computed once per dataset)."""
    p = _p
    ds, v = p.ds, p.vocab
    ops = set(ds.target_operators["operator"]) | set(
        ds.deployments.loc[ds.deployments["country_role"] == "operator", "country"]
    )
    tcs = set(ds.targets["target_country"].dropna()) | set(ds.targets["location_country"].dropna())
    name = ds.country_names
    return {
        "operators": sorted(ops, key=lambda c: name.get(c, c)),
        "target_countries": sorted(tcs, key=lambda c: name.get(c, c)),
        "target_types": list(v.target_types),
        "statuses": list(v.statuses),
        "confidence": list(v.confidence),
        "investigators": list(v.investigators),
    }


def _init_from_url(p: flt.Prepared, options: dict[str, list[str]]) -> None:
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, notices = flt.from_query_params(params, p.vocab, other_keys=PAGE_KEYS)
    for name, key in WIDGETS.items():
        values = getattr(state, name)
        kept = [v for v in values if v in options[name]]
        if len(kept) < len(values):
            notices.append(f"Ignored value(s) with no records for “{flt.PARAM_KEYS[name]}”.")
        st.session_state[key] = kept
    st.session_state["f_period"] = (
        state.year_from or p.vocab.first_year,
        state.year_to or p.vocab.last_year,
    )
    st.session_state["f_q"] = state.query
    st.session_state["f_privacy"] = url_privacy()
    st.session_state["_notices"] = notices
    st.session_state["_init"] = True


def _reset(p: flt.Prepared) -> None:
    for key in WIDGETS.values():
        st.session_state[key] = []
    st.session_state["f_period"] = (p.vocab.first_year, p.vocab.last_year)
    st.session_state["f_q"] = ""


def sidebar_filters() -> flt.FilterState:
    """Draw the global filters (initialised from the URL once per session); mirror to the URL."""
    p = prepared()
    options = _options(p)
    if not st.session_state.get("_init"):
        _init_from_url(p, options)
    label = labeller(p.ds)
    sb = st.sidebar
    sb.header("Filters")
    lo, hi = sb.slider("Period", p.vocab.first_year, p.vocab.last_year, key="f_period")
    kinds = {
        "operators": "country",
        "target_countries": "country",
        "target_types": "target_type",
        "statuses": "status",
        "confidence": "confidence",
        "investigators": "investigator",
    }
    titles = {
        "operators": "Suspected operator state",
        "target_countries": "Target country",
        "target_types": "Target type",
        "statuses": "Status of target",
        "confidence": "Deployment evidence confidence",
        "investigators": "Investigating organisation",
    }
    chosen = {}
    for name, key in WIDGETS.items():
        chosen[name] = tuple(
            sb.multiselect(
                titles[name],
                options[name],
                key=key,
                placeholder="All",
                format_func=lambda v, k=kinds[name]: label(k, v),
            )
        )
    query = sb.text_input("Search names and summaries", key="f_q", max_chars=flt.MAX_QUERY)
    sb.button("Reset filters", on_click=_reset, args=(p,), width="stretch")
    sb.toggle(
        "Privacy mode",
        key="f_privacy",
        help="Replace individuals' names by role labels everywhere, exports included.",
    )
    state = flt.FilterState(
        year_from=lo if lo != p.vocab.first_year else None,
        year_to=hi if hi != p.vocab.last_year else None,
        query=query.strip(),
        **chosen,
    )
    write_url(state)
    return state


def embed_param() -> str | None:
    """The `embed` URL parameter (`?embed=<chart-id>`).

    Streamlit reserves `embed` for its own embed mode and hides it from `st.query_params`, so
    it is read from the session's raw query parameters (private API, pinned by
    requirements.lock and covered by the browser and AppTest embed tests).
    """
    from streamlit.runtime.state.session_state_proxy import get_session_state

    try:
        with get_session_state().query_params() as qp:
            value = qp._query_params.get("embed")
    except Exception:  # noqa: BLE001 - no session (bare mode): no embed
        return None
    if isinstance(value, list):
        value = value[-1] if value else None
    return str(value) if value else None


def url_privacy() -> bool:
    return str(st.query_params.get("privacy", "")).lower() in ("1", "true", "on", "yes")


def is_private() -> bool:
    return bool(st.session_state.get("f_privacy", url_privacy()))


def write_url(state: flt.FilterState) -> None:
    keep = {k: st.query_params.get(k) for k in ("country",) if k in st.query_params}
    wanted = {**state.to_query_params(), **{k: v for k, v in keep.items() if v}}
    if is_private():
        wanted["privacy"] = "1"
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


def context() -> Context:
    """Everything a page needs for this run (filters are read from the sidebar state)."""
    state = st.session_state.get("_state", flt.FilterState())
    private = st.session_state.get("_private", False)
    version, as_of = release()
    p = prepared(private)
    return Context(
        p.ds, p, state, view_for(state, private), version, as_of, private, permalink(state, private)
    )


def origin() -> str:
    """Scheme and host the reader used (from the browser), or '' when unknown (tests)."""
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - outside a browser session there is no URL
        url = ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def permalink(
    state: flt.FilterState, private: bool, page: str | None = None, extra: dict | None = None
) -> str:
    """A short link that reproduces the view: origin + page path + filter parameters."""
    params = {**state.to_query_params(), **(extra or {})}
    if private:
        params["privacy"] = "1"
    if page is None and st.query_params.get("country"):  # the country profile's own key
        params.setdefault("country", str(st.query_params.get("country")))
    if page is None:
        try:
            page = urlsplit(st.context.url or "").path
        except Exception:  # noqa: BLE001
            page = "/"
    query = urlencode(params, safe=",")
    return f"{origin()}{page or '/'}{'?' + query if query else ''}"


def notices() -> None:
    for text in st.session_state.pop("_notices", []):
        st.info(text, icon=":material/info:")


def plot(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, config=PLOTLY_CONFIG, width="stretch", key=key, theme=None)


def empty_state(message: str = "No records match these filters.") -> None:
    st.info(
        f"{message} Widen the period or remove a filter (sidebar → Reset filters).",
        icon=":material/filter_alt_off:",
    )


def describe(ctx: Context) -> str:
    """The plain-words sentence shown above every page."""
    return flt.describe(ctx.view, ctx.label)


def _text_on(hex_colour: str) -> str:
    r, g, b = (int(hex_colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#1f1b24" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


def coloured(frame, column: str, colours: dict[str, str]):
    """Styler colouring `column` cells by label, with the same palette as map and charts."""

    def cell(value):
        c = colours.get(value)
        return f"background-color: {c}; color: {_text_on(c)}" if c else ""

    return frame.style.map(cell, subset=[column])


def status_colours(ctx: Context) -> dict[str, str]:
    from dashboard.config import TARGET_STATUS_COLOURS

    return {ctx.label("status", k): v for k, v in TARGET_STATUS_COLOURS.items()}


# ------------------------------------------------------------------ charts and sharing


@st.cache_resource(show_spinner=False, max_entries=512)
def figure(
    chart_id: str,
    state: flt.FilterState,
    private: bool,
    permalink: str | None,
    height: int | None,
    title: str | None,
    country: str | None,
) -> go.Figure:
    """A built chart, shared by every session asking for the same view (treat as read-only)."""
    version, as_of = release()
    v = view_for(state, private)
    if country:
        v = replace(v, events=v.events[v.events["countries"].map(lambda cs: country in cs)])
    ds = prepared(private).ds
    inputs = catalog.Inputs(labeller(ds), version, as_of, ds.countries, permalink)
    return catalog.build(chart_id, v, inputs, height, title)


@st.cache_resource(show_spinner=False, max_entries=256)
def map_data(state: flt.FilterState, private: bool) -> tuple:
    """(states, arcs) of a view: the map page's tables and its deck share them (read-only)."""
    v = view_for(state, private)
    ds = prepared(private).ds
    return (
        maps.view_states(v.deployments, v.targets, ds.countries),
        analysis.arcs(v.targets, v.target_operators),
    )


@st.cache_resource(show_spinner=False, max_entries=256)
def deck(state: flt.FilterState, private: bool, layers: tuple[str, ...]) -> pdk.Deck:
    """The interactive map for a view, shared by every session asking for it (read-only)."""
    states, arc_rows = map_data(state, private)
    countries = prepared(private).ds.countries
    built = maps.deployments_deck(states, arc_rows, countries, geojson(), layers)
    # pydeck re-walks the whole geometry on every call and indents its JSON (6x the bytes sent):
    # serialise once, compactly; the cached deck is never mutated, so its JSON is constant.
    spec = json.dumps(json.loads(built.to_json()), separators=(",", ":"))
    built.to_json = lambda: spec
    return built


def chart(
    ctx: Context,
    chart_id: str,
    key: str,
    height: int | None = None,
    title: str | None = None,
    country: str | None = None,
) -> None:
    """Draw a catalogued chart with its stamp (events of one `country` only, if given), and a
    'Download & share' popover under it."""
    fig = figure(chart_id, ctx.state, ctx.private, ctx.permalink, height, title, country)
    plot(fig, key=key)
    with st.popover("Download & share", icon=":material/ios_share:"):
        stem = export.file_stem(chart_id, ctx.version, ctx.as_of)
        cols = st.columns(3)
        for col, (fmt, preset) in zip(
            cols, [("png", "landscape"), ("png", "square"), ("svg", "landscape")], strict=True
        ):
            label = export.PRESETS[preset].label if fmt == "png" else "SVG"
            col.download_button(
                label,
                data=lambda f=fig, fm=fmt, pr=preset: export.figure_image(f, fm, pr),
                file_name=f"{stem}_{preset if fmt == 'png' else 'vector'}.{fmt}",
                mime="image/png" if fmt == "png" else "image/svg+xml",
                key=f"{key}_{fmt}_{preset}",
                on_click="ignore",
                icon=":material/download:",
            )
        embed = permalink(ctx.state, ctx.private, "/", {"embed": chart_id})
        st.caption("Link to this view")
        st.code(ctx.permalink or "/", language=None, wrap_lines=True)
        st.caption("Embed this chart")
        st.code(
            f'<iframe src="{embed}" title="{escape_html(fig.layout.meta["stamp_title"])}" '
            f'width="100%" height="{int(fig.layout.height) + 20}" '
            'style="border:0" loading="lazy"></iframe>',
            language="html",
            wrap_lines=True,
        )


def data_panel(ctx: Context) -> None:
    """Downloads of the current view and of the package, and 'cite this view'."""
    filters = ctx.filters_text()
    stem = f"pegasus-atlas_v{ctx.version}"
    with st.expander("Download data & cite this view", icon=":material/download:"):
        st.markdown(
            "Data of the records shown (current filters"
            + (", privacy mode" if ctx.private else "")
            + "):"
        )
        cols = st.columns(5)
        for col, table in zip(cols, ("targets", "deployments", "events"), strict=False):
            col.download_button(
                f"{table.capitalize()} CSV",
                data=lambda t=table: export.view_csv(ctx.view, ctx.ds, t),
                file_name=f"{stem}_{table}.csv",
                mime="text/csv",
                key=f"dl_{table}",
                on_click="ignore",
            )
        cols[3].download_button(
            "View JSON",
            data=lambda: export.view_json(ctx.view, ctx.ds, filters, ctx.permalink),
            file_name=f"{stem}_view.json",
            mime="application/json",
            key="dl_json",
            on_click="ignore",
        )
        if not ctx.private:
            cols[4].download_button(
                "Data package ZIP",
                data=lambda: package_bytes(),
                file_name=f"{stem}_datapackage.zip",
                mime="application/zip",
                key="dl_zip",
                on_click="ignore",
            )
        cite = export.citation(ctx.view, ctx.version, ctx.as_of, filters, ctx.permalink)
        st.markdown("**Cite this view** (author–date)")
        st.code(cite["author_date"], language=None, wrap_lines=True)
        st.markdown("**BibTeX**")
        st.code(cite["bibtex"], language="bibtex")
        n = len(ctx.view.sources)
        # The full list is sent only on request: it is the largest message of a rerun.
        if st.toggle(f"Show the {n:,} sources of the records shown", key="cite_sources"):
            st.code(
                export.source_list(ctx.view) or "none", language=None, wrap_lines=True, height=240
            )


@st.cache_resource(show_spinner=False)
def package_bytes() -> bytes:
    return export.package_zip(dataset().data_dir)


def privacy_notice(ctx: Context) -> None:
    if ctx.private:
        st.info(
            "Privacy mode: individuals are shown by role and country, not by name.",
            icon=":material/visibility_off:",
        )
        if privacy.few_individuals(ctx.view.targets):
            st.warning(
                f"Fewer than {privacy.MIN_INDIVIDUALS} individuals match these filters: "
                "even role labels may identify them. Widen the filters before sharing.",
                icon=":material/warning:",
            )
