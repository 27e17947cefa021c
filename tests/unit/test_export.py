"""Exports: valid stamped images, flat CSV and nested JSON of the view, inert cells, citations."""

from __future__ import annotations

import csv
import io
import json
import shutil
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib

import pytest

from dashboard import export
from dashboard.figures import catalog
from dashboard.figures.style import Layout
from dashboard.filters import FilterState, apply, prepare
from dashboard.i18n import translator
from tests.conftest import labels_for


@pytest.fixture
def view(small_ds):
    return apply(prepare(small_ds), FilterState())


@pytest.fixture
def inputs(small_ds):
    return catalog.Inputs(
        labels_for(small_ds),
        Layout(width=700),
        "0.9.1",
        "2026-11-28",
        "http://atlas.example/?status=infected",
    )


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_variance(data: bytes) -> float:
    """Variance of the decoded bytes of the first IDAT rows (enough to tell blank from drawn)."""
    pos, idat = 8, b""
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    raw = zlib.decompress(idat)
    sample = raw[:4_000_000]
    mean = sum(sample) / len(sample)
    return sum((b - mean) ** 2 for b in sample[::7]) / len(sample[::7])


needs_chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian chromium")


@needs_chromium
@pytest.mark.parametrize("preset,size", [("landscape", (1200, 675)), ("square", (1080, 1080))])
def test_png_export_has_the_real_pixel_size_its_name_states_and_is_not_blank(
    view, small_ds, preset, size
):
    p = export.PRESETS[preset]
    inp = catalog.Inputs(labels_for(small_ds), Layout(width=p.layout), "1", "2026-11-28")
    data = export.figure_image(catalog.build("activity", view, inp, p.layout_height), "png", preset)
    assert png_size(data) == size
    assert png_variance(data) > 100
    assert f"{size[0]}x{size[1]}" in export.image_name("activity", "1", "2026-11-28", "png", preset)


def test_every_preset_keeps_its_smallest_text_legible_where_it_is_shown():
    for p in export.PRESETS.values():
        assert 12.5 * p.scale * (p.layout / p.width) >= 11  # footer px as displayed


@needs_chromium
@pytest.mark.parametrize("chart_id", list(catalog.CHARTS))
def test_svg_export_parses_and_carries_the_stamp_and_its_description(view, inputs, chart_id):
    data = export.figure_image(catalog.build(chart_id, view, inputs), "svg")
    root = ET.fromstring(data)
    ns = "{http://www.w3.org/2000/svg}"
    text = " ".join(t for t in root.itertext())
    assert catalog.CHARTS[chart_id].title in text
    assert "Pegasus Atlas · data v0.9.1 · as of 28 Nov 2026" in text
    assert "http://atlas.example/?status=infected" in text
    assert "Sources:" in text
    desc = root.find(f"{ns}desc").text
    assert desc == catalog.describe(chart_id, view, inputs) and len(desc) > 40
    assert root.get("role") == "img" and root.find(f"{ns}title").text


GOLDEN_TARGETS_CSV = (
    "target_id,label,is_group,named,group_size,target_type,target_country,location_country,status,"
    "first_activity,last_activity,vector,exploit,reported_on,investigated_by,summary,member_of,"
    "report_ids,source_ids,dispute,dispute_source_ids,last_reviewed,suspected_operators,"
    "source_urls\r\n"
    "tgt-ahmed-mansoor,Ahmed Mansoor,false,true,,human_rights_defender,ARE,ARE,attempted,"
    "2016-08-10,2016-08-11,sms_link,Trident,2016-08-24,citizen_lab;lookout,"
    "A rights defender received bait texts that exposed an exploit chain.,,,"
    "citizenlab-2016-million-dollar-dissident,,,2026-11-28,ARE:high,"
    "https://citizenlab.ca/2016/08/million-dollar-dissident/\r\n"
)


def test_targets_csv_matches_the_golden_text(small_ds):
    v = apply(prepare(small_ds), FilterState.of(query="Mansoor"))
    assert export.view_csv(v, small_ds, "targets").decode() == GOLDEN_TARGETS_CSV


@pytest.mark.parametrize(
    "value", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]
)
def test_formula_like_cells_are_neutralised(small_ds, value):
    t = small_ds.targets.copy()
    t.loc[0, "summary"] = value
    t.loc[0, "label"] = value
    ds = small_ds.with_tables(targets=t)
    v = apply(prepare(ds), FilterState())
    text = export.view_csv(v, ds, "targets").decode()
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["label"] == "'" + value and rows[0]["summary"] == "'" + value
    assert rows[1]["label"] == "Al Jazeera journalists and staff"  # ordinary text untouched


def test_json_nests_full_source_records_and_operators(view, small_ds):
    doc = json.loads(
        export.view_json(view, small_ds, "all records", "http://x/", labels_for(small_ds, "es"))
    )
    assert doc["language"] == "es" and doc["fields"]["targets"]["status"]["title"]
    assert doc["version"] == small_ds.version and doc["permalink"] == "http://x/"
    aj = next(t for t in doc["targets"] if t["target_id"] == "tgt-al-jazeera-staff")
    assert {o["operator"] for o in aj["suspected_operators"]} == {"SAU", "ARE"}
    assert [s["source_id"] for s in aj["sources"]] == aj["source_ids"]
    assert aj["sources"][1]["original_publisher"] == "Le Monde"
    assert len(doc["events"]) == 2 and doc["events"][0]["cves"] == [
        "CVE-2016-4655",
        "CVE-2016-4656",
    ]


def test_the_package_zip_holds_every_data_file(small_ds):
    z = zipfile.ZipFile(io.BytesIO(export.package_zip(small_ds.data_dir)))
    names = {n.split("/", 1)[1] for n in z.namelist()}
    assert {"datapackage.yaml", "targets.csv", "sources.csv", "events.csv"} <= names


def test_citation_names_version_date_filters_link_and_sources(view):
    c = export.citation(
        view,
        "1.2.3",
        "2026-11-28",
        "2019–2022, infected",
        "http://x/?a=1",
        translator("en"),
        accessed="2026-12-01",
    )
    assert "data version 1.2.3 (2026-11-28)" in c["author_date"]
    assert "View: 2019–2022, infected." in c["author_date"]
    assert "http://x/?a=1 (accessed 2026-12-01)" in c["author_date"]
    assert c["bibtex"].startswith("@misc{pegasusatlas2026v123,")
    assert "urldate = {2026-12-01}" in c["bibtex"]
    assert "Citizen Lab (24 Aug 2016). The Million Dollar Dissident." in export.source_list(
        view, translator("en")
    )


@pytest.mark.parametrize("preset", list(export.PRESETS))
@pytest.mark.parametrize("chart_id", list(catalog.CHARTS))
def test_every_chart_is_laid_out_for_the_height_of_the_image_it_becomes(
    real_atlas, chart_id, preset
):
    """A figure taller than its image would be cut when rendered: every chart takes the
    preset's height as given, and its legend, plot and footer fit in it."""
    p = export.PRESETS[preset]
    fig = real_atlas.figure(
        chart_id, FilterState(), False, "en", "http://x/", None, p.layout, 1.0, p.layout_height
    )
    assert fig.layout.height == p.layout_height
    m = fig.layout.margin
    assert m.t + m.b < p.layout_height * 0.8, (m.t, m.b)  # the plot keeps room
