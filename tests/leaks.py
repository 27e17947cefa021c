"""The privacy leak scanner: finds any personal name of the data, in any form a reader would
recognise (case, accents, hyphens, particles, slugs, initials, short surnames), in any text.

Reused by the unit, AppTest and browser tests: collect what a channel shows (page elements,
figure JSON, SVG, downloads, citations, HTTP responses) as text, then `scan()` it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from google.protobuf.json_format import MessageToDict

from dashboard import privacy
from dashboard.dataset import Dataset


class LeakScanner:
    def __init__(self, ds: Dataset):
        self.scrubber = privacy.scrubber(ds)  # every name of the full (unredacted) data

    def hits(self, text: str) -> list[str]:
        return self.scrubber.hits(text)

    def scan(self, channels: Mapping[str, str]) -> dict[str, list[str]]:
        """Name forms found per channel (channels without a hit are left out)."""
        out = {}
        for channel, text in channels.items():
            found = self.hits(text)
            if found:
                out[channel] = sorted(set(found))
        return out


def _walk(node) -> Iterable:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _walk(child)


def apptest_text(at) -> str:
    """Everything an AppTest run put on the page: element protos (figure specs, deck JSON,
    captions, code blocks, widget labels and options) and dataframe values."""
    parts = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is not None:
            data = MessageToDict(proto)
            data.pop("arrowData", None)
            data.pop("data", None)
            parts.append(json.dumps(data, ensure_ascii=False))
        if type(node).__name__ == "Dataframe":
            parts.append(node.value.to_csv(index=False))
    return "\n".join(parts)
