"""Every step of every bundled story renders (page and embed) without exception and with its
chart or card; each story's briefing pack is a valid PDF with a title page, one page per step
and a closing page, whose step pages carry the step's sources (parsed back); privacy mode holds
in story pages and packs."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from dashboard import briefing, stories
from dashboard.atlas import atlas
from tests.app.helpers import run
from tests.leaks import LeakScanner, apptest_text

pytestmark = pytest.mark.xdist_group("apptest")
A = atlas()
STORIES = stories.stories(A.ds)
VERSIONS = sorted(STORIES)
SCANNER = LeakScanner(A.ds)


def shown(elements) -> list[str]:
    """Element texts as the reader sees them (markdown escapes removed)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_bundled_data_has_the_stories_the_issue_asks_for():
    ids = {sid for sid, _ in VERSIONS}
    assert len(ids) >= 5
    langs = {lang for _, lang in VERSIONS}
    assert {"ar", "es", "fr"} <= langs  # at least one story in each other language
    for story in STORIES.values():
        assert len(story.steps) >= 3, story.id


@pytest.mark.parametrize("key", VERSIONS, ids=lambda k: f"{k[0]}-{k[1]}")
def test_every_step_renders_on_the_page_and_as_an_embed(key):
    story = STORIES[key]
    at = run("stories", {"story": story.id, "lang": story.lang, "step": "1"})
    embed = run(params={"embed": "story", "story": story.id, "lang": story.lang, "step": "1"})
    for step in story.steps:
        at.query_params["step"] = str(step.n)
        at.run()
        assert not at.exception, (step.n, [e.message for e in at.exception])
        assert shown(at.title)[0] == story.title
        assert step.heading in shown(at.subheader)
        assert at.get("plotly_chart"), f"step {step.n} draws no chart"
        embed.query_params["step"] = str(step.n)
        embed.run()
        assert not embed.exception, (step.n, [e.message for e in embed.exception])
        assert embed.get("plotly_chart"), f"embed of step {step.n} draws no chart"


def test_next_and_previous_walk_the_story():
    story = STORIES[VERSIONS[0]]
    at = run("stories", {"story": story.id, "lang": story.lang, "step": "1"})
    labels = [b.label for b in at.button]
    assert "Previous" not in labels  # the first step has no way back
    next(b for b in at.button if b.label == "Next").click().run()
    assert at.query_params["step"] == "2"
    assert story.steps[1].heading in shown(at.subheader)
    next(b for b in at.button if b.label == "Previous").click().run()
    assert at.query_params["step"] == "1"
    assert story.steps[0].heading in shown(at.subheader)


@pytest.mark.parametrize("key", VERSIONS, ids=lambda k: f"{k[0]}-{k[1]}")
def test_the_briefing_pack_has_a_page_per_step_with_its_sources(key):
    story = STORIES[key]
    data = briefing.pack(A, story, False, lambda n: f"http://atlas.test/stories?step={n}")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == len(story.steps) + 2
    assert reader.metadata.title == story.title
    outline = {reader.get_destination_page_number(o): o.title for o in reader.outline}
    src = A.ds.sources.set_index("source_id")
    for step in story.steps:
        page = reader.pages[step.n]
        # the heading is the page's bookmark (exact text, whatever the script's shaping)
        assert outline[step.n] == step.heading
        if not A.labels(story.lang).t.language.rtl:
            assert squash(step.heading) in squash(page.extract_text())
        links = {a.get_object()["/A"].get("/URI") for a in page.get("/Annots", [])}
        text = squash(page.extract_text())
        for sid in step.source_ids:
            assert src.loc[sid, "url"] in links, (step.n, sid)
            assert squash(src.loc[sid, "publisher"]) in text, (step.n, sid)
        assert len(page.images) == 1  # the stamped chart


def test_privacy_mode_holds_in_story_steps_and_packs():
    for sid, lang in VERSIONS:
        story = A.stories(True, lang)[(sid, lang)]
        at = run("stories", {"story": sid, "lang": lang, "step": "1", "privacy": "1"})
        for step in story.steps:
            at.query_params["step"] = str(step.n)
            at.run()
            assert SCANNER.hits(apptest_text(at)) == [], (sid, lang, step.n)
        data = briefing.pack(A, story, True, lambda n: f"http://atlas.test/?step={n}&privacy=1")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
        assert SCANNER.hits(text) == [], (sid, lang)
