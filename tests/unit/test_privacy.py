"""Privacy mode withholds every personal name in every channel, driven by the descriptor."""

from __future__ import annotations

import io
import zipfile

import pytest

from dashboard import export, feed, privacy, web
from dashboard.figures import catalog
from dashboard.filters import FilterState
from dashboard.i18n import LANGUAGES, translator
from tests.conftest import labels_for
from tests.leaks import LeakScanner

NAME_QUERIES = ("Carmen Aristegui", "Ahmed Mansoor", "Omar Radi")


@pytest.fixture(scope="module")
def scanner(real_atlas):
    return LeakScanner(real_atlas.ds)


def test_individuals_get_role_labels_and_groups_keep_theirs(small_ds):
    r = privacy.redact(small_ds, labels_for(small_ds))
    assert list(r.targets["label"]) == [
        "human rights defender, United Arab Emirates",
        "Al Jazeera journalists and staff",
    ]
    assert "tgt-ahmed-mansoor" not in set(r.targets["target_id"])
    assert set(r.target_operators["target_id"]) <= set(r.targets["target_id"])


def test_role_labels_are_in_the_readers_language(small_ds):
    r = privacy.redact(small_ds, labels_for(small_ds, "fr"))
    assert "Émirats arabes unis" in r.targets["label"].iloc[0]


@pytest.mark.parametrize(
    "text",
    [
        "Ghanem Al-Masarir",
        "ghanem al masarir",
        "AL-MASARIR",
        "Masarir",
        "al-Masarir",
        "espian-hijo-carmen-aristegui",
        "C. Aristegui",
        "Aristegui",
        "Aristégui",
        "Omar Radi",
        "Radi",
    ],
)
def test_every_form_of_a_name_is_found_and_withheld(real_atlas, text):
    scrub = privacy.scrubber(real_atlas.ds)
    assert scrub.hits(text), text
    assert privacy.WITHHELD in scrub(f"Report on {text} today")


def test_ordinary_words_are_not_withheld(real_atlas):
    scrub = privacy.scrubber(real_atlas.ds)
    text = "Citizen Lab said the phone of a journalist in Saudi Arabia was infected."
    assert scrub(text) == text


def test_opaque_ids_are_stable_within_a_version_and_carry_no_name(real_atlas):
    a = privacy.redact(real_atlas.ds, real_atlas.labels("en"))
    b = privacy.redact(real_atlas.ds, real_atlas.labels("es"))
    assert list(a.targets["target_id"]) == list(b.targets["target_id"])
    for table in ("targets", "events", "sources"):
        key = a.schema.resource(table).primary_key[0]
        assert not a.table(table)[key].str.contains("aristegui|mansoor|radi", case=False).any()


def test_every_personal_field_is_rewritten_in_every_table(real_atlas, scanner):
    r = real_atlas.dataset(True, "en")
    channels = {}
    for res in r.schema.resources:
        if res.name == "names":
            continue
        channels[res.name] = r.table(res.name).to_csv(index=False)
    assert scanner.scan(channels) == {}


def test_a_source_whose_url_names_a_person_is_shown_without_its_link(real_atlas):
    r = real_atlas.dataset(True, "en")
    original = real_atlas.ds.sources.set_index("source_id")
    named = original[original["url"].str.contains("aristegui", case=False)]
    assert len(named)  # the check below must see such a source
    assert (r.sources["url"] == privacy.URL_WITHHELD).sum() >= len(named)


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_no_name_survives_in_any_chart_download_or_citation(real_atlas, scanner, lang):
    a = real_atlas
    channels = {}
    states = [
        FilterState(),
        FilterState.of(query=NAME_QUERIES[0]),
        FilterState.of(target_countries=("MEX",), statuses=("attempted",)),
    ]
    for i, state in enumerate(states):
        view = a.view(state, True, lang)
        r = a.dataset(True, lang)
        inp = a.inputs(lang, True, "http://x/?privacy=1")
        t = translator(lang)
        for table in ("targets", "deployments", "events"):
            channels[f"{i}:csv:{table}"] = export.view_csv(view, r, table).decode()
        channels[f"{i}:json"] = export.view_json(view, r, "f", None, a.labels(lang)).decode()
        cite = export.citation(view, a.version, a.as_of, "f", inp.permalink, t)
        channels[f"{i}:citation"] = cite["author_date"] + cite["bibtex"]
        channels[f"{i}:sources"] = export.source_list(view, t)
        for chart_id in catalog.CHARTS:
            fig = catalog.build(chart_id, view, inp)
            channels[f"{i}:figure:{chart_id}"] = fig.to_json()
            channels[f"{i}:table:{chart_id}"] = catalog.table(chart_id, view, inp).to_csv()
    assert scanner.scan(channels) == {}


def test_the_no_javascript_fallback_and_image_alt_text_carry_no_name(real_atlas, scanner):
    query = "embed=timeline&privacy=1&q=Carmen+Aristegui"
    page = web.rewrite_html(
        '<html lang="en"><head><title>x</title></head><body><noscript></noscript></body></html>',
        "/",
        query,
        None,
        real_atlas,
    )
    assert (
        scanner.scan({"noscript": page, "alt": web.alt_text(real_atlas, "timeline", query)}) == {}
    )


def test_search_in_privacy_mode_is_no_presence_oracle(real_atlas):
    a = real_atlas
    nobody = a.view(FilterState.of(query="Zyxwv Qqqq"), True, "en")
    for name in NAME_QUERIES:
        assert len(a.view(FilterState.of(query=name), False, "en").targets) >= 1  # present
        named = a.view(FilterState.of(query=name), True, "en")
        assert len(named.targets) == len(nobody.targets) == 0
        assert len(named.events) == len(nobody.events)


def test_the_package_zip_is_never_offered_in_privacy_mode_but_holds_the_data(small_ds):
    z = zipfile.ZipFile(io.BytesIO(export.package_zip(small_ds.data_dir)))
    assert any(n.endswith("targets.csv") for n in z.namelist())


def test_few_individuals_triggers_the_notice(small_ds):
    assert privacy.few_individuals(small_ds.targets.iloc[[0]])
    assert not privacy.few_individuals(small_ds.targets.iloc[[1]])  # a group only


def test_the_release_feed_names_people_only_outside_privacy_mode(real_atlas, scanner):
    public = feed.atom(real_atlas, "http://atlas.example").decode()
    private = feed.atom(real_atlas, "http://atlas.example", private=True).decode()
    assert scanner.scan({"feed": public})  # the scan would see a leak: the changelog names people
    assert scanner.scan({"feed": private}) == {}
    assert private.count("<entry>") == public.count("<entry>") >= 3
