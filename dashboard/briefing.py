"""Briefing packs: a story as a PDF to print or present, made with fpdf2 (text shaping through
HarfBuzz, so Arabic is joined and ordered right to left).

Belongs here: `pack()` -> PDF bytes: a title page (title, summary, data version and date, the
story's link), one page per step (heading, the stamped chart rendered by the same export path
as the PNG downloads, the text, the step's sources with their links) and a closing page (the
evidence levels as the descriptor defines them, how to cite). Does not belong here: Streamlit.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from fpdf import FPDF

from dashboard import export
from dashboard.atlas import Atlas
from dashboard.config import APP_NAME
from dashboard.fonts import FONT_DIR
from dashboard.stories import RECORD_VIEWS, Story

PRESET = export.PRESETS["landscape"]
MARGIN = 14  # mm
INK, MUTED = (31, 27, 36), (79, 74, 85)
GUTTER = 8  # mm between the chart and the text
LAYOUTS = (
    (150, 12, 8.5),
    (140, 11, 8),
    (125, 10.5, 7.5),
    (110, 10, 7),
)  # chart mm, text pt, sources pt


class _Pack(FPDF):
    def __init__(self, rtl: bool):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.rtl = rtl
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, MARGIN)
        self.add_font("Sans", "", str(FONT_DIR / "SourceSans3-Regular.ttf"))
        self.add_font("Sans", "B", str(FONT_DIR / "SourceSans3-Bold.ttf"))
        self.add_font("Arabic", "", str(FONT_DIR / "NotoSansArabic-Regular.ttf"))
        self.add_font("Arabic", "B", str(FONT_DIR / "NotoSansArabic-Bold.ttf"))
        self.set_fallback_fonts(["Arabic"] if not rtl else ["Sans"])
        self.set_text_shaping(True, direction="rtl" if rtl else "ltr")
        self.family = "Arabic" if rtl else "Sans"
        self.align = "R" if rtl else "L"

    def para(
        self,
        text: str,
        size: float = 12,
        bold: bool = False,
        colour=INK,
        gap: float = 2,
        link: str | None = None,
    ):
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)
        self.multi_cell(
            0, size * 0.5, text, align=self.align, new_x="LMARGIN", new_y="NEXT", link=link
        )
        self.ln(gap)

    def _height(self, text: str, size: float, width: float, bold: bool = False) -> float:
        self.set_font(self.family, "B" if bold else "", size)
        return self.multi_cell(width, size * 0.5, text, dry_run=True, output="HEIGHT")

    def step_page(self, kicker, heading, image, text, sources_title, sources) -> None:
        """One page, always: heading; the chart beside the text; the sources underneath. The
        largest of a few layouts that fits the page is used (long source lists shrink it).
        ``sources`` are (line, url) pairs: each line links to its source (a link annotation holds
        the exact address, whatever the bidi order of a printed non-Latin URL); the heading is
        also the page's bookmark, so a reader's PDF outline lists the steps."""
        width = self.w - 2 * MARGIN
        bottom = self.h - MARGIN - 6  # room for the footer
        for chart_w, text_pt, src_pt in LAYOUTS:
            chart_h = chart_w * PRESET.layout_height / PRESET.layout
            side = width - chart_w - GUTTER
            top = MARGIN + 5 + self._height(heading, 17, width, True) + 3
            body = max(chart_h, self._height(text, text_pt, side))
            refs = 5 + sum(self._height(x, src_pt, width) + 0.8 for x, _ in sources)
            if top + body + 4 + refs <= bottom:
                break
        self.add_page()
        self.start_section(heading)
        self.para(kicker, 10, colour=MUTED, gap=1)
        self.para(heading, 17, bold=True, gap=3)
        y = self.get_y()
        chart_x = self.w - MARGIN - chart_w if self.rtl else MARGIN
        text_x = MARGIN if self.rtl else MARGIN + chart_w + GUTTER
        self.image(image, x=chart_x, y=y, w=chart_w)
        self.set_xy(text_x, y)
        self.set_font(self.family, "", text_pt)
        self.set_text_color(*INK)
        self.multi_cell(side, text_pt * 0.5, text, align=self.align, new_x="LEFT", new_y="NEXT")
        self.set_xy(MARGIN, max(self.get_y(), y + chart_h) + 4)
        self.para(sources_title, 10, bold=True, colour=MUTED, gap=1)
        for line, url in sources:
            self.para(line, src_pt, colour=MUTED, gap=0.8, link=url)

    def footer(self):
        self.set_y(-10)
        self.set_font(self.family, "", 8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{APP_NAME} · {self.page_no()}", align="C")


def _image(atlas: Atlas, story: Story, step, private: bool, url: str) -> bytes:
    """The step's stamped chart as the PNG downloads render it."""
    if step.chart in RECORD_VIEWS:
        kind = "target" if RECORD_VIEWS[step.chart] == "targets" else "event"
        fig = atlas.case_figure(
            "card", kind, step.record, private, story.lang, url, PRESET.layout, PRESET.layout_height
        )
    else:
        fig = atlas.figure(
            step.chart,
            step.state,
            private,
            story.lang,
            url,
            None,
            PRESET.layout,
            1.0,
            PRESET.layout_height,
        )
    return export.render(fig, "png", PRESET.layout, PRESET.layout_height, PRESET.scale)


def pack(
    atlas: Atlas,
    story: Story,
    private: bool,
    step_url: Callable[[int], str],
    today: str | None = None,
) -> bytes:
    """The briefing pack of a story version (its language, the reader's privacy mode)."""
    t = atlas.labels(story.lang).t
    ds = atlas.dataset(private, story.lang)
    src = ds.sources.set_index("source_id")
    pdf = _Pack(t.language.rtl)
    pdf.set_title(story.title)
    pdf.set_lang(story.lang)
    pdf.set_creator(APP_NAME)
    # title page
    pdf.add_page()
    pdf.ln(30)
    pdf.para(story.title, 26, bold=True, gap=6)
    pdf.para(story.summary, 14, gap=8)
    pdf.para(
        t._("{app} · data v{version} · as of {date} · this pack made on {today}").format(
            app=APP_NAME,
            version=atlas.version,
            date=t.date(atlas.as_of),
            today=t.date(today or date.today().isoformat()),
        ),
        11,
        colour=MUTED,
    )
    if story.as_of != atlas.version:
        pdf.para(
            t._("The story was written on data v{old}; the figures show v{new}.").format(
                old=story.as_of, new=atlas.version
            ),
            11,
            colour=MUTED,
        )
    pdf.para(step_url(1), 10, colour=MUTED)
    with tempfile.TemporaryDirectory() as tmp:
        for step in story.steps:
            path = Path(tmp) / f"step{step.n}.png"
            path.write_bytes(_image(atlas, story, step, private, step_url(step.n)))
            lines = []
            for sid in step.source_ids:
                if sid in src.index:
                    s = src.loc[sid]
                    link = s["url"] or t._("link withheld in privacy mode")
                    lines.append(
                        (
                            f"{s['publisher']} ({t.date(s['published'])}). {s['title']}. {link}",
                            s["url"] or None,
                        )
                    )
            pdf.step_page(
                t._("Step {n} of {total}").format(n=step.n, total=len(story.steps)),
                step.heading,
                str(path),
                step.text,
                t._("Sources"),
                lines,
            )
    # closing page: what the evidence levels mean, how to cite
    pdf.add_page()
    pdf.para(t._("What the evidence levels mean"), 17, bold=True, gap=3)
    for ref in ("evidence_level", "targets.status"):
        vocab = ds.schema.vocabulary(ref)
        pdf.para(vocab.title_in(story.lang), 12, bold=True, gap=1)
        for c in vocab.categories:
            pdf.para(f"{c.label_in(story.lang)}: {c.definition_in(story.lang)}", 10, gap=1)
        pdf.ln(2)
    pdf.para(t._("How to cite"), 14, bold=True, gap=2)
    pdf.para(
        t._(
            "{app} contributors ({year}). {title}. In: {app}, data version {version} "
            "({date}). {url}"
        ).format(
            app=APP_NAME,
            year=atlas.as_of[:4],
            title=story.title,
            version=atlas.version,
            date=atlas.as_of,
            url=step_url(1),
        ),
        10,
    )
    return bytes(pdf.output())
