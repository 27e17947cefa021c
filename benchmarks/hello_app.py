"""The least any Streamlit page costs: `st.write("hello")`.

Run from the repo root so the repo's .streamlit config applies:
`streamlit run benchmarks/hello_app.py`.
"""

import streamlit as st

st.write("hello")
