"""Stories (`/stories`): the list, and one step at a time (`?story=<id>&step=<n>`) with its
stamped chart, text and sources, previous/next, "explore this view", an embed snippet and the
briefing pack (PDF). Stories show in the reader's language when a version exists."""

from __future__ import annotations

import streamlit as st

from dashboard import briefing, links
from dashboard import stories as st_
from dashboard.pages import PAGES
from dashboard.text import escape_html, escape_markdown
from dashboard.ui import frame, records, share, state

ctx = state.context()
t, a = ctx.t, ctx.atlas
every = a.stories(ctx.private, ctx.lang)
story = st_.pick(every, ctx.param("story") or "", ctx.lang)
if story is None:
    frame.title(ctx, t._("Stories"), sentence=False)
    st.markdown(t._("Guided walk-throughs of the data, step by step, each with its sources."))
    for sid in st_.ids(a.ds):
        s = st_.pick(every, sid, ctx.lang)
        url = ctx.url(story=sid, step="1")
        st.markdown(f"### [{escape_markdown(s.title)}]({url})\n{escape_markdown(s.summary)}")
        st.caption(t.n_("{n} step", "{n} steps", len(s.steps)).format(n=len(s.steps)))
    st.stop()

total = len(story.steps)
n = min(max(int(ctx.param("step") or 1) if (ctx.param("step") or "").isdigit() else 1, 1), total)
step = story.steps[n - 1]
frame.title(ctx, story.title, sentence=False)
if story.lang != ctx.lang:
    st.info(t._("This story is not yet available in your language; it is shown in English."))
st.caption(
    t._("Step {n} of {total} · as of data v{version}").format(n=n, total=total, version=story.as_of)
)
st.subheader(escape_markdown(step.heading))
url = ctx.url(story=story.id, step=str(n))
if step.chart in st_.RECORD_VIEWS:
    kind = "target" if st_.RECORD_VIEWS[step.chart] == "targets" else "event"
    fig = a.case_figure(
        "card", kind, step.record, ctx.private, story.lang, url, share.layout_width(), 460
    )
    share.figure(ctx, fig, key="story_card")
    st.markdown("[" + t._("Open the record") + f"]({ctx.record_url(kind, step.record)})")
else:
    fig = a.figure(step.chart, step.state, ctx.private, story.lang, url, None, share.layout_width())
    share.figure(ctx, fig, key="story_chart")
    spec = links.ViewSpec(step.state, ctx.private, ctx.lang)
    explore = links.chart_url(ctx.origin, step.chart, spec, ctx.version)
    st.markdown("[" + t._("Explore this view") + f"]({explore})")
st.markdown(escape_markdown(step.text))
st.markdown("**" + t._("Sources") + "**")
records.sources(ctx, step.source_ids)
if step.highlight:
    st.markdown("**" + t._("Records in this step") + "**")
    records.highlighted(ctx, step.highlight)

left, mid, right = st.columns([1, 2, 1])
if n > 1 and left.button(t._("Previous"), icon=":material/arrow_back:", width="stretch"):
    state.set_param("step", str(n - 1))
    st.rerun()
if n < total and right.button(t._("Next"), icon=":material/arrow_forward:", width="stretch"):
    state.set_param("step", str(n + 1))
    st.rerun()
mid.download_button(
    t._("Briefing pack (PDF)"),
    icon=":material/picture_as_pdf:",
    on_click="ignore",
    data=lambda: briefing.pack(
        a, story, ctx.private, lambda k: ctx.url(story=story.id, step=str(k))
    ),
    file_name=f"pegasus-atlas_{story.id}_{story.lang}_v{ctx.version}.pdf",
    mime="application/pdf",
    width="stretch",
)
embed = ctx.url(PAGES[0], embed="story", story=story.id, step=str(n), w="700")
st.caption(t._("Embed this step"))
st.code(
    f'<iframe src="{escape_html(embed)}" title="{escape_html(step.heading)}" width="100%" '
    'height="560" style="border:0;width:100%" loading="lazy" referrerpolicy="no-referrer">'
    "</iframe>",
    language="html",
    wrap_lines=True,
)
