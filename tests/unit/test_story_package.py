"""Stories: the loader refuses a story that names what does not exist (one bad fixture per
rule, each a one-line change of the valid fixture package); the valid fixture loads and reads
back in order; the reader's language is picked, else English."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard import links, stories
from dashboard.atlas import Atlas
from dashboard.dataset import DataError, load_dataset
from dashboard.filters import FilterState
from dashboard.pages import page_for
from tests.unit.test_validation import edit

# (description, file, old text, new text, expected rule, expected field)
CASES = [
    (
        "unknown chart",
        "story_steps.csv",
        "gulf,en,1,targets-by-type",
        "gulf,en,1,no-such-chart",
        "chart",
        "chart",
    ),
    (
        "unknown filter value",
        "story_steps.csv",
        "en,1,targets-by-type,tc=ARE",
        "en,1,targets-by-type,tc=XXX",
        "filters",
        "filters",
    ),
    (
        "unknown filter key",
        "story_steps.csv",
        "en,1,targets-by-type,tc=ARE",
        "en,1,targets-by-type,zz=1",
        "filters",
        "filters",
    ),
    (
        "unknown record of a case step",
        "story_steps.csv",
        ",tgt-ahmed-mansoor,,One case",
        ",tgt-nobody,,One case",
        "record",
        "record",
    ),
    (
        "unknown highlighted record",
        "story_steps.csv",
        ",tgt-ahmed-mansoor,Who was",
        ",tgt-nobody,Who was",
        "record",
        "highlight",
    ),
    (
        "one sentence",
        "story_steps.csv",
        "received bait texts in 2016. Researchers",
        "received bait texts in 2016 and researchers",
        "sentences",
        "text",
    ),
    (
        "six sentences",
        "story_steps.csv",
        "Researchers took the links apart.",
        "A. B. C. D. Researchers took the links apart.",
        "sentences",
        "text",
    ),
    (
        "a gap in the steps",
        "story_steps.csv",
        "gulf,en,2,case",
        "gulf,en,3,case",
        "step-order",
        "step",
    ),
    # the Arabic steps are then orphans: both are reported
    (
        "a language the atlas does not have",
        "stories.csv",
        "gulf,ar,",
        "gulf,de,",
        "language;story",
        "lang;story_id",
    ),
]


def refused(pkg: Path) -> list:
    with pytest.raises(DataError) as info:
        Atlas(str(pkg))
    return info.value.violations


def test_the_fixture_story_loads_in_order(minimal_dir):
    every = stories.stories(load_dataset(minimal_dir))
    story = every[("gulf", "en")]
    assert [s.n for s in story.steps] == [1, 2]
    assert story.steps[0].state.get("target_countries") == ("ARE",)
    assert story.steps[0].highlight == ("tgt-ahmed-mansoor",)
    assert story.steps[1].record == "tgt-ahmed-mansoor"
    assert stories.validate(load_dataset(minimal_dir)) == []


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_each_rule_refuses_its_bad_story(minimal_dir, case):
    _, name, old, new, rule, field = case
    edit(minimal_dir, name, old, new)
    found = refused(minimal_dir)
    expected = list(zip(rule.split(";"), field.split(";"), strict=True))
    assert [(v.rule, v.field) for v in found] == expected, found


def test_an_unknown_source_is_refused_by_the_descriptor_foreign_key(minimal_dir):
    edit(
        minimal_dir,
        "story_steps.csv",
        "two weeks later.,citizenlab-2016-million-dollar-dissident",
        "two weeks later.,no-such-source",
    )
    found = refused(minimal_dir)
    assert [(v.file, v.field, v.rule) for v in found] == [
        ("story_steps.csv", "source_ids", "foreign-key")
    ]


def test_a_step_of_a_story_version_that_does_not_exist_is_refused(minimal_dir):
    edit(minimal_dir, "story_steps.csv", "gulf,ar,1,", "gulf,fr,1,")
    found = refused(minimal_dir)
    assert ("story", "story_id") in [(v.rule, v.field) for v in found]


def test_pick_falls_back_to_english(minimal_dir):
    every = stories.stories(load_dataset(minimal_dir))
    assert stories.pick(every, "gulf", "ar").lang == "ar"
    assert stories.pick(every, "gulf", "fr").lang == "en"
    assert stories.pick(every, "nope", "en") is None


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("One. Two.", 2),
        ("One? Two! Three.", 3),
        ("واحد. اثنان؟", 2),
        ("No stop at the end", 1),
        ("Dr. No is not two", 2),
    ],
)
def test_sentences_are_counted_in_every_script(text, count):
    assert stories.sentences(text) == count


def test_explore_this_view_opens_the_page_of_the_chart_own():
    assert page_for("map").id == "map"
    assert page_for("timeline").id == "timeline"
    assert page_for("funnel").id == "targets"
    assert page_for("activity").id == "timeline"
    spec = links.ViewSpec(FilterState.of(statuses=("infected",)), False, "fr")
    url = links.chart_url("http://a.test", "funnel", spec, "0.3.0")
    assert url.startswith("http://a.test/targets?") and "chart=funnel" in url
    assert "status=infected" in url and "lang=fr" in url and "v=0.3.0" in url
