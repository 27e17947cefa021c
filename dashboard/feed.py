"""The Atom feed of data releases (`/feed.atom`): one entry per released version, with the
CHANGELOG's words and the record changes of that release (counts, and links to the pages of
the targets and events added or changed). The same content as data/CHANGELOG.md and
`make data-diff`; in privacy mode (`?privacy=1`) names are withheld.

Belongs here: `atom()` -> bytes (standard library XML). Does not belong here: HTTP.
"""

from __future__ import annotations

from collections import Counter
from xml.etree import ElementTree as ET

from dashboard import versions
from dashboard.atlas import Atlas
from dashboard.config import APP_NAME
from dashboard.dataset import changelog

NS = "http://www.w3.org/2005/Atom"
MOST_LINKS = 60


def _text(parent, tag: str, text: str, **attrs) -> ET.Element:
    el = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
    el.text = text
    return el


def atom(a: Atlas, origin: str, private: bool = False) -> bytes:
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}feed")
    _text(root, "title", f"{APP_NAME}: data releases")
    _text(root, "id", f"{origin}/feed.atom")
    ET.SubElement(root, f"{{{NS}}}link", {"rel": "self", "href": f"{origin}/feed.atom"})
    ET.SubElement(root, f"{{{NS}}}link", {"rel": "alternate", "href": f"{origin}/sources"})
    author = ET.SubElement(root, f"{{{NS}}}author")
    _text(author, "name", f"{APP_NAME} contributors")
    entries = changelog(a.ds.data_dir)
    _text(root, "updated", f"{entries[0][1]}T00:00:00Z" if entries else "2026-01-01T00:00:00Z")
    known = versions.versions(a.ds.data_dir)
    link = a.record_link("en", private, origin + "/")
    for version, when, body in entries:
        entry = ET.SubElement(root, f"{{{NS}}}entry")
        _text(entry, "title", f"Data v{version}")
        _text(entry, "id", f"{origin}/feed.atom#v{version}")
        _text(entry, "updated", f"{when}T00:00:00Z")
        ET.SubElement(entry, f"{{{NS}}}link", {"href": f"{origin}/sources?since={version}"})
        lines = [a.text(body, private)]
        i = known.index(version) if version in known else -1
        if i > 0:
            changes = versions.diff(known[i - 1], version, a.ds.data_dir)
            counts = Counter(f"{c.table} {c.kind}" for c in changes)
            lines.append(
                f"\nRecord changes from v{known[i - 1]}: "
                + "; ".join(f"{k}: {n}" for k, n in sorted(counts.items()))
            )
            paged = [c for c in changes if c.table in ("targets", "events") and c.kind != "removed"]
            maps = a.opaque if private else {}
            for c in paged[:MOST_LINKS]:
                rid = maps.get(c.table, {}).get(c.key, c.key) if private else c.key
                lines.append(f"- {c.kind}: {link(c.table, rid)}")
            if len(paged) > MOST_LINKS:
                lines.append(
                    f"- and {len(paged) - MOST_LINKS} more (make data-diff "
                    f"A={known[i - 1]} B={version})"
                )
        _text(entry, "content", "\n".join(lines), type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
