"""Links that reproduce a view exactly, and the parsing of such links.

Belongs here: `ViewSpec` (filters, privacy, language, data version, the page's own keys such as
the country or the chart shown, an embed's width), `parse()` from URL parameters (shared by the
Streamlit pages and the server's image and feed routes) and `url()` that writes one back. Every
permalink, stamp, embed snippet and citation is built here, so they all carry the language,
privacy mode and the data version. In privacy mode no search text is written into a link.
Does not belong here: Streamlit, HTTP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from dashboard import filters as flt
from dashboard.i18n import DEFAULT, Translator, languages, negotiate
from dashboard.pages import URL_KEYS, page_for

TRUE = ("1", "true", "on", "yes")
MIN_WIDTH, MAX_WIDTH = 280, 2400


@dataclass(frozen=True)
class ViewSpec:
    state: flt.FilterState = flt.FilterState()
    private: bool = False
    lang: str = DEFAULT
    version: str | None = None  # the data version the link was made on (`v`)
    extra: tuple[tuple[str, str], ...] = ()  # page keys: country, chart, record, id, embed...
    width: int | None = None  # an embed's layout width (`w`)

    def get(self, key: str, default: str | None = None) -> str | None:
        return dict(self.extra).get(key, default)

    def with_extra(self, **values: str | None) -> ViewSpec:
        merged = {**dict(self.extra), **values}
        return ViewSpec(
            self.state,
            self.private,
            self.lang,
            self.version,
            tuple((k, v) for k, v in merged.items() if v),
            self.width,
        )


def one(value: str | Sequence[str] | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return str(value[-1]) if value else None


def parse(
    params: Mapping[str, str | Sequence[str]],
    prepared: flt.Prepared,
    t: Translator,
    accept_language: str | None = None,
) -> tuple[ViewSpec, list[str]]:
    """A view from URL parameters; invalid filter values are dropped with notices."""
    state, notices = flt.from_query_params(
        params, prepared.allowed, prepared.years, t, other_keys=URL_KEYS
    )
    extra = []
    for key in URL_KEYS:
        if key in ("lang", "privacy", "v", "w"):
            continue
        value = one(params.get(key))
        if value:
            extra.append((key, "".join(c for c in value[:120] if c.isprintable())))
    width = None
    w = one(params.get("w"))
    if w and w.isdigit():
        width = max(MIN_WIDTH, min(MAX_WIDTH, int(w)))
    lang = negotiate(one(params.get("lang")), accept_language)
    version = one(params.get("v"))
    spec = ViewSpec(
        state=state,
        private=str(one(params.get("privacy")) or "").lower() in TRUE,
        lang=lang,
        version=version[:20] if version else None,
        extra=tuple(extra),
        width=width,
    )
    return spec, notices


def params(spec: ViewSpec, version: str, **extra: str | None) -> dict[str, str]:
    """The URL parameters of a view: filters, page keys, language, privacy, data version."""
    out: dict[str, str] = dict(spec.state.to_query_params(private=spec.private))
    out.update({k: v for k, v in spec.extra if k not in extra})
    out.update({k: v for k, v in extra.items() if v})
    out["lang"] = spec.lang
    if spec.private:
        out["privacy"] = "1"
    out["v"] = version
    return out


def query(spec: ViewSpec, version: str, **extra: str | None) -> str:
    return urlencode(params(spec, version, **extra), safe=",")


def url(origin: str, path: str, spec: ViewSpec, version: str, **extra: str | None) -> str:
    return f"{origin}{path}?{query(spec, version, **extra)}"


def chart_url(origin: str, chart_id: str, spec: ViewSpec, version: str, **extra: str | None) -> str:
    """The link that opens exactly this chart under this view (its page, its tab)."""
    page = page_for(chart_id)
    if "chart" in page.params:
        extra = {"chart": chart_id, **extra}
    return url(origin, page.path, spec, version, **extra)


def language_codes() -> list[str]:
    return [lang.code for lang in languages()]
