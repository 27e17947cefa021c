"""Shared fixtures: a minimal valid data package built from the REAL descriptor."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from dashboard import checksums
from dashboard.schema import DATA_DIR, read_schema

MINIMAL = {
    "sources.csv": """\
source_id,publisher,title,title_reconstructed,url,published,accessed,source_kind,original_publisher,notes
citizenlab-2016-million-dollar-dissident,Citizen Lab,The Million Dollar Dissident,false,https://citizenlab.ca/2016/08/million-dollar-dissident/,2016-08-24,2026-11-28,primary,,
repost-2021-pegasus-list,Repost Site,Pegasus list coverage,true,https://example.org/pegasus,2021-07,2026-11-28,secondary,Le Monde,
""",
    "countries.csv": """\
iso3,iso2,name,lon,lat,in_base_map
ARE,AE,United Arab Emirates,54.2,23.9,true
BHR,BH,Bahrain,50.5,26.0,false
SAU,SA,Saudi Arabia,44.5,24.1,true
QAT,QA,Qatar,51.2,25.3,true
""",
    "country_terms.csv": """\
iso3,lang,kind,term
ARE,en,demonym,Emirati
BHR,en,demonym,Bahraini
SAU,en,demonym,Saudi
SAU,es,demonym,saudí
""",
    "deployments.csv": """\
deployment_id,country,country_role,evidence_type,confidence,operator_codenames,agency,period_start,period_end,reported_on,summary,source_ids
dep-are-forensic-attribution-2016,ARE,operator,forensic_attribution,confirmed,,,2016-08,2016-08,2016-08-24,Forensic work tied an attack on a rights defender to this state.,citizenlab-2016-million-dollar-dissident
dep-bhr-infrastructure-scan-2018,BHR,infection_location,infrastructure_scan,possible,,,2016,2018,2018-09-18,A scan located suspected infections here; the operator is not identified.,citizenlab-2016-million-dollar-dissident
""",
    "targets.csv": """\
target_id,label,is_group,named,group_size,target_type,target_country,location_country,status,first_activity,last_activity,vector,exploit,reported_on,investigated_by,summary,source_ids
tgt-ahmed-mansoor,Ahmed Mansoor,false,true,,human_rights_defender,ARE,ARE,attempted,2016-08-10,2016-08-11,sms_link,Trident,2016-08-24,citizen_lab;lookout,A rights defender received bait texts that exposed an exploit chain.,citizenlab-2016-million-dollar-dissident
tgt-al-jazeera-staff,Al Jazeera journalists and staff,true,false,36,journalist,QAT,QAT,infected,2020-07,2020-08,imessage_zero_click,KISMET,2020-12-20,citizen_lab,Phones of staff at a news channel were hacked with a zero-click exploit.,citizenlab-2016-million-dollar-dissident;repost-2021-pegasus-list
""",
    "target_operators.csv": """\
target_id,operator,attribution_confidence,source_ids
tgt-ahmed-mansoor,ARE,high,citizenlab-2016-million-dollar-dissident
tgt-al-jazeera-staff,SAU,medium,citizenlab-2016-million-dollar-dissident
tgt-al-jazeera-staff,ARE,medium,citizenlab-2016-million-dollar-dissident
""",
    "case_steps.csv": """\
step_id,target_id,step_type,date,date_basis,platform,actor,result,event_id,summary,source_ids
cs-00001,tgt-ahmed-mansoor,attack,2016-08-10,occurred,,,,,He received two text messages with links to an exploit server.,citizenlab-2016-million-dollar-dissident
cs-00002,tgt-ahmed-mansoor,forensic,2016-08-24,reported,,Citizen Lab,attempted,,The links led to an iPhone exploit chain that researchers took apart.,citizenlab-2016-million-dollar-dissident
cs-00003,tgt-ahmed-mansoor,publication,2016-08-24,occurred,,Citizen Lab,,evt-2016-million-dollar-dissident,The case was made public in a report on the exploit chain.,citizenlab-2016-million-dollar-dissident
""",
    "events.csv": """\
event_id,date,event_type,title,summary,countries,actors,cves,source_ids
evt-2016-million-dollar-dissident,2016-08-24,investigation,Citizen Lab exposes Trident,A report documents an iPhone exploit chain used against a rights defender.,ARE,Citizen Lab;Lookout,CVE-2016-4655;CVE-2016-4656,citizenlab-2016-million-dollar-dissident
evt-2021-pegasus-project,2021-07,investigation,Pegasus Project published,A media consortium publishes its analysis of a leaked list of numbers.,ARE;SAU,Forbidden Stories,,repost-2021-pegasus-list
""",
    "stories.csv": """\
story_id,lang,title,summary,as_of
gulf,en,The Gulf and its critics,How a rights defender's phone exposed an exploit chain.,0.3.0
gulf,ar,الخليج ومنتقدوه,كيف كشف هاتف مدافع عن حقوق الإنسان سلسلة ثغرات.,0.3.0
""",
    "story_steps.csv": """\
story_id,lang,step,chart,filters,record,highlight,heading,text,source_ids
gulf,en,1,targets-by-type,tc=ARE,,tgt-ahmed-mansoor,Who was targeted,A rights defender in the Emirates received bait texts in 2016. Researchers took the links apart.,citizenlab-2016-million-dollar-dissident
gulf,en,2,case,,tgt-ahmed-mansoor,,One case,The texts came on 10 and 11 August 2016. The report that exposed the chain followed two weeks later.,citizenlab-2016-million-dollar-dissident
gulf,ar,1,targets-by-type,tc=ARE,,,من استُهدف,تلقى مدافع عن حقوق الإنسان في الإمارات رسائل نصية مفخخة عام 2016. فكك الباحثون الروابط وكشفوا سلسلة الثغرات.,citizenlab-2016-million-dollar-dissident
""",
}


REVIEWED = "2026-11-28"


def _complete(name: str, text: str, schema) -> str:
    """Add the descriptor's columns that the fixture text leaves out (empty, or a review date)."""
    resource = next(r for r in schema.resources if r.path == name)
    rows = list(csv.DictReader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=resource.field_names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                c: row.get(c) or (REVIEWED if c == "last_reviewed" else "")
                for c in resource.field_names
            }
        )
    return out.getvalue()


def write_minimal(target: Path, hashed: bool = False) -> Path:
    """Write the fixture package; `hashed` records its digests (else the hash lines are dropped,
    so tests of other rules see only the violation they provoke)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(DATA_DIR / "datapackage.yaml", target / "datapackage.yaml")
    schema = read_schema(target)
    for r in schema.resources:
        text = MINIMAL.get(r.path, ",".join(r.field_names) + "\n")
        (target / r.path).write_text(_complete(r.path, text, schema), encoding="utf-8", newline="")
    if hashed:
        checksums.update(target)
    else:
        desc = target / "datapackage.yaml"
        desc.write_text(
            "\n".join(x for x in desc.read_text().split("\n") if not x.strip().startswith("hash:"))
        )
    return target


@pytest.fixture
def hashed_dir(tmp_path: Path) -> Path:
    """The minimal package with the SHA-256 of its own files recorded in the descriptor."""
    return write_minimal(tmp_path / "hashed", hashed=True)


@pytest.fixture
def minimal_dir(tmp_path: Path) -> Path:
    """A small, valid package that uses the bundled descriptor (so rules stay in one place)."""
    return write_minimal(tmp_path / "pkg")


@pytest.fixture
def small_ds(minimal_dir):
    from dashboard.dataset import load_dataset

    return load_dataset(minimal_dir)


@pytest.fixture(scope="session")
def real_atlas():
    """The bundled data as the app sees it (shared by the tests of one process)."""
    from dashboard.atlas import atlas

    return atlas()


@pytest.fixture(scope="session")
def real_prepared(real_atlas):
    return real_atlas.prepared(False, "en")


@pytest.fixture
def small_atlas(minimal_dir):
    from dashboard.atlas import Atlas

    return Atlas(str(minimal_dir))


def labels_for(ds, lang: str = "en"):
    from dashboard.i18n import translator
    from dashboard.labels import Labels

    return Labels(ds.schema, ds.countries, translator(lang), ds.country_terms)
