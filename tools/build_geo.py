#!/usr/bin/env python3
"""Build the country geometry used by the Pegasus Atlas dashboard.

Provenance
----------
* Country polygons: Natural Earth 1:110m and 1:50m "Admin 0 - Countries"
  (public domain, https://www.naturalearthdata.com/), as the TopoJSON files
  ``countries-110m.json`` and ``countries-50m.json`` of the npm package
  ``world-atlas@2.0.2`` (ISC licence; the data itself is public domain).
  Each geometry's ``id`` is the ISO 3166-1 numeric code as a string ("004").
* ISO 3166-1 codes and names: the PyPI package ``pycountry`` (already a
  project dependency), plus Kosovo as ``XKX`` (user-assigned code used by the
  EU, the World Bank and others).
* plotly's own geo TopoJSON (``world_110m.json`` / ``world_50m.json``, the files
  plotly.js fetches from ``<config.topojsonURL>``): extracted from
  ``dist/plotly-geo-assets.js`` of the npm package ``plotly.js@4.1.1`` (MIT),
  the plotly.js version bundled by the Python ``plotly`` package in our venv.
  That npm version has no ``dist/topojson/`` folder; the topologies are JS
  object literals in ``plotly-geo-assets.js`` and are converted to JSON here.

Outputs (all paths relative to the repository root)
---------------------------------------------------
* ``data/geo/countries-110m.geojson`` -- FeatureCollection, one feature per
  ISO3 (``"id": ISO3``, properties ``{"iso3", "name"}`` only), coordinates
  rounded to 2 decimals, compact JSON.
* ``data/countries.csv`` -- ``iso3,name,lon,lat,in_base_map``: every ISO 3166-1
  entry in pycountry plus XKX, sorted by iso3. ``lon``/``lat`` is a label
  point: the area-weighted centroid of the country's LARGEST polygon in the
  1:50m data (so the USA's point is in the contiguous states, France's in
  metropolitan France); if that centroid is not inside the polygon, the
  midpoint of the longest horizontal chord through the polygon at the
  centroid's latitude. Countries without a 50m polygon get the capital (or
  main town) from ``FALLBACK_POINTS`` below. ``in_base_map`` is true when the
  110m file has a polygon for the country.
* ``dashboard/static/topojson/world_110m.json`` and ``world_50m.json`` --
  plotly.js geo topologies (compact JSON), for ``config={"topojsonURL": ...}``.

Special cases
-------------
* world-atlas features without an id: Kosovo -> XKX (kept); "N. Cyprus",
  "Somaliland", "Indian Ocean Ter." and "Siachen Glacier" are dropped (not
  ISO 3166-1 entries). Palestine has id 275 -> PSE like any other.
* 50m has two features with id 036 (Australia, Ashmore and Cartier Is.); they
  are merged under AUS.

Rebuild
-------
    tmp=$(mktemp -d)
    npm install --prefix "$tmp" --no-save --ignore-scripts --no-audit --no-fund \\
        world-atlas@2.0.2 plotly.js@4.1.1
    .venv/bin/python tools/build_geo.py --npm-dir "$tmp"

``--npm-dir`` is the ``--prefix`` directory (the script looks in
``<dir>/node_modules/<pkg>/``); a directory holding an unpacked
``npm pack`` tarball per package (``<dir>/<pkg>/package/``) works too. Steps can
be run selectively with ``--only geojson,csv,plotly``. No dependency beyond
the standard library and pycountry.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT_GEOJSON = ROOT / "data" / "geo" / "countries-110m.geojson"
OUT_CSV = ROOT / "data" / "countries.csv"
OUT_TOPOJSON_DIR = ROOT / "dashboard" / "static" / "topojson"

WORLD_ATLAS_VERSION = "2.0.2"
PLOTLY_JS_VERSION = "4.1.1"

# world-atlas features with no ISO numeric id: keep only Kosovo.
# Dropped: "N. Cyprus", "Somaliland", "Indian Ocean Ter.", "Siachen Glacier".
NAMELESS_ID_MAP = {"Kosovo": "XKX"}

EXTRA_COUNTRIES = {"XKX": "Kosovo"}  # not in ISO 3166-1 / pycountry

# Short common English names (override pycountry's common_name / name).
NAME_OVERRIDES = {
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
    # ISO "Name, qualifier" / "(qualifier)" forms replaced by the usual short form:
    "BRN": "Brunei",
    "FSM": "Micronesia",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "FLK": "Falkland Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
}

# Label points for ISO entries that have no polygon of their own in the 1:50m
# data (mostly overseas departments that Natural Earth folds into France, and
# tiny islands). (lon, lat) of the capital / main settlement.
FALLBACK_POINTS = {
    "BES": (-68.27, 12.15),  # Kralendijk, Bonaire
    "BVT": (3.36, -54.42),  # Bouvet Island (uninhabited; island centre)
    "CCK": (96.83, -12.19),  # West Island, Cocos (Keeling) Islands
    "CXR": (105.68, -10.42),  # Flying Fish Cove, Christmas Island
    "GIB": (-5.35, 36.14),  # Gibraltar
    "GLP": (-61.73, 15.99),  # Basse-Terre, Guadeloupe
    "GUF": (-52.33, 4.93),  # Cayenne, French Guiana
    "MTQ": (-61.07, 14.60),  # Fort-de-France, Martinique
    "MYT": (45.23, -12.78),  # Mamoudzou, Mayotte
    "REU": (55.45, -20.88),  # Saint-Denis, Réunion
    "SJM": (15.64, 78.22),  # Longyearbyen, Svalbard
    "TKL": (-171.85, -9.17),  # Nukunonu, Tokelau
    "TUV": (179.20, -8.52),  # Funafuti, Tuvalu
    "UMI": (-177.38, 28.21),  # Midway Atoll, US Minor Outlying Islands
}


# --------------------------------------------------------------------------- locating inputs


def find_package(npm_dir: Path, name: str) -> Path:
    """Return the directory of npm package ``name`` under ``npm_dir``."""
    candidates = (
        npm_dir / "node_modules" / name,
        npm_dir / name / "package",
        npm_dir / "package",
        npm_dir,
    )
    for cand in candidates:
        pj = cand / "package.json"
        if pj.is_file() and json.loads(pj.read_text(encoding="utf-8")).get("name") == name:
            return cand
    raise SystemExit(f"npm package {name!r} not found under {npm_dir} (see the module docstring)")


def package_version(pkg_dir: Path) -> str:
    return json.loads((pkg_dir / "package.json").read_text(encoding="utf-8"))["version"]


# --------------------------------------------------------------------------- TopoJSON decoding


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute (lon, lat) positions of every arc (handles quantized, delta-encoded arcs)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            pts = []
            for pos in arc:
                x += pos[0]
                y += pos[1]
                pts.append((x * sx + tx, y * sy + ty))
        else:
            pts = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(pts)
    return arcs


def ring_from_arcs(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """Stitch a ring from arc indices; index ``~i`` (negative) means arc i reversed."""
    ring: list[tuple[float, float]] = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(pts if not ring else pts[1:])  # consecutive arcs share an end point
    return ring


def geometry_polygons(geom: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """A TopoJSON Polygon/MultiPolygon as a list of polygons (each a list of rings)."""
    if geom["type"] == "Polygon":
        return [[ring_from_arcs(r, arcs) for r in geom["arcs"]]]
    if geom["type"] == "MultiPolygon":
        return [[ring_from_arcs(r, arcs) for r in poly] for poly in geom["arcs"]]
    if geom["type"] is None:
        return []
    raise ValueError(f"unsupported geometry type {geom['type']}")


def load_countries(path: Path) -> dict[str, list]:
    """ISO3 -> list of polygons (full precision) from a world-atlas countries file."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    out: dict[str, list] = {}
    for geom in topo["objects"]["countries"]["geometries"]:
        num, name = geom.get("id"), geom.get("properties", {}).get("name")
        if num is None:
            iso3 = NAMELESS_ID_MAP.get(name)
        else:
            c = pycountry.countries.get(numeric=num)
            iso3 = c.alpha_3 if c else None
        if iso3 is None:
            print(f"  {path.name}: dropped feature id={num!r} name={name!r}", file=sys.stderr)
            continue
        for poly in geometry_polygons(geom, arcs):
            # Drop zero-area rings: at the south pole world-atlas' 50m Antarctica has a
            # degenerate first ring along lat -89.999 before its real outer ring.
            rings = [r for r in poly if abs(ring_area_centroid(r)[0]) > 1e-9]
            if rings:
                out.setdefault(iso3, []).append(rings)
    return out


# --------------------------------------------------------------------------- antimeridian
#
# world-atlas rings that cross the antimeridian (Russia's Chukotka, Fiji, Wrangel Island)
# jump between lon +180 and -180 inside one ring: fine for d3's spherical rendering, but a
# planar renderer (deck.gl/pydeck) would smear such a polygon across the whole map.
# Rings are therefore "unwrapped" (continuous longitudes) for centroids, and split at
# 180 degrees for the GeoJSON output. A ring that winds around the pole (Antarctica) has a
# net longitude change of 360 degrees and is left as it is.


def unwrap_ring(ring):
    """Ring with continuous longitudes (may leave [-180, 180]); polar rings unchanged."""
    out = [ring[0]]
    off = 0.0
    for (x0, _), (x1, y1) in zip(ring, ring[1:], strict=False):
        if x1 + off - (x0 + off) > 180:
            off -= 360
        elif x1 + off - (x0 + off) < -180:
            off += 360
        out.append((x1 + off, y1))
    if abs(out[-1][0] - out[0][0]) > 1e-9:  # winds around a pole
        return list(ring)
    if min(x for x, _ in out) < -180:
        out = [(x + 360, y) for x, y in out]
    return out


def unwrap_polygon(poly):
    outer = unwrap_ring(poly[0])
    cx = (min(x for x, _ in outer) + max(x for x, _ in outer)) / 2
    holes = []
    for h in poly[1:]:
        h = unwrap_ring(h)
        shift = 360 * round((cx - h[0][0]) / 360)
        holes.append([(x + shift, y) for x, y in h])
    return [outer] + holes


def clip_ring(ring, x_cut, keep_west):
    """Sutherland-Hodgman clip of a closed ring to x <= x_cut (keep_west) or x >= x_cut."""

    def inside(p):
        return p[0] <= x_cut if keep_west else p[0] >= x_cut

    out = []
    for a, b in zip(ring, ring[1:], strict=False):
        if inside(b):
            if not inside(a):
                out.append((x_cut, a[1] + (x_cut - a[0]) * (b[1] - a[1]) / (b[0] - a[0])))
            out.append(b)
        elif inside(a):
            out.append((x_cut, a[1] + (x_cut - a[0]) * (b[1] - a[1]) / (b[0] - a[0])))
    if out and out[0] != out[-1]:
        out.append(out[0])
    return out if len(out) >= 4 else None


def split_antimeridian(poly):
    """A polygon as one or more polygons whose longitudes all lie in [-180, 180]."""
    up = unwrap_polygon(poly)
    if max(x for r in up for x, _ in r) <= 180:
        return [up]
    west = clip_ring(up[0], 180.0, True)
    east = clip_ring(up[0], 180.0, False)
    pieces = [[west]] if west else []
    if east:
        pieces.append([[(x - 360, y) for x, y in east]])
    for h in up[1:]:
        if max(x for x, _ in h) > 180:
            h = [(x - 360, y) for x, y in h]
        for piece in pieces:
            if point_in_polygon(piece, *h[0]):
                piece.append(h)
                break
    return pieces


# --------------------------------------------------------------------------- names


def country_names() -> dict[str, str]:
    names = {}
    for c in pycountry.countries:
        common = getattr(c, "common_name", None)
        names[c.alpha_3] = NAME_OVERRIDES.get(c.alpha_3) or common or c.name
    names.update(EXTRA_COUNTRIES)
    return names


# --------------------------------------------------------------------------- geometry helpers


def ring_area_centroid(ring):
    """Signed planar area and centroid (lon/lat degrees) of a closed ring."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    a /= 2.0
    if a == 0:
        return 0.0, ring[0]
    return a, (cx / (6 * a), cy / (6 * a))


def polygon_area_centroid(poly):
    """Planar area (outer minus holes) and area-weighted centroid of a polygon."""
    total = sx = sy = 0.0
    for k, ring in enumerate(poly):
        a, (cx, cy) = ring_area_centroid(ring)
        a = abs(a) if k == 0 else -abs(a)
        total += a
        sx += a * cx
        sy += a * cy
    if total <= 0:
        return 0.0, poly[0][0]
    return total, (sx / total, sy / total)


def polygon_size(poly) -> float:
    """Approximate true area (deg^2 scaled by cos(latitude)) used to pick the largest polygon."""
    area, (_, cy) = polygon_area_centroid(poly)
    return area * math.cos(math.radians(cy))


def crossings(poly, y):
    xs = []
    for ring in poly:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            if (y0 > y) != (y1 > y):
                xs.append(x0 + (y - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def point_in_polygon(poly, x, y) -> bool:
    """Even-odd rule over all rings (so holes count as outside)."""
    return sum(1 for cx in crossings(poly, y) if cx > x) % 2 == 1


def longest_chord_midpoint(poly, y):
    xs = crossings(poly, y)
    best = None
    for x0, x1 in zip(xs[0::2], xs[1::2], strict=False):
        if best is None or x1 - x0 > best[1] - best[0]:
            best = (x0, x1)
    return ((best[0] + best[1]) / 2, y) if best else None


def normalize_lon(x):
    return (x + 180) % 360 - 180 if x > 180 or x < -180 else x


def label_point(polys):
    """(lon, lat, used_chord) label point of the largest polygon, see module docstring."""
    largest = max((unwrap_polygon(p) for p in polys), key=polygon_size)
    _, (x, y) = polygon_area_centroid(largest)
    if point_in_polygon(largest, x, y):
        return normalize_lon(x), y, False
    for dy in (0.0, 1e-6, -1e-6, 1e-3, -1e-3):  # nudge off a vertex latitude if needed
        mid = longest_chord_midpoint(largest, y + dy)
        if mid:
            return normalize_lon(mid[0]), mid[1], True
    raise RuntimeError("no interior point found")


# --------------------------------------------------------------------------- steps


def round_ring(ring, nd=2):
    out = []
    for x, y in ring:
        p = (round(x, nd), round(y, nd))
        if not out or p != out[-1]:
            out.append(p)
    if out and out[0] != out[-1]:
        out.append(out[0])
    return [list(p) for p in out] if len(out) >= 4 else None


def build_geojson(wa_dir: Path, names: dict[str, str]) -> set[str]:
    polys_by_iso = load_countries(wa_dir / "countries-110m.json")
    features = []
    for iso3 in sorted(polys_by_iso):
        polys = []
        for poly in (p for orig in polys_by_iso[iso3] for p in split_antimeridian(orig)):
            rings = [round_ring(r) for r in poly]
            if rings[0] is None:
                continue  # outer ring collapsed by rounding
            polys.append([r for r in rings if r is not None])
        if not polys:
            continue
        geom = (
            {"type": "Polygon", "coordinates": polys[0]}
            if len(polys) == 1
            else {"type": "MultiPolygon", "coordinates": polys}
        )
        features.append(
            {
                "type": "Feature",
                "id": iso3,
                "properties": {"iso3": iso3, "name": names[iso3]},
                "geometry": geom,
            }
        )
    OUT_GEOJSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_GEOJSON.write_text(
        json.dumps(
            {"type": "FeatureCollection", "features": features},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        encoding="utf-8",
    )
    print(
        f"wrote {OUT_GEOJSON.relative_to(ROOT)}: {len(features)} features, "
        f"{OUT_GEOJSON.stat().st_size:,} bytes"
    )
    return {f["id"] for f in features}


def build_csv(wa_dir: Path, names: dict[str, str], in_base: set[str]) -> None:
    polys50 = load_countries(wa_dir / "countries-50m.json")
    rows, fallback_used, chord_used = [], [], []
    for iso3 in sorted(names):
        if iso3 in polys50:
            lon, lat, chord = label_point(polys50[iso3])
            if chord:
                chord_used.append(iso3)
        elif iso3 in FALLBACK_POINTS:
            lon, lat = FALLBACK_POINTS[iso3]
            fallback_used.append(iso3)
        else:
            raise SystemExit(
                f"{iso3} ({names[iso3]}) has no 50m polygon and no FALLBACK_POINTS entry"
            )
        rows.append(
            [iso3, names[iso3], f"{lon:.3f}", f"{lat:.3f}", "true" if iso3 in in_base else "false"]
        )
    unused = set(FALLBACK_POINTS) - set(fallback_used)
    if unused:
        print(f"  note: FALLBACK_POINTS not needed for {sorted(unused)}", file=sys.stderr)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["iso3", "name", "lon", "lat", "in_base_map"])
    w.writerows(rows)
    OUT_CSV.write_text(buf.getvalue(), encoding="utf-8")
    print(
        f"wrote {OUT_CSV.relative_to(ROOT)}: {len(rows)} rows "
        f"({sum(r[4] == 'true' for r in rows)} in base map); capital fallback: {fallback_used}; "
        f"chord midpoint: {chord_used}"
    )


_IDENT_KEY = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def js_literal_to_json(src: str) -> str:
    """Convert an esbuild-printed JS object literal (unquoted keys, no functions) to JSON."""
    out, i, n = [], 0, len(src)
    while i < n:
        ch = src[i]
        if ch in "\"'":  # string literal: copy verbatim (re-quote single-quoted ones)
            j = i + 1
            while src[j] != ch:
                j += 2 if src[j] == "\\" else 1
            body = src[i + 1 : j]
            out.append(src[i : j + 1] if ch == '"' else json.dumps(body.replace("\\'", "'")))
            i = j + 1
        elif ch.isalpha() or ch in "_$":
            m = _IDENT_KEY.match(src, i)
            word = m.group(0)
            k = m.end()
            while k < n and src[k] in " \t\r\n":
                k += 1
            if k < n and src[k] == ":":
                out.append(json.dumps(word))
            elif word in ("true", "false", "null"):
                out.append(word)
            else:
                raise ValueError(f"unexpected identifier {word!r} in JS literal")
            i = m.end()
        elif ch.isdigit() or ch in ".-":
            m = _NUMBER.match(src, i)
            if not m:
                raise ValueError(f"bad number at {i}: {src[i : i + 20]!r}")
            num = m.group(0)
            num = re.sub(r"^(-?)\.", r"\g<1>0.", num)  # .5 -> 0.5
            num = re.sub(r"\.(?=[eE]|$)", "", num)  # 5. -> 5
            out.append(num)
            i = m.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def extract_plotly_topojson(plotly_dir: Path, name: str) -> dict:
    direct = plotly_dir / "dist" / "topojson" / f"{name}.json"
    if direct.is_file():  # older plotly.js releases ship the files themselves
        return json.loads(direct.read_text(encoding="utf-8"))
    text = (plotly_dir / "dist" / "plotly-geo-assets.js").read_text(encoding="utf-8")
    m = re.search(
        r'"dist/topojson/'
        + re.escape(name)
        + r'\.json"\(exports, module\) \{\s*module\.exports = ',
        text,
    )
    if not m:
        raise SystemExit(f"{name} not found in plotly-geo-assets.js")
    end = text.index("\n", m.end())
    literal = text[m.end() : end].rstrip().rstrip(";")
    return json.loads(js_literal_to_json(literal))


def build_plotly_topojson(plotly_dir: Path) -> None:
    OUT_TOPOJSON_DIR.mkdir(parents=True, exist_ok=True)
    for name in ("world_110m", "world_50m"):
        topo = extract_plotly_topojson(plotly_dir, name)
        assert topo.get("type") == "Topology" and "countries" in topo["objects"], name
        out = OUT_TOPOJSON_DIR / f"{name}.json"
        out.write_text(
            json.dumps(topo, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        print(
            f"wrote {out.relative_to(ROOT)}: {len(topo['objects']['countries']['geometries'])} "
            f"country geometries, {out.stat().st_size:,} bytes"
        )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--npm-dir",
        type=Path,
        required=True,
        help="npm --prefix dir holding world-atlas@2.0.2 and plotly.js@4.1.1",
    )
    ap.add_argument(
        "--only",
        default="geojson,csv,plotly",
        help="comma-separated steps to run: geojson,csv,plotly (default: all)",
    )
    args = ap.parse_args(argv)
    steps = {s.strip() for s in args.only.split(",") if s.strip()}
    bad = steps - {"geojson", "csv", "plotly"}
    if bad:
        ap.error(f"unknown step(s): {sorted(bad)}")

    names = country_names()
    if steps & {"geojson", "csv"}:
        wa = find_package(args.npm_dir, "world-atlas")
        v = package_version(wa)
        print(f"world-atlas {v} at {wa}")
        if v != WORLD_ATLAS_VERSION:
            print(f"  warning: expected world-atlas {WORLD_ATLAS_VERSION}", file=sys.stderr)
        if "geojson" in steps:
            in_base = build_geojson(wa, names)
        else:
            in_base = set(load_countries(wa / "countries-110m.json"))
        if "csv" in steps:
            build_csv(wa, names, in_base)
    if "plotly" in steps:
        pj = find_package(args.npm_dir, "plotly.js")
        v = package_version(pj)
        print(f"plotly.js {v} at {pj}")
        if v != PLOTLY_JS_VERSION:
            print(f"  warning: expected plotly.js {PLOTLY_JS_VERSION}", file=sys.stderr)
        build_plotly_topojson(pj)
    return 0


if __name__ == "__main__":
    sys.exit(main())
