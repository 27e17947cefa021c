"""Map builders: the interactive pydeck map and a static plotly world map.

Belongs here: the per-state table of a view (strongest evidence from the descriptor's derived
vocabulary, targets located there), turning it and the arcs (from `analysis`) into a `pdk.Deck`
(own geometry, no basemap: `map_provider=None`; an initial view fitted to every state and arc)
or a plotly map in an equal-area projection that uses the local topojson. Colours and labels of
levels come from the descriptor. Does not belong here: loading geometry from disk (the caller
passes it), filtering, Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard import analysis
from dashboard.config import (
    ARC_COLOUR,
    BORDER_COLOUR,
    MAP_HEIGHT,
    MARKER_LINE_COLOUR,
    NO_EVIDENCE_COLOUR,
)
from dashboard.figures.style import Layout, Stamp, apply_stamp, legend_rows
from dashboard.labels import Labels
from dashboard.text import escape_html

LEVELS = analysis.LEVELS
LAYERS = ("states", "markers", "arcs")
OCEAN = [236, 241, 246]
SMALL_AREA = 2.5  # square degrees: below this a state also gets a marker
MAP_ASPECT = 2.3  # width / height of the cropped Equal Earth map (measured on an export)
LAT_RANGE = (-56.0, 75.0)  # polar areas cropped: nothing in the data lies beyond


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    h = hex_colour.lstrip("#")
    return [int(h[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def _ring_area(ring: Sequence[Sequence[float]]) -> float:
    return (
        abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))) / 2
    )


def feature_areas(geojson: Mapping) -> dict[str, float]:
    """Approximate area (square degrees) of each feature's outer rings, by feature id."""
    out: dict[str, float] = {}
    for feat in geojson["features"]:
        g = feat["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        out[str(feat["id"])] = sum(_ring_area(p[0]) for p in polys if p)
    return out


STATE_COLUMNS = ["iso3", "name", "lon", "lat", "level", "level_label", "n_records", "n_targets"]


def view_states(
    deployments: pd.DataFrame, targets: pd.DataFrame, countries: pd.DataFrame, labels: Labels
) -> pd.DataFrame:
    """One row per state with deployment records or targets located there in a filtered view:
    strongest evidence level (descriptor order), its label, record counts and a point."""
    levels = analysis.country_levels(deployments, labels.schema)
    located = analysis.target_destinations(targets).value_counts()
    iso = sorted(set(levels["iso3"]) | set(located.index))
    if not iso:
        return pd.DataFrame(columns=STATE_COLUMNS)
    out = pd.DataFrame({"iso3": iso})
    out = out.merge(countries[["iso3", "lon", "lat"]], on="iso3", how="left")
    out = out.merge(levels[["iso3", "level", "n_records"]], on="iso3", how="left")
    out["name"] = out["iso3"].map(labels.country)
    out[["lon", "lat"]] = out[["lon", "lat"]].fillna(0.0)
    out["level"] = out["level"].astype(object).where(out["level"].notna(), None)
    none = labels.t._("No deployment evidence")
    out["level_label"] = out["level"].map(lambda lv: labels.code(LEVELS, lv) if lv else none)
    out["n_records"] = out["n_records"].fillna(0).astype(int)
    out["n_targets"] = out["iso3"].map(located).fillna(0).astype(int)
    return out[STATE_COLUMNS]


def _detail(labels: Labels, n_records: int, n_targets: int) -> str:
    t = labels.t
    return (
        t.n_("{n} deployment record", "{n} deployment records", n_records).format(
            n=t.num(n_records)
        )
        + " · "
        + t.n_(
            "{n} target record located here", "{n} target records located here", n_targets
        ).format(n=t.num(n_targets))
    )


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(
    points: Sequence[Sequence[float]], width: int = 760, height: int = MAP_HEIGHT, pad: float = 0.1
) -> dict:
    """Centre and zoom of a Web Mercator view that shows every point (lon, lat) with a margin
    (12 degrees around each point, for the country drawn around its label point), within the
    cropped latitude band; 760 px is the narrowest desktop map column."""
    lons = [x for p in points for x in (p[0] - 12, p[0] + 12)] or [-100.0, 140.0]
    lats = [
        min(max(y, LAT_RANGE[0]), LAT_RANGE[1]) for p in points for y in (p[1] - 8, p[1] + 8)
    ] or list(LAT_RANGE)
    west, east = min(lons), max(lons)
    y0, y1 = _mercator_y(min(lats)), _mercator_y(max(lats))
    dx = max(east - west, 20.0) * (1 + 2 * pad)
    dy = max(y1 - y0, 0.3) * (1 + 2 * pad)
    zoom_x = math.log2(width * 360.0 / (512.0 * dx))
    zoom_y = math.log2(height * 2 * math.pi / (512.0 * dy))
    centre_y = (y0 + y1) / 2
    lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return {"longitude": (west + east) / 2, "latitude": lat, "zoom": min(zoom_x, zoom_y)}


def in_view(view: Mapping, point: Sequence[float], width: int, height: int) -> bool:
    """Whether a (lon, lat) point is drawn inside a Web Mercator view of that size."""
    scale = 512.0 * 2 ** view["zoom"]
    x = (point[0] - view["longitude"]) / 360.0 * scale
    y = (_mercator_y(point[1]) - _mercator_y(view["latitude"])) / (2 * math.pi) * scale
    return abs(x) <= width / 2 and abs(y) <= height / 2


def arc_data(arc_rows: pd.DataFrame, countries: pd.DataFrame, labels: Labels) -> list[dict]:
    t = labels.t
    pos = countries.set_index("iso3")[["lon", "lat"]]
    data = []
    for r in arc_rows.to_dict("records"):
        if r["operator"] not in pos.index or r["destination"] not in pos.index:
            continue
        data.append(
            {
                "source": pos.loc[r["operator"]].tolist(),
                "target": pos.loc[r["destination"]].tolist(),
                "width": min(2 + r["n_targets"], 12),
                "iso3": r["destination"],
                "name": f"{labels.country(r['operator'])} → {labels.country(r['destination'])}",
                "level_label": t._("Suspected cross-border targeting"),
                "detail": t.n_("{n} target record", "{n} target records", r["n_targets"]).format(
                    n=t.num(r["n_targets"])
                )
                + " · "
                + t.n_("{n} person", "{n} people", r["n_people"]).format(n=t.num(r["n_people"]))
                + " · "
                + t.commas([labels.code("targets.status", s) for s in r["statuses"]]),
            }
        )
    return data


def deployments_deck(
    states: pd.DataFrame,
    arc_rows: pd.DataFrame,
    countries: pd.DataFrame,
    geojson: Mapping,
    labels: Labels,
    layers: Sequence[str] = LAYERS,
    height: int = MAP_HEIGHT,
) -> pdk.Deck:
    """Countries coloured by strongest evidence, markers for small states, operator arcs."""
    colours = labels.colours(LEVELS)
    by_iso = {r["iso3"]: r for r in states.to_dict("records")}
    none = labels.t._("No deployment evidence")
    # New feature dicts with new properties; the (large) geometries are shared, not copied.
    geo = {
        "type": "FeatureCollection",
        "features": [
            {**f, "properties": dict(f.get("properties") or {})} for f in geojson["features"]
        ],
    }
    for feat in geo["features"]:
        row = by_iso.get(str(feat["id"]))
        props = feat["properties"]
        level = row["level"] if row and isinstance(row["level"], str) else None
        props["fill"] = rgb(colours[level] if level else NO_EVIDENCE_COLOUR)
        props["name"] = labels.country(str(feat["id"]))
        props["level_label"] = row["level_label"] if row else none
        props["detail"] = (
            _detail(labels, row["n_records"], row["n_targets"])
            if row
            else labels.t._("No records under these filters")
        )
    deck_layers = [
        pdk.Layer(
            "SolidPolygonLayer",
            id="ocean",
            data=[{"polygon": [[-180, -85], [180, -85], [180, 85], [-180, 85]]}],
            get_polygon="polygon",
            get_fill_color=OCEAN,
            pickable=False,
        )
    ]
    if "states" in layers:
        deck_layers.append(
            pdk.Layer(
                "GeoJsonLayer",
                id="states",
                data=geo,
                pickable=True,
                stroked=True,
                filled=True,
                get_fill_color="properties.fill",
                get_line_color=rgb(BORDER_COLOUR),
                line_width_min_pixels=0.6,
                auto_highlight=True,
                highlight_color=[255, 214, 0, 160],
            )
        )
    areas = feature_areas(geojson)
    small = states[
        states["level"].notna() & states["iso3"].map(lambda i: areas.get(i, 0.0) < SMALL_AREA)
    ]
    if "markers" in layers and len(small):
        pts = [
            {
                "name": r["name"],
                "level_label": r["level_label"],
                "detail": _detail(labels, r["n_records"], r["n_targets"]),
                "iso3": r["iso3"],
                "position": [r["lon"], r["lat"]],
                "fill": rgb(colours[r["level"]]),
            }
            for r in small.to_dict("records")
        ]
        deck_layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                id="markers",
                data=pts,
                pickable=True,
                get_position="position",
                get_fill_color="fill",
                get_line_color=list(MARKER_LINE_COLOUR),
                stroked=True,
                line_width_min_pixels=1,
                radius_min_pixels=6,
                radius_max_pixels=6,
                get_radius=1,
            )
        )
    arcs = arc_data(arc_rows, countries, labels) if "arcs" in layers else []
    if arcs:
        deck_layers.append(
            pdk.Layer(
                "ArcLayer",
                id="arcs",
                data=arcs,
                pickable=True,
                get_source_position="source",
                get_target_position="target",
                get_width="width",
                width_units="pixels",
                get_source_color=[*ARC_COLOUR, 230],
                get_target_color=[222, 73, 104, 230],
                get_height=0.35,
                great_circle=False,  # great circles to the Americas leave the frame over the pole
            )
        )
    points = [[r["lon"], r["lat"]] for r in states.to_dict("records")]
    points += [a["source"] for a in arcs] + [a["target"] for a in arcs]
    view = fit_view(points, height=height)
    return pdk.Deck(
        layers=deck_layers,
        map_provider=None,
        initial_view_state=pdk.ViewState(**view, min_zoom=0.3, max_zoom=6),
        views=[pdk.View(type="MapView", controller=True)],
        tooltip={
            "html": "<b>{name}</b><br/>{level_label}<br/>{detail}",
            "style": {"backgroundColor": "#1f1b24", "color": "#ffffff", "fontSize": "13px"},
        },
        height=height,
    )


def world_figure(
    states: pd.DataFrame, labels: Labels, stamp: Stamp, layout: Layout, height: int
) -> go.Figure:
    """Static plotly world map, equal-area (Equal Earth) with polar areas cropped, local
    topojson (via config/defaults), one trace per level in the descriptor's order."""
    t = labels.t
    fig = go.Figure()
    colours = labels.colours(LEVELS)
    shown = states[states["level"].notna()]
    for level in labels.order(LEVELS):
        sub = shown[shown["level"] == level]
        if sub.empty:
            continue
        name = labels.code(LEVELS, level)
        hover = [
            f"<b>{escape_html(n)}</b><br>{escape_html(lab)}<br>"
            + escape_html(
                t.n_("{n} deployment record", "{n} deployment records", int(k)).format(
                    n=t.num(int(k))
                )
            )
            for n, lab, k in zip(sub["name"], sub["level_label"], sub["n_records"], strict=True)
        ]
        colour = colours[level]
        fig.add_trace(
            go.Choropleth(
                locations=sub["iso3"],
                z=[1] * len(sub),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                name=escape_html(name),
                showlegend=True,
                marker_line_color="#ffffff",
                marker_line_width=0.5,
                hovertext=hover,
                hoverinfo="text",
                legendgroup=level,
            )
        )
        fig.add_trace(
            go.Scattergeo(
                lon=sub["lon"],
                lat=sub["lat"],
                mode="markers",
                hoverinfo="skip",
                showlegend=False,
                marker={
                    "size": layout.px(5),
                    "color": colour,
                    "line": {"width": 0.6, "color": "#1f1b24"},
                },
                legendgroup=level,
                name=escape_html(name),
            )
        )
    fig.update_geos(
        projection_type="equal earth",
        showcountries=True,
        countrycolor="#ffffff",
        showland=True,
        landcolor=NO_EVIDENCE_COLOUR,
        showocean=True,
        oceancolor="rgb(236,241,246)",
        showframe=False,
        showcoastlines=False,
        lataxis_range=list(LAT_RANGE),
        lonaxis_range=[-170, 190],
    )
    rows = legend_rows([tr.name for tr in fig.data if tr.showlegend], layout)
    fig = apply_stamp(fig, stamp, height, layout, legend_rows=rows, axes=False)
    # In a figure taller than the map (a square export, a phone), plotly centres the map in
    # its box, leaving gaps above and below; keep it under the legend, the footer under it.
    m = fig.layout.margin
    box_w, box_h = layout.width - m.l - m.r, height - m.t - m.b
    if box_h > 0 and box_w / box_h < MAP_ASPECT:
        top = 1 - (box_w / MAP_ASPECT) / box_h
        fig.update_geos(domain_y=[top, 1])
        fig.update_annotations(selector={"name": "stamp-footer"}, y=top)
    return fig
