"""Charts, tables and everything a reader takes away: downloads, links, embeds, citations.

Belongs here: `chart()` (a registered chart with its generated text alternative as accessible
name, a table view of the same numbers, and a "Download & share" menu: PNG presets that say their
real pixel size, SVG, the alt text, the link and the embed snippets), `table()` for display
tables, and `data_panel()` (CSV/JSON of the view, the package ZIP, cite this view).
Does not belong here: computing (see the pure core and `figures.catalog`).
"""

from __future__ import annotations

import streamlit as st

from dashboard import export, links
from dashboard import tables as tbl
from dashboard.figures import catalog
from dashboard.pages import PAGES
from dashboard.text import escape_html
from dashboard.ui.state import Context

PLOTLY_CONFIG = {
    "topojsonURL": "/app/static/topojson/",
    "displaylogo": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "sendDataToCloud", "toImage"],
    "responsive": True,
}
SCREEN_WIDTH = 820  # the main column's width on a 1280 px screen with the sidebar open
PHONE_WIDTH = 600  # below this layout width: a phone (no chart toolbar)
PHONE_LAYOUT = 358  # a 390 px phone less the page's padding


def layout_width() -> int:
    """The width a page's charts are laid out for: from the viewport hint our own script sets
    (a first-party cookie, nothing else), else a desktop column."""
    try:
        vw = int(st.context.cookies.get("atlas_vw", "0"))
    except (ValueError, AttributeError, TypeError):
        vw = 0
    if 0 < vw < 700:
        return max(320, vw - 32)
    if not vw and _mobile():  # the first page of a visit, before our script set the hint
        return PHONE_LAYOUT
    return SCREEN_WIDTH


def card_size() -> tuple[int, int]:
    """(width, height) of a case or event card shown on the page: the article-size card
    (700 x 394, as it is exported), or on a phone the phone's width and a taller card."""
    width = min(700, layout_width())
    return (700, 394) if width >= 700 else (width, 560)


def _mobile() -> bool:
    try:
        return "Mobi" in (st.context.headers.get("User-Agent") or "")
    except (AttributeError, TypeError):
        return False


def table(t: tbl.Table, *, height: int | str = "auto", key: str | None = None, **kwargs):
    """A display table: link columns open in a new tab, coloured cells keep AA contrast."""
    config = {
        col: st.column_config.LinkColumn(col, display_text=text or None)
        for col, text in t.links.items()
    }
    config.update({col: st.column_config.Column(col, help=h) for col, h in t.help.items()})
    shown = t.frame
    if t.colours:

        def cell(value, colours):
            c = colours.get(value)
            return f"background-color: {c}; color: {tbl.text_on(c)}" if c else ""

        styler = t.frame.style
        for col, colours in t.colours.items():
            styler = styler.map(lambda v, cs=colours: cell(v, cs), subset=[col])
        shown = styler
    return st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=height,
        column_config=config,
        key=key,
        **kwargs,
    )


def figure(ctx: Context, fig, key: str, toolbar: bool = True) -> None:
    """Draw a built, stamped figure with its text alternative as accessible name."""
    # no toolbar on phones: it would sit over the chart's title (downloads are in the menu)
    toolbar = toolbar and layout_width() >= PHONE_WIDTH
    config = PLOTLY_CONFIG if toolbar else {**PLOTLY_CONFIG, "displayModeBar": False}
    alt = (fig.layout.meta or {}).get("alt") or None
    st.plotly_chart(fig, config=config, width="stretch", key=key, theme=None, alt=alt)


def _embed_snippets(ctx: Context, chart_id: str, country: str | None, alt: str, title: str):
    origin = ctx.origin or ""
    live = ctx.url(PAGES[0], embed=chart_id, country=country, w="700")
    img = f"{origin}/img/{chart_id}.png?{links.query(ctx.spec, ctx.version, country=country)}"
    esc = escape_html
    static = (
        f'<a href="{esc(live)}"><img src="{esc(img)}" alt="{esc(alt)}" width="700" '
        f'style="max-width:100%;height:auto" loading="lazy"></a>'
    )
    snippet = (
        f'<div class="pegasus-atlas-embed"><iframe src="{esc(live)}" title="{esc(title)}: '
        f'{esc(alt)}" width="100%" height="560" style="border:0;width:100%" loading="lazy" '
        f'referrerpolicy="no-referrer"></iframe><noscript>{static}</noscript>'
        f'<script src="{esc(origin)}/embed.js" async></script></div>'
    )
    return snippet, static


def chart(
    ctx: Context,
    chart_id: str,
    key: str,
    height: int | None = None,
    country: str | None = None,
) -> None:
    """Draw a registered chart with its stamp, its text alternative, a table view, and the
    'Download & share' menu under it."""
    a, t = ctx.atlas, ctx.t
    extra = {"chart": chart_id} if "chart" in ctx.page.params else {}
    permalink = ctx.url(**extra, country=country)
    fig = a.figure(
        chart_id,
        ctx.state,
        ctx.private,
        ctx.lang,
        permalink,
        country,
        layout_width(),
        1.0,
        height,
    )
    alt = fig.layout.meta["alt"]
    figure(ctx, fig, key)
    cols = st.columns([1, 1], gap="small")
    with cols[0].popover(t._("Download & share"), icon=":material/ios_share:"):
        stem_args = (chart_id, ctx.version, ctx.as_of)
        missing = export.exporter_available()
        if missing:
            st.warning(t._(missing))
        for fmt, preset in (("png", "landscape"), ("png", "square"), ("svg", "landscape")):
            p = export.PRESETS[preset]
            label = t._(p.label).format(w=p.width, h=p.height) if fmt == "png" else t._("SVG")

            def render(cid=chart_id, fm=fmt, pr=p):
                f = a.figure(
                    cid,
                    ctx.state,
                    ctx.private,
                    ctx.lang,
                    permalink,
                    country,
                    pr.layout,
                    1.0,
                    pr.layout_height,
                )
                return export.render(f, fm, pr.layout, pr.layout_height, pr.scale)

            st.download_button(
                label,
                data=render,
                file_name=export.image_name(*stem_args, fmt, preset),
                mime="image/png" if fmt == "png" else "image/svg+xml",
                key=f"{key}_{fmt}_{preset}",
                on_click="ignore",
                icon=":material/download:",
                disabled=bool(missing),
            )
        st.caption(t._("Alt text for this image"))
        st.code(alt, language=None, wrap_lines=True)
        st.caption(t._("Link to this view"))
        st.code(permalink, language=None, wrap_lines=True)
        snippet, static = _embed_snippets(
            ctx, chart_id, country, alt, fig.layout.meta["stamp_title"]
        )
        st.caption(
            t._("Embed: live chart that sizes itself, with an image for readers without JavaScript")
        )
        st.code(snippet, language="html", wrap_lines=True)
        st.caption(t._("Embed: image only (no script, lightest for busy pages)"))
        st.code(static, language="html", wrap_lines=True)
    if cols[1].toggle(t._("Show as a table"), key=f"{key}_table"):
        frame = catalog.table(chart_id, ctx.view, ctx.inputs(permalink, country))
        table(tbl.Table(frame))


def data_panel(ctx: Context) -> None:
    """Downloads of the current view and of the package, and 'cite this view'."""
    t = ctx.t
    filters = ctx.filters_text()
    stem = f"pegasus-atlas_v{ctx.version}"
    ds = ctx.ds
    link = ctx.atlas.record_link(ctx.lang, ctx.private, ctx.origin + "/")
    with st.expander(t._("Download data & cite this view"), icon=":material/download:"):
        st.markdown(
            t._("Data of the records shown (current filters, privacy mode):")
            if ctx.private
            else t._("Data of the records shown (current filters):")
        )
        cols = st.columns(5)
        names = {
            "targets": t._("Targets CSV"),
            "deployments": t._("Deployments CSV"),
            "events": t._("Events CSV"),
        }
        for col, (tab, label) in zip(cols, names.items(), strict=False):
            col.download_button(
                label,
                data=lambda tb=tab: export.view_csv(ctx.view, ds, tb, link),
                file_name=f"{stem}_{tab}.csv",
                mime="text/csv",
                key=f"dl_{tab}",
                on_click="ignore",
            )
        cols[3].download_button(
            t._("View JSON"),
            data=lambda: export.view_json(
                ctx.view, ds, filters, ctx.permalink, ctx.labels, record_link=link
            ),
            file_name=f"{stem}_view.json",
            mime="application/json",
            key="dl_json",
            on_click="ignore",
        )
        if not ctx.private:
            cols[4].download_button(
                t._("Data package ZIP"),
                data=lambda: ctx.atlas.package,
                file_name=f"{stem}_datapackage.zip",
                mime="application/zip",
                key="dl_zip",
                on_click="ignore",
            )
        st.caption(
            t._(
                "CSV and JSON keep stable field names and codes in every language, so scripts "
                "work on any download; the JSON's `fields` block gives each field's name in "
                "your language."
            )
        )
        cite = export.citation(ctx.view, ctx.version, ctx.as_of, filters, ctx.permalink, t)
        st.markdown("**" + t._("Cite this view") + "**")
        st.code(cite["author_date"], language=None, wrap_lines=True)
        st.markdown("**BibTeX**")
        st.code(cite["bibtex"], language="bibtex")
        n = len(ctx.view.sources)
        # The full list is sent only on request: it is the largest message of a rerun.
        shown = t.n_(
            "Show the {n} source of the records shown",
            "Show the {n} sources of the records shown",
            n,
        ).format(n=t.num(n))
        if st.toggle(shown, key="cite_sources"):
            st.code(
                export.source_list(ctx.view, t) or "-", language=None, wrap_lines=True, height=240
            )
