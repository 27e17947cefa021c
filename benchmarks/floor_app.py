"""The floor: the least a Streamlit page with one Plotly chart and one deck.gl map costs.

One Plotly scatter and one pydeck ScatterplotLayer (map_provider=None: no tiles), trivial data,
and one sidebar selectbox that changes the data (for the interaction benchmark).
Run from the repo root so the repo's .streamlit config applies:
`streamlit run benchmarks/floor_app.py`.
"""

from __future__ import annotations

import plotly.graph_objects as go
import pydeck as pdk
import streamlit as st

st.set_page_config(page_title="floor", layout="wide")
choice = st.sidebar.selectbox("Dataset", ["A", "B", "C"], key="floor_data")
k = {"A": 1, "B": 2, "C": 3}[choice]
xs = list(range(10))
ys = [k * x for x in xs]

st.title("Floor")
st.plotly_chart(go.Figure(go.Scatter(x=xs, y=ys, mode="markers")), key="floor_scatter")
points = [{"lon": x * 10.0 - 50, "lat": y % 60 - 30.0} for x, y in zip(xs, ys, strict=True)]
layer = pdk.Layer(
    "ScatterplotLayer",
    data=points,
    get_position="[lon, lat]",
    get_radius=200_000,
    get_fill_color=[106, 27, 77],
)
st.pydeck_chart(
    pdk.Deck(
        layers=[layer],
        initial_view_state=pdk.ViewState(latitude=0, longitude=0, zoom=0),
        map_provider=None,
    ),
    key="floor_map",
)
