"""Map builders: the interactive pydeck map and a static plotly world map.

Belongs here: turning per-state levels and arcs (from `analysis`) into a `pdk.Deck` (own
geometry, no basemap: `map_provider=None`) or a plotly choropleth that uses the local
topojson. Does not belong here: loading geometry from disk (the caller passes it), filtering,
Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from dashboard import analysis
from dashboard.config import (
    ARC_COLOUR,
    BORDER_COLOUR,
    DEPLOYMENT_LEVEL_COLOURS,
    DEPLOYMENT_LEVEL_LABELS,
    DEPLOYMENT_LEVELS,
    MAP_HEIGHT,
    MARKER_LINE_COLOUR,
    NO_EVIDENCE_COLOUR,
)
from dashboard.figures.style import Stamp, apply_stamp
from dashboard.text import escape_html

LAYERS = ("states", "markers", "arcs")
OCEAN = [236, 241, 246]
SMALL_AREA = 2.5  # square degrees: below this a state also gets a marker


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


STATE_COLUMNS = [
    "iso3",
    "name",
    "lon",
    "lat",
    "level",
    "level_label",
    "n_records",
    "n_targets",
    "in_base_map",
]


def state_table(levels: pd.DataFrame, countries: pd.DataFrame, located: pd.Series) -> pd.DataFrame:
    """Per-state rows for map layers: name, point, level, colour and tooltip counts."""
    iso = sorted(set(levels["iso3"]) | set(located.index))
    if not iso:
        return pd.DataFrame(columns=STATE_COLUMNS)
    out = pd.DataFrame({"iso3": iso})
    out = out.merge(countries[["iso3", "name", "lon", "lat", "in_base_map"]], on="iso3", how="left")
    out = out.merge(levels[["iso3", "level", "n_records"]], on="iso3", how="left")
    out["name"] = out["name"].fillna(out["iso3"]).astype(str)
    out[["lon", "lat"]] = out[["lon", "lat"]].fillna(0.0)
    out["in_base_map"] = out["in_base_map"].fillna(False).astype(bool)
    out["level"] = out["level"].astype(object).where(out["level"].notna(), None)
    out["level_label"] = out["level"].map(
        lambda lv: DEPLOYMENT_LEVEL_LABELS.get(lv, "No deployment evidence")
    )
    out["n_records"] = out["n_records"].fillna(0).astype(int)
    out["n_targets"] = out["iso3"].map(located).fillna(0).astype(int)
    return out[STATE_COLUMNS]


def view_states(
    deployments: pd.DataFrame, targets: pd.DataFrame, countries: pd.DataFrame
) -> pd.DataFrame:
    """The state table of a filtered view: strongest evidence and targets located per state."""
    levels = analysis.country_levels(deployments)
    located = analysis.target_destinations(targets).value_counts()
    return state_table(levels, countries, located)


def _tooltip_fields(row: Mapping) -> dict:
    return {
        "name": row["name"],
        "level_label": row["level_label"],
        "detail": f"{row['n_records']} deployment record(s) · {row['n_targets']} target record(s) "
        f"located here",
    }


def deployments_deck(
    states: pd.DataFrame,
    arc_rows: pd.DataFrame,
    countries: pd.DataFrame,
    geojson: Mapping,
    layers: Sequence[str] = LAYERS,
    height: int = MAP_HEIGHT,
) -> pdk.Deck:
    """Countries coloured by strongest evidence, markers for small states, operator arcs."""
    by_iso = {r["iso3"]: r for r in states.to_dict("records")}
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
        props["fill"] = rgb(DEPLOYMENT_LEVEL_COLOURS[level] if level else NO_EVIDENCE_COLOUR)
        props.update(
            _tooltip_fields(row)
            if row
            else {
                "name": props.get("name", feat["id"]),
                "level_label": "No deployment evidence",
                "detail": "No records under these filters",
            }
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
                **_tooltip_fields(r),
                "iso3": r["iso3"],
                "position": [r["lon"], r["lat"]],
                "fill": rgb(DEPLOYMENT_LEVEL_COLOURS[r["level"]]),
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
    if "arcs" in layers and len(arc_rows):
        pos = countries.set_index("iso3")[["lon", "lat"]]
        names = dict(zip(countries["iso3"], countries["name"], strict=True))
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
                    "name": f"{names[r['operator']]} → {names[r['destination']]}",
                    "level_label": "Suspected cross-border targeting",
                    "detail": f"{r['n_targets']} target record(s), {r['n_people']} people · "
                    f"{', '.join(r['statuses'])}",
                }
            )
        deck_layers.append(
            pdk.Layer(
                "ArcLayer",
                id="arcs",
                data=data,
                pickable=True,
                get_source_position="source",
                get_target_position="target",
                get_width="width",
                width_units="pixels",
                get_source_color=[*ARC_COLOUR, 230],
                get_target_color=[222, 73, 104, 230],
                great_circle=True,
            )
        )
    return pdk.Deck(
        layers=deck_layers,
        map_provider=None,
        initial_view_state=pdk.ViewState(
            latitude=22, longitude=12, zoom=0.45, min_zoom=0.3, max_zoom=6
        ),
        views=[pdk.View(type="MapView", controller=True)],
        tooltip={
            "html": "<b>{name}</b><br/>{level_label}<br/>{detail}",
            "style": {"backgroundColor": "#1f1b24", "color": "#ffffff", "fontSize": "13px"},
        },
        height=height,
    )


def world_figure(states: pd.DataFrame, stamp: Stamp, height: int) -> go.Figure:
    """Static plotly world map (local topojson via config/defaults), one trace per level."""
    fig = go.Figure()
    shown = states[states["level"].notna()]
    for level in DEPLOYMENT_LEVELS:
        sub = shown[shown["level"] == level]
        if sub.empty:
            continue
        hover = [
            f"<b>{escape_html(n)}</b><br>{escape_html(lab)}<br>{k} deployment record(s)"
            for n, lab, k in zip(sub["name"], sub["level_label"], sub["n_records"], strict=True)
        ]
        colour = DEPLOYMENT_LEVEL_COLOURS[level]
        fig.add_trace(
            go.Choropleth(
                locations=sub["iso3"],
                z=[1] * len(sub),
                locationmode="ISO-3",
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                name=DEPLOYMENT_LEVEL_LABELS[level],
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
                marker={"size": 5, "color": colour, "line": {"width": 0.6, "color": "#1f1b24"}},
                legendgroup=level,
                name=DEPLOYMENT_LEVEL_LABELS[level] + " (marker)",
            )
        )
    fig.update_geos(
        projection_type="natural earth",
        showcountries=True,
        countrycolor="#ffffff",
        showland=True,
        landcolor=NO_EVIDENCE_COLOUR,
        showocean=True,
        oceancolor="rgb(236,241,246)",
        showframe=False,
        showcoastlines=False,
        lataxis_range=[-58, 85],
    )
    return apply_stamp(fig, stamp, height, legend_rows=2)  # four long level labels
