#!/usr/bin/env python3
"""Build the country geometry used by the Pegasus Atlas dashboard.

Provenance
----------
* Country polygons: Natural Earth 1:110m and 1:50m "Admin 0 - Countries" (public domain,
  https://www.naturalearthdata.com/) as the TopoJSON files ``countries-110m.json`` and
  ``countries-50m.json`` of the npm package ``world-atlas@2.0.2`` (ISC; the data is public
  domain). Each geometry's ``id`` is the ISO 3166-1 numeric code ("004").
* ISO 3166-1 codes and names: the PyPI package ``pycountry``, plus Kosovo as ``XKX``.
* plotly's geo TopoJSON (``world_110m.json``, the file plotly.js fetches from
  ``<config.topojsonURL>``): from ``dist/plotly-geo-assets.js`` of the npm package
  ``plotly.js@4.1.1`` (MIT), the version bundled by the Python ``plotly`` package. That file is
  a script, so it is evaluated by Node.js (no hand-written JavaScript parser).

Libraries do the geometry: GDAL (through ``pyogrio``/``geopandas``) decodes TopoJSON,
``antimeridian`` splits polygons that cross the date line, ``shapely`` gives label points.

Outputs (relative to the repository root)
-----------------------------------------
* ``data/geo/countries-110m.geojson``: one feature per ISO3 (``"id": ISO3``, properties
  ``{"iso3", "name"}``), coordinates rounded to 2 decimals, compact JSON.
* ``data/countries.csv``: ``iso3,iso2,name,lon,lat,in_base_map`` for every ISO 3166-1 entry plus
  XKX. ``lon``/``lat`` is a label point of the country's LARGEST 1:50m polygon: its centroid,
  or shapely's representative point when the centroid falls outside; countries without a 50m
  polygon get ``FALLBACK_POINTS``. ``in_base_map``: the 110m file has a polygon for it.
* ``dashboard/static/topojson/world_110m.json``: plotly's topology, compact JSON.

Rebuild (needs the ``tools`` extra: ``pip install -e '.[tools]'``, and Node.js)
-------------------------------------------------------------------------------
    tmp=$(mktemp -d)
    npm install --prefix "$tmp" --no-save --ignore-scripts --no-audit --no-fund \\
        world-atlas@2.0.2 plotly.js@4.1.1
    .venv/bin/python tools/build_geo.py --npm-dir "$tmp"
    make data-hash
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
from pathlib import Path

import antimeridian
import geopandas as gpd
import pycountry
from shapely.geometry import MultiPolygon, mapping, shape

ROOT = Path(__file__).resolve().parents[1]
OUT_GEOJSON = ROOT / "data" / "geo" / "countries-110m.geojson"
OUT_CSV = ROOT / "data" / "countries.csv"
OUT_TOPOJSON = ROOT / "dashboard" / "static" / "topojson" / "world_110m.json"

NAMELESS_ID_MAP = {"Kosovo": "XKX"}  # world-atlas features without an ISO numeric id
EXTRA = {"XKX": ("XK", "Kosovo")}  # not in ISO 3166-1 / pycountry

NAME_OVERRIDES = {  # short common English names
    "IRN": "Iran",
    "RUS": "Russia",
    "SYR": "Syria",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PSE": "Palestine",
    "TWN": "Taiwan",
    "CZE": "Czechia",
    "TUR": "Turkey",
    "CIV": "Côte d'Ivoire",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "USA": "United States",
    "GBR": "United Kingdom",
    "ARE": "United Arab Emirates",
    "BRN": "Brunei",
    "FSM": "Micronesia",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "FLK": "Falkland Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
}

FALLBACK_POINTS = {  # (lon, lat) of the capital or main settlement: no polygon of their own
    "BES": (-68.27, 12.15),
    "BVT": (3.36, -54.42),
    "CCK": (96.83, -12.19),
    "CXR": (105.68, -10.42),
    "GIB": (-5.35, 36.14),
    "GLP": (-61.73, 15.99),
    "GUF": (-52.33, 4.93),
    "MTQ": (-61.07, 14.60),
    "MYT": (45.23, -12.78),
    "REU": (55.45, -20.88),
    "SJM": (15.64, 78.22),
    "TKL": (-171.85, -9.17),
    "TUV": (179.20, -8.52),
    "UMI": (-177.38, 28.21),
}


def package(npm_dir: Path, name: str) -> Path:
    for candidate in (npm_dir / "node_modules" / name, npm_dir / name / "package"):
        if (candidate / "package.json").exists():
            return candidate
    raise SystemExit(f"npm package {name} not found under {npm_dir}")


def countries() -> dict[str, tuple[str, str]]:
    """ISO3 -> (ISO2, short English name)."""
    out = {
        c.alpha_3: (c.alpha_2, NAME_OVERRIDES.get(c.alpha_3, getattr(c, "common_name", c.name)))
        for c in pycountry.countries
    }
    return {**out, **EXTRA}


def read(path: Path) -> gpd.GeoDataFrame:
    """A world-atlas TopoJSON layer with ISO3 codes; several parts of one state merged."""
    frame = gpd.read_file(path, layer="countries")
    numeric = {c.numeric: c.alpha_3 for c in pycountry.countries}
    frame["iso3"] = [
        numeric.get(str(i).zfill(3)) if isinstance(i, str) and i else NAMELESS_ID_MAP.get(n)
        for i, n in zip(frame["id"], frame["name"], strict=True)
    ]
    frame = frame.dropna(subset=["iso3"])
    merged = frame.groupby("iso3")["geometry"].agg(_parts)  # no union: keep the drawn parts
    return gpd.GeoDataFrame({"iso3": merged.index, "geometry": list(merged)}, crs=frame.crs)


def _parts(geoms):
    polys = [p for g in geoms for p in (g.geoms if isinstance(g, MultiPolygon) else [g])]
    return MultiPolygon(polys) if len(polys) > 1 else polys[0]


def _ring(coords) -> list | None:
    """A ring rounded to 2 decimals without repeated points; None when it collapses."""
    out: list[tuple[float, float]] = []
    for x, y in coords:
        p = (round(x, 2), round(y, 2))
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def _rounded(geojson: dict) -> dict | None:
    """A GeoJSON (Multi)Polygon with rings rounded to 2 decimals; collapsed rings dropped."""
    polys = (
        geojson["coordinates"] if geojson["type"] == "MultiPolygon" else [geojson["coordinates"]]
    )
    out = []
    for rings in polys:
        kept = [_ring(r) for r in rings]
        if kept and kept[0] is not None:
            out.append([r for r in kept if r is not None])
    if not out:
        return None
    if len(out) == 1:
        return {"type": "Polygon", "coordinates": out[0]}
    return {"type": "MultiPolygon", "coordinates": out}


def _split(geom) -> dict:
    """GeoJSON of a geometry, split at the date line when it reaches it (Russia, Fiji...)."""
    minx, _, maxx, _ = geom.bounds
    return antimeridian.fix_shape(geom) if minx <= -179.99 or maxx >= 179.99 else mapping(geom)


def build_geojson(wa: Path, names: dict) -> set[str]:
    frame = read(wa / "countries-110m.json")
    features = []
    for iso3, geom in sorted(zip(frame["iso3"], frame.geometry, strict=True)):
        fixed = _rounded(_split(geom))
        if fixed is None:
            continue
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3, "name": names[iso3][1]},
                "geometry": fixed,
            }
        )
    OUT_GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    OUT_GEOJSON.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_GEOJSON.relative_to(ROOT)}: {len(features)} features")
    return {f["id"] for f in features}


def label_point(geom) -> tuple[float, float]:
    parts = shape(_split(geom))
    largest = max(parts.geoms if isinstance(parts, MultiPolygon) else [parts], key=lambda p: p.area)
    point = largest.centroid
    if not largest.contains(point):
        point = largest.representative_point()
    return point.x, point.y


def build_csv(wa: Path, names: dict, in_base: set[str]) -> None:
    frame = read(wa / "countries-50m.json").set_index("iso3")
    rows = []
    for iso3 in sorted(names):
        if iso3 in frame.index:
            lon, lat = label_point(frame.loc[iso3, "geometry"])
        elif iso3 in FALLBACK_POINTS:
            lon, lat = FALLBACK_POINTS[iso3]
        else:
            raise SystemExit(f"{iso3} has no 50m polygon and no FALLBACK_POINTS entry")
        iso2, name = names[iso3]
        rows.append(
            [iso3, iso2, name, f"{lon:.3f}", f"{lat:.3f}", "true" if iso3 in in_base else "false"]
        )
    with OUT_CSV.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["iso3", "iso2", "name", "lon", "lat", "in_base_map"])
        writer.writerows(rows)
    print(f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows")


def build_plotly_topojson(plotly_dir: Path) -> None:
    script = (
        "global.window = {}; require(process.argv[1]); "
        "process.stdout.write(JSON.stringify(window.Plotly.topojson.world_110m));"
    )
    assets = plotly_dir / "dist" / "plotly-geo-assets.js"
    out = subprocess.run(["node", "-e", script, str(assets)], check=True, capture_output=True)
    topology = json.loads(out.stdout)
    OUT_TOPOJSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_TOPOJSON.write_text(json.dumps(topology, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT_TOPOJSON.relative_to(ROOT)}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--npm-dir", type=Path, required=True)
    parser.add_argument("--only", default="geojson,csv,plotly")
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    names = countries()
    wa = package(args.npm_dir, "world-atlas")
    in_base = build_geojson(wa, names) if "geojson" in steps else set()
    if "csv" in steps:
        if not in_base:
            in_base = {f["id"] for f in json.loads(OUT_GEOJSON.read_text())["features"]}
        build_csv(wa, names, in_base)
    if "plotly" in steps:
        build_plotly_topojson(package(args.npm_dir, "plotly.js"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
