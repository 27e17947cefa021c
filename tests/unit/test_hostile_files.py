"""Bad data files of every kind end in DataError naming file, line and field; never a crash."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import checksums
from dashboard.dataset import DataError, load_dataset
from tests.conftest import write_minimal


def violations(pkg: Path) -> list:
    with pytest.raises(DataError) as info:
        load_dataset(pkg)
    return info.value.violations


def test_a_checksum_mismatch_names_the_file(hashed_dir):
    load_dataset(hashed_dir)  # intact: loads
    path = hashed_dir / "events.csv"
    path.write_text(path.read_text().replace("Citizen Lab exposes", "Someone exposes"))
    bad = violations(hashed_dir)
    assert [(v.file, v.rule) for v in bad] == [("events.csv", "checksum")]


def test_a_geometry_checksum_mismatch_is_reported(hashed_dir, tmp_path):
    geo = hashed_dir / "geo" / "countries-110m.geojson"
    geo.parent.mkdir(exist_ok=True)
    geo.write_text('{"type": "FeatureCollection", "features": []}')
    checksums.update(hashed_dir)
    load_dataset(hashed_dir)
    geo.write_text('{"type": "FeatureCollection", "features": [1]}')
    assert any(v.rule == "checksum" and "geo" in v.file for v in violations(hashed_dir))


def test_the_bundled_digests_match_the_files():
    assert checksums.mismatches(checksums.DATA_DIR) == []


def test_a_truncated_csv_names_the_broken_line(minimal_dir):
    path = minimal_dir / "targets.csv"
    text = path.read_text()
    path.write_text(text[: len(text) * 2 // 3])
    bad = [v for v in violations(minimal_dir) if v.file == "targets.csv"]
    assert bad and all(v.line for v in bad)
    assert {v.rule for v in bad} & {"row-length", "csv", "required", "pattern", "type"}


def test_an_unclosed_quote_is_reported_not_raised(minimal_dir):
    path = minimal_dir / "events.csv"
    path.write_text(path.read_text() + 'evt-2022-x,2022,investigation,"unclosed title,x\n')
    bad = [v for v in violations(minimal_dir) if v.file == "events.csv"]
    assert bad and bad[-1].line


def test_latin1_encoding_is_reported_with_its_line(minimal_dir):
    path = minimal_dir / "countries.csv"
    path.write_bytes(path.read_text().replace("Bahrain", "Bahraïn").encode("latin-1"))
    bad = violations(minimal_dir)
    assert [(v.file, v.rule, v.line) for v in bad] == [("countries.csv", "encoding", 3)]


def test_a_ten_megabyte_field_is_refused_with_its_line(minimal_dir):
    path = minimal_dir / "events.csv"
    lines = path.read_text().splitlines()
    huge = "x" * (10 * 1024 * 1024)
    lines[2] = lines[2].replace("A media consortium", huge, 1)
    path.write_text("\n".join(lines) + "\n")
    bad = [v for v in violations(minimal_dir) if v.file == "events.csv"]
    assert bad and bad[0].line == 3
    assert bad[0].rule in {"csv", "cell-size", "maxLength"}
    assert len(str(DataError(bad))) < 5000  # the message quotes, it does not dump the field


def test_an_empty_file_and_a_header_only_file(minimal_dir):
    (minimal_dir / "sources.csv").write_text("")
    bad = violations(minimal_dir)
    assert any(v.rule == "empty-file" and v.file == "sources.csv" for v in bad)


def test_a_missing_file_is_reported(minimal_dir):
    (minimal_dir / "reports.csv").unlink()
    assert any(v.rule == "missing-file" for v in violations(minimal_dir))


def test_an_unreadable_descriptor_is_a_data_error(minimal_dir):
    (minimal_dir / "datapackage.yaml").write_text("resources: [\n  - {oops")
    assert violations(minimal_dir)[0].rule == "descriptor"


# ------------------------------------------------------------------------ fuzzing

CELL = st.text(alphabet=string.printable + "éü—\u202e\x00<>\"'", max_size=30)
TABLES = [
    "sources.csv",
    "targets.csv",
    "events.csv",
    "deployments.csv",
    "countries.csv",
    "target_operators.csv",
]


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    table=st.sampled_from(TABLES),
    rows=st.lists(st.lists(CELL, max_size=25), max_size=6),
    header=st.booleans(),
)
def test_fuzzed_tables_only_ever_raise_data_error(tmp_path_factory, table, rows, header):
    pkg = write_minimal(tmp_path_factory.mktemp("fz"))
    path = pkg / table
    keep = path.read_text().splitlines()[0] + "\n" if header else ""
    path.write_text(keep + "\n".join(",".join(r) for r in rows), encoding="utf-8", newline="")
    try:
        load_dataset(pkg)
    except DataError as exc:
        assert exc.violations and all(v.file for v in exc.violations)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(table=st.sampled_from(TABLES), data=st.binary(max_size=400), cut=st.integers(0, 4000))
def test_fuzzed_bytes_only_ever_raise_data_error(tmp_path_factory, table, data, cut):
    pkg = write_minimal(tmp_path_factory.mktemp("fb"))
    path = pkg / table
    original = path.read_bytes()
    path.write_bytes(original[:cut] + data)
    try:
        load_dataset(pkg)
    except DataError as exc:
        assert exc.violations
