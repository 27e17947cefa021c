"""The bundled data, tested like code: keys, references, citations, versions, standards."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest
import yaml

from dashboard import reconcile, sourcing, versions
from dashboard.dataset import changelog, load_dataset
from dashboard.schema import DATA_DIR

FACT_TABLES = ("deployments", "targets", "target_operators", "events", "case_steps")


@pytest.fixture(scope="module")
def ds():
    return load_dataset()


def test_the_bundled_package_loads_without_violations(ds):
    assert len(ds.targets) and len(ds.deployments) and len(ds.events) and len(ds.sources)


@pytest.mark.parametrize("table", FACT_TABLES)
def test_every_fact_row_cites_at_least_one_source(ds, table):
    frame = getattr(ds, table)
    assert (frame["source_ids"].map(len) >= 1).all()


@pytest.mark.parametrize("table", FACT_TABLES + ("reports",))
def test_every_cited_source_exists(ds, table):
    known = set(ds.sources["source_id"])
    cited = {s for ids in getattr(ds, table)["source_ids"] for s in ids}
    assert cited <= known, sorted(cited - known)[:5]


def test_no_source_is_orphaned(ds):
    cited = {
        s
        for t in FACT_TABLES + ("reports",)
        for col in ("source_ids", "dispute_source_ids")
        if col in getattr(ds, t)
        for ids in getattr(ds, t)[col]
        for s in ids
    }
    orphans = set(ds.sources["source_id"]) - cited
    assert not orphans, sorted(orphans)[:10]


def test_every_source_has_url_and_published_date(ds):
    s = ds.sources
    assert s["url"].str.match(r"^https?://").all()
    assert s["published"].notna().all() and s["published_start"].notna().all()
    assert s["publisher"].str.len().gt(0).all() and s["title"].str.len().gt(0).all()


def test_source_ids_carry_the_publication_year(ds):
    s = ds.sources
    years = s["published"].str[:4]
    assert [sid for sid, y in zip(s["source_id"], years, strict=True) if f"-{y}-" not in sid] == []


def test_source_urls_are_unique(ds):
    norm = ds.sources["url"].str.lower().str.rstrip("/").str.replace("http://", "https://")
    assert not norm.duplicated().any(), norm[norm.duplicated()].tolist()[:5]


@pytest.mark.parametrize(
    "table,key",
    [
        ("sources", "source_id"),
        ("deployments", "deployment_id"),
        ("targets", "target_id"),
        ("events", "event_id"),
        ("countries", "iso3"),
    ],
)
def test_primary_keys_are_unique(ds, table, key):
    assert getattr(ds, table)[key].is_unique


def test_every_country_code_resolves(ds):
    known = set(ds.countries["iso3"])
    used = set(ds.deployments["country"]) | set(ds.target_operators["operator"])
    used |= set(ds.targets["target_country"].dropna()) | set(
        ds.targets["location_country"].dropna()
    )
    used |= {c for cs in ds.events["countries"] for c in cs}
    assert used <= known


def test_hide_and_seek_rows_never_claim_an_operator(ds):
    scans = ds.deployments[ds.deployments["evidence_type"] == "infrastructure_scan"]
    assert len(scans) >= 45
    assert (scans["country_role"] == "infection_location").all()
    assert (scans["confidence"] == "possible").all()


def test_no_phone_numbers_are_stored(ds):
    phone = re.compile(r"\+\d[\d\s().-]{7,}\d")
    for table in ("targets", "deployments", "events"):
        text = " ".join(getattr(ds, table)["summary"].astype(str))
        assert not phone.search(text), table


def test_vocabulary_labels_keep_their_capitals_in_summaries(ds):
    """A label spliced into a sentence keeps its own case ("SMS link", not "sMS link"): any
    word that starts lower-case and goes on with a capital must be a known spelling."""
    known = {"iMessage", "iPhone", "iPhones", "iOS", "iPadOS", "macOS", "watchOS", "iLaw"}
    for table in ("targets", "deployments", "events", "case_steps"):
        text = " ".join(getattr(ds, table)["summary"].astype(str))
        odd = set(re.findall(r"\b[a-z]+[A-Z]\w*", text)) - known
        assert odd == set(), (table, sorted(odd)[:10])


def test_groups_have_sizes_and_individuals_do_not(ds):
    t = ds.targets
    assert t.loc[t["is_group"], "group_size"].notna().all()
    assert t.loc[~t["is_group"], "group_size"].isna().all()


def test_targets_with_several_operators_are_modelled_as_rows(ds):
    per_target = ds.target_operators.groupby("target_id")["operator"].nunique()
    assert (per_target > 1).any()
    al_jazeera = ds.targets[ds.targets["label"].str.contains("Al Jazeera")]
    ops = set(
        ds.target_operators[ds.target_operators["target_id"].isin(al_jazeera["target_id"])][
            "operator"
        ]
    )
    assert {"SAU", "ARE"} <= ops


def test_the_package_version_equals_the_top_changelog_entry(ds):
    entries = changelog()
    assert entries, "data/CHANGELOG.md has no entry"
    assert entries[0][0] == ds.version
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entries[0][1])


def test_every_declared_field_is_used_somewhere(ds):
    unused = []
    for r in ds.schema.resources:
        frame = getattr(ds, r.name)
        if frame.empty:
            continue
        for f in r.fields:
            col = frame[f.name]
            filled = col.map(len).gt(0).any() if f.is_list else col.notna().any()
            if not filled:
                unused.append(f"{r.name}.{f.name}")
    assert not unused, unused


def test_summaries_are_plain_text(ds):
    for table in ("targets", "deployments", "events"):
        s = getattr(ds, table)["summary"].astype(str)
        assert not s.str.contains(r"<[a-zA-Z/]|\]\(|\n", regex=True).any(), table


def test_frictionless_validate_passes():
    exe = shutil.which("frictionless") or str(Path(__file__).parents[2] / ".venv/bin/frictionless")
    run = subprocess.run(
        [exe, "validate", str(DATA_DIR / "datapackage.yaml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_categories_in_the_data_are_declared(ds):
    for r in ds.schema.resources:
        frame = getattr(ds, r.name)
        for f in r.fields:
            if f.categories and not f.is_list:
                assert isinstance(frame[f.name].dtype, pd.CategoricalDtype)


def test_every_archived_release_matches_its_recorded_digests():
    """Old links and citations name a data version: its archive must be the one released."""
    releases = versions.index(DATA_DIR)["releases"]
    assert [r["version"] for r in releases] == versions.versions(DATA_DIR)[:-1]
    for entry in releases:
        blob = (DATA_DIR / versions.RELEASES / entry["archive"]).read_bytes()
        assert versions.sha256(blob) == entry["sha256"], entry["version"]
        with zipfile.ZipFile(io.BytesIO(blob)) as z:
            files = {Path(n).name: z.read(n) for n in z.namelist() if not n.endswith("/")}
        assert set(files) == set(entry["files"]), entry["version"]
        for name, digest in entry["files"].items():
            assert versions.sha256(files[name]) == digest, (entry["version"], name)
        desc = yaml.safe_load(files["datapackage.yaml"])
        assert str(desc["version"]) == entry["version"]


def test_the_readmes_counts_are_the_datas(ds):
    """The README's "What is in it" table says what the app and `make data-report` say."""
    readme = (DATA_DIR.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("## What is in it", 1)[1].split("\n\n", 2)[1]
    rows = {line.split("|")[1].strip(): line.split("|")[2] for line in table.splitlines()[2:]}
    c = reconcile.headline(ds)
    share = sourcing.primary_share(ds)
    expected = {
        "Targets": [
            f"{c['records']} records",
            f"{c['named_people']} named people",
            f"{c['groups']} groups",
            f"{c['target_countries']} countries",
        ],
        "Evidence trails": [f"{len(ds.table('case_steps')):,} dated"],
        "Deployments": [
            f"{c['deployment_records']} evidence items for {c['states_with_deployments']} states",
            f"{c['operator_states']} as suspected operators",
        ],
        "Events": [f"{c['events']},"],
        "Sources": [
            f"{len(ds.sources)} public documents",
            f"{c['sources']} ({c['primary_sources']} primary)",
            f"{share['rows_with_primary']} of {share['fact_rows']} fact rows",
        ],
        "Reports reconciled": [f"{len(ds.table('reports'))} headline figures"],
        "Stories": [f"{ds.table('stories')['story_id'].nunique()} guided stories"],
    }
    for row, phrases in expected.items():
        for phrase in phrases:
            assert phrase in rows[row], (row, phrase)
