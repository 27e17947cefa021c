"""The sidebar, the URL and the `Context` every page reads.

Belongs here: reading the URL once per session into the widgets (filters from the registry,
language, privacy), drawing the sidebar by looping over `filters.FILTERS`, writing the view back
to the URL on every run (filters, page keys, language, privacy, data version), and `Context`: the
one typed object through which the frame hands a page everything it shows (`context()`).
Does not belong here: computing anything (see the pure core), output helpers (see `share`).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import streamlit as st

from dashboard import filters as flt
from dashboard import links
from dashboard.atlas import Atlas
from dashboard.figures import catalog
from dashboard.i18n import Translator, languages, negotiate, translator
from dashboard.labels import Labels
from dashboard.pages import URL_KEYS, Page

_CONTEXT: ContextVar[Context] = ContextVar("atlas_context")
WIDGET = "f_{}"
LANG_KEY, PRIVACY_KEY, INIT_KEY, NOTICES_KEY = "f_lang", "f_privacy", "_init", "_notices"


@dataclass(frozen=True)
class Context:
    """Everything a page needs for this run."""

    atlas: Atlas
    page: Page
    spec: links.ViewSpec  # filters, privacy, language, the page's own URL keys
    view: flt.View
    labels: Labels
    t: Translator
    origin: str = ""
    notices: tuple[str, ...] = field(default=())

    @property
    def state(self) -> flt.FilterState:
        return self.spec.state

    @property
    def private(self) -> bool:
        return self.spec.private

    @property
    def lang(self) -> str:
        return self.spec.lang

    @property
    def ds(self):
        return self.atlas.dataset(self.private, self.lang)

    @property
    def version(self) -> str:
        return self.atlas.version

    @property
    def as_of(self) -> str:
        return self.atlas.as_of

    def param(self, key: str) -> str | None:
        return self.spec.get(key)

    def url(self, page: Page | None = None, **extra: str | None) -> str:
        """A link that reproduces this view (on another page, or with other page keys)."""
        p = page or self.page
        spec = (
            self.spec
            if page is None
            else self.spec.with_extra(**{k: None for k, _ in self.spec.extra})
        )
        return links.url(self.origin, p.path, spec, self.version, **extra)

    def record_url(self, kind: str, record_id: str) -> str:
        """The page of one target (`case`) or event: language, privacy and version kept."""
        table = "targets" if kind == "target" else "events"
        return self.atlas.record_link(self.lang, self.private, self.origin + "/")(table, record_id)

    @property
    def permalink(self) -> str:
        return self.url()

    def inputs(self, permalink: str | None = None, country: str | None = None) -> catalog.Inputs:
        return self.atlas.inputs(self.lang, self.private, permalink or self.permalink, country)

    def filters_text(self) -> str:
        words = flt.describe_filters(self.state, self.labels, self.t, private=self.private)
        return self.t.commas(words) or self.t._("all records")


def context() -> Context:
    """The context the frame built for this run (pages call this first)."""
    return _CONTEXT.get()


def set_context(ctx: Context) -> None:
    _CONTEXT.set(ctx)


# ------------------------------------------------------------------------ URL


def raw_params() -> dict[str, list[str]]:
    """Every query parameter, `embed` included (Streamlit reserves `embed` for its own embed mode
    and hides it from `st.query_params`, so it is read from the session's raw parameters: a
    private API pinned by requirements.lock and covered by the embed tests)."""
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    from streamlit.runtime.state.session_state_proxy import get_session_state

    try:
        with get_session_state().query_params() as qp:
            embed = qp._query_params.get("embed")
    except Exception:  # noqa: BLE001 - no session (bare mode): no embed
        embed = None
    if embed:
        params["embed"] = embed if isinstance(embed, list) else [embed]
    return params


def accept_language() -> str | None:
    try:
        return st.context.headers.get("Accept-Language")
    except Exception:  # noqa: BLE001 - outside a browser session there are no headers
        return None


def origin() -> str:
    """Scheme and host the reader used (from the browser), or '' when unknown (tests)."""
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001
        url = ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def url_spec(a: Atlas) -> tuple[links.ViewSpec, list[str]]:
    """The view the URL asks for, before any widget is drawn."""
    params = raw_params()
    lang = negotiate(links.one(params.get("lang")), accept_language())
    return links.parse(params, a.prepared(False, lang), translator(lang), accept_language())


def _init_widgets(a: Atlas, spec: links.ViewSpec, notices: list[str]) -> None:
    p = a.prepared(False, spec.lang)
    for f in flt.FILTERS:
        value = spec.state.get(f.id)
        if f.kind == "codes":
            offered = set(p.options(f))
            kept = [v for v in value if v in offered]
            if len(kept) < len(value):
                notices.append(
                    translator(spec.lang)
                    ._("Ignored value(s) with no records for “{key}”.")
                    .format(key=f.key)
                )
            value = kept
        elif f.kind == "years":
            value = (value[0] or p.years[0], value[1] or p.years[1])
        elif f.kind == "text" and spec.private and value:
            # A link that carries both privacy mode and search text is not followed: the
            # text is probably a name and the matches would point at the person.
            notices.append(
                translator(spec.lang)._("The link's search text is not used in privacy mode.")
            )
            value = f.default
        st.session_state[WIDGET.format(f.id)] = value
    st.session_state[LANG_KEY] = spec.lang
    st.session_state[PRIVACY_KEY] = spec.private
    st.session_state[NOTICES_KEY] = notices
    st.session_state[INIT_KEY] = True


def _reset(years: tuple[int, int]) -> None:
    for f in flt.FILTERS:
        st.session_state[WIDGET.format(f.id)] = {"years": years, "codes": []}.get(f.kind, f.default)


def current_lang(a: Atlas) -> str:
    """The language of this run: the switcher's, else the URL's or the browser's."""
    if LANG_KEY in st.session_state:
        return st.session_state[LANG_KEY]
    return url_spec(a)[0].lang


def init_session(a: Atlas) -> links.ViewSpec:
    """Read the URL into the widgets once per session; returns the URL's view."""
    spec, notices = url_spec(a)
    if not st.session_state.get(INIT_KEY):
        _init_widgets(a, spec, notices)
        if spec.version and spec.version != a.version:
            st.session_state["_link_version"] = spec.version  # shown once by the frame
    return spec


# ------------------------------------------------------------------------ sidebar


def sidebar(a: Atlas, t: Translator, page: Page) -> tuple[flt.FilterState, str, bool]:
    """Draw the language switcher and the global filters (looping over the registry);
    return the filter state, the language and privacy mode. On a page the filters do not
    narrow (stories: each step sets its own), they stay (and keep their values) with a note."""
    sb = st.sidebar
    codes = [lang.code for lang in languages()]
    names = {lang.code: lang.name for lang in languages()}
    lang = sb.selectbox(t._("Language"), codes, key=LANG_KEY, format_func=lambda c: names.get(c, c))
    if lang != t.code:  # the switcher changed: draw this run in the new language
        t = translator(lang)
    labels = a.labels(lang)
    p = a.prepared(False, lang)
    sb.header(t._("Filters"))
    if not page.filtered:
        sb.caption(t._("These filters do not apply to this page; they apply again on the others."))
    values = {}
    for f in flt.FILTERS:
        key = WIDGET.format(f.id)
        if f.kind == "years":
            lo, hi = sb.slider(t._(f.title), p.years[0], p.years[1], key=key)
            values[f.id] = (
                lo if lo != p.years[0] else None,
                hi if hi != p.years[1] else None,
            )
        elif f.kind == "codes":
            options = p.options(f)
            if f.vocab == "country":
                options = sorted(options, key=labels.country)
            values[f.id] = tuple(
                sb.multiselect(
                    t._(f.title),
                    options,
                    key=key,
                    placeholder=t._("All"),
                    format_func=lambda v, ref=f.vocab: labels.code(ref, v),
                )
            )
        else:
            values[f.id] = sb.text_input(
                t._(f.title),
                key=key,
                max_chars=flt.MAX_QUERY,
                help=t._(f.help) or None,
                # masked while presenting: typed text is not shown on a shared screen
                type="password" if st.session_state.get(PRIVACY_KEY) else "default",
            ).strip()
    sb.button(t._("Reset filters"), on_click=_reset, args=(p.years,), width="stretch")
    private = sb.toggle(
        t._("Privacy mode"),
        key=PRIVACY_KEY,
        help=t._("Withhold every individual's name everywhere, exports included."),
    )
    return flt.FilterState.of(**values), lang, private


def page_params(page: Page) -> dict[str, str]:
    """The current page's own URL keys as they stand."""
    return {k: str(st.query_params[k]) for k in page.params if st.query_params.get(k)}


def set_param(key: str, value: str | None) -> None:
    """Set (or clear) one of the page's own URL keys."""
    if value:
        st.query_params[key] = value
    elif key in st.query_params:
        del st.query_params[key]


def write_url(spec: links.ViewSpec, version: str) -> None:
    """Mirror the view into the address bar (only when something changed)."""
    wanted = links.params(spec, version)
    current = {k: st.query_params.get(k) for k in st.query_params}
    if current != wanted:
        st.query_params.from_dict(wanted)


__all__ = ["URL_KEYS", "Context", "context", "page_params", "set_param", "sidebar"]
