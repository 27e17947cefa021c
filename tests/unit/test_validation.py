"""The loader refuses every kind of bad data, naming file, line, field, value and rule.

Negative cases first: one small bad fixture per rule, each a one-line change of a valid package.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.dataset import DataError, load_dataset


def edit(pkg: Path, name: str, old: str, new: str) -> None:
    path = pkg / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")


def violations(pkg: Path) -> list:
    with pytest.raises(DataError) as info:
        load_dataset(pkg)
    return info.value.violations


# (description, file, old text, new text, expected rule, expected field, expected line)
CASES = [
    (
        "duplicate id",
        "targets.csv",
        "tgt-al-jazeera-staff,Al",
        "tgt-ahmed-mansoor,Al",
        "unique",
        "target_id",
        3,
    ),
    (
        "unknown category",
        "targets.csv",
        "false,true,,human_rights_defender,ARE,ARE,attempted",
        "false,true,,human_rights_defender,ARE,ARE,hacked",
        "enum",
        "status",
        2,
    ),
    (
        "dangling source id",
        "events.csv",
        "ARE;SAU,Forbidden Stories,,repost-2021-pegasus-list",
        "ARE;SAU,Forbidden Stories,,no-such-2021-source",
        "foreign-key",
        "source_ids",
        3,
    ),
    (
        "unknown ISO3",
        "deployments.csv",
        "dep-bhr-infrastructure-scan-2018,BHR",
        "dep-bhr-infrastructure-scan-2018,XYZ",
        "foreign-key",
        "country",
        3,
    ),
    (
        "unknown ISO3 in a list",
        "events.csv",
        "ARE;SAU,Forbidden",
        "ARE;ZZZ,Forbidden",
        "foreign-key",
        "countries",
        3,
    ),
    (
        "unparseable date",
        "targets.csv",
        "2016-08-10,2016-08-11",
        "2016-13-10,2016-08-11",
        "partial-date",
        "first_activity",
        2,
    ),
    (
        "impossible day",
        "events.csv",
        "2016-08-24,investigation",
        "2016-02-30,investigation",
        "partial-date",
        "date",
        2,
    ),
    (
        "end before start",
        "deployments.csv",
        ",,2016,2018,2018-09-18",
        ",,2018,2016,2018-09-18",
        "date-order",
        "period_end",
        3,
    ),
    (
        "missing required field",
        "sources.csv",
        "https://example.org/pegasus,2021-07",
        "https://example.org/pegasus,",
        "required",
        "published",
        3,
    ),
    (
        "group without size",
        "targets.csv",
        "true,false,36,journalist",
        "true,false,,journalist",
        "required-when",
        "group_size",
        3,
    ),
    (
        "individual with a size",
        "targets.csv",
        "false,true,,human_rights_defender",
        "false,true,3,human_rights_defender",
        "empty-when",
        "group_size",
        2,
    ),
    (
        "non-http URL",
        "sources.csv",
        "https://example.org/pegasus",
        "javascript:alert(1)",
        "pattern",
        "url",
        3,
    ),
    ("bad boolean", "countries.csv", "23.9,true", "23.9,yes", "type", "in_base_map", 2),
    (
        "unknown investigator code",
        "targets.csv",
        "citizen_lab;lookout",
        "citizen_lab;nsa",
        "enum",
        "investigated_by",
        2,
    ),
    (
        "bad CVE",
        "events.csv",
        "CVE-2016-4655;CVE-2016-4656",
        "CVE-2016-4655;CVE-16",
        "pattern",
        "cves",
        2,
    ),
    (
        "repeated composite key",
        "target_operators.csv",
        "tgt-al-jazeera-staff,ARE,medium",
        "tgt-al-jazeera-staff,SAU,medium",
        "primary-key",
        "target_id,operator",
        4,
    ),
    (
        "padded list item",
        "targets.csv",
        "citizen_lab;lookout",
        "citizen_lab; lookout",
        "list-item",
        "investigated_by",
        2,
    ),
]


@pytest.mark.parametrize(
    ("what", "name", "old", "new", "rule", "field", "line"), CASES, ids=[c[0] for c in CASES]
)
def test_a_bad_cell_is_reported_with_file_line_field_value_and_rule(
    minimal_dir, what, name, old, new, rule, field, line
):
    edit(minimal_dir, name, old, new)
    found = [v for v in violations(minimal_dir) if v.rule == rule]
    assert found, f"{what}: no {rule} violation"
    v = found[0]
    assert (v.file, v.field, v.line) == (name, field, line)
    assert str(v).startswith(f"{name}:{line}:")
    assert f"rule: {rule}" in str(v)


def test_extra_column_is_reported(minimal_dir):
    edit(minimal_dir, "countries.csv", "in_base_map\n", "in_base_map,population\n")
    bad = violations(minimal_dir)
    assert any(v.rule == "extra-column" and v.field == "population" for v in bad)


def test_missing_column_is_reported(minimal_dir):
    path = minimal_dir / "target_operators.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(",".join(x.split(",")[:3]) for x in lines) + "\n")
    bad = violations(minimal_dir)
    assert any(v.rule == "missing-column" and v.field == "source_ids" for v in bad)


def test_utf8_bom_is_reported(minimal_dir):
    path = minimal_dir / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    bad = violations(minimal_dir)
    assert [(v.file, v.rule, v.line) for v in bad] == [("events.csv", "bom", 1)]


def test_wrong_delimiter_is_reported(minimal_dir):
    path = minimal_dir / "countries.csv"
    path.write_text(path.read_text().replace(",", ";"))
    bad = violations(minimal_dir)
    assert any(v.file == "countries.csv" and v.rule == "delimiter" for v in bad)


def test_invalid_utf8_is_reported_with_its_line(minimal_dir):
    path = minimal_dir / "sources.csv"
    path.write_bytes(path.read_bytes().replace(b"Repost Site", b"Repost \xff Site"))
    bad = violations(minimal_dir)
    assert [(v.rule, v.line) for v in bad if v.file == "sources.csv"] == [("encoding", 3)]


def test_empty_file_is_reported(minimal_dir):
    (minimal_dir / "events.csv").write_text("")
    assert any(v.rule == "empty-file" and v.file == "events.csv" for v in violations(minimal_dir))


def test_short_row_is_reported(minimal_dir):
    edit(minimal_dir, "countries.csv", "QAT,QA,Qatar,51.2,25.3,true", "QAT,QA,Qatar,51.2")
    assert any(v.rule == "row-length" and v.line == 5 for v in violations(minimal_dir))


def test_every_violation_is_listed_not_just_the_first(minimal_dir):
    edit(minimal_dir, "targets.csv", "attempted", "hacked")
    edit(minimal_dir, "events.csv", "2016-08-24,investigation", "2016-99,investigation")
    edit(minimal_dir, "countries.csv", "BHR,BH,Bahrain,50.5", "BHR,BH,Bahrain,500.5")
    with pytest.raises(DataError) as info:
        load_dataset(minimal_dir)
    rules = {(v.file, v.rule) for v in info.value.violations}
    assert {
        ("targets.csv", "enum"),
        ("events.csv", "partial-date"),
        ("countries.csv", "maximum"),
    } <= rules
    message = str(info.value)
    assert message.startswith(f"{len(info.value.violations)} data violation(s)")
    assert "targets.csv:2" in message and "countries.csv:3" in message


def test_a_valid_package_loads_with_declared_types(minimal_dir):
    ds = load_dataset(minimal_dir)
    assert list(ds.targets["status"].cat.categories) == list(
        ds.schema.field("targets", "status").allowed
    )
    assert ds.targets.loc[1, "investigated_by"] == ("citizen_lab",)
    assert ds.targets.loc[0, "first_activity_precision"] == "day"
    assert ds.events.loc[1, "date_precision"] == "month"
    assert str(ds.events.loc[1, "date_end"].date()) == "2021-07-31"
    assert ds.targets["group_size"].dtype.name == "Int64"
    assert ds.countries["in_base_map"].dtype == bool
    assert ds.target_operators.groupby("target_id")["operator"].apply(set).to_dict() == {
        "tgt-ahmed-mansoor": {"ARE"},
        "tgt-al-jazeera-staff": {"SAU", "ARE"},
    }


# The evidence trail table (case_steps): one bad fixture per rule.
STEP_CASES = [
    ("unknown step type", "forensic,2016-08-24", "hacked,2016-08-24", "enum", "step_type"),
    (
        "forensic without result",
        ",Citizen Lab,attempted,",
        ",Citizen Lab,,",
        "required-when",
        "result",
    ),
    (
        "notification without platform",
        "attack,2016-08-10,occurred,,",
        "notification,2016-08-10,occurred,,",
        "required-when",
        "platform",
    ),
    (
        "unknown target",
        "cs-00001,tgt-ahmed-mansoor",
        "cs-00001,tgt-nobody",
        "foreign-key",
        "target_id",
    ),
    (
        "unknown event",
        ",evt-2016-million-dollar-dissident,",
        ",evt-2016-nothing,",
        "foreign-key",
        "event_id",
    ),
    ("impossible date", "attack,2016-08-10", "attack,2016-02-30", "partial-date", "date"),
    ("unknown date basis", "2016-08-10,occurred", "2016-08-10,guessed", "enum", "date_basis"),
    (
        "no source",
        "attack,2016-08-10,occurred,,,,,He received two text messages with links to an "
        "exploit server.,citizenlab-2016-million-dollar-dissident",
        "attack,2016-08-10,occurred,,,,,He received two text messages with links to an "
        "exploit server.,",
        "required",
        "source_ids",
    ),
]


@pytest.mark.parametrize(
    ("what", "old", "new", "rule", "field"), STEP_CASES, ids=[c[0] for c in STEP_CASES]
)
def test_a_bad_case_step_is_reported(minimal_dir, what, old, new, rule, field):
    edit(minimal_dir, "case_steps.csv", old, new)
    found = [(v.rule, v.field) for v in violations(minimal_dir) if v.file == "case_steps.csv"]
    assert (rule, field) in found, found
