"""The Streamlit layer, cut by job: `data` (cached access to the pure core), `state` (the
sidebar, the URL and the typed `Context` every page reads), `share` (downloads, embeds,
citations) and `frame` (styles, notices, the top sentence, the footer). Pages in `views/` import
from here and from the pure core only."""
