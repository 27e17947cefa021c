"""House constants that are not about the data: names, licences, neutral colours, sizes.

Belongs here: values several modules must agree on and that no data file declares. Does not
belong here: anything about a vocabulary (codes, order, labels, colours: see the descriptor,
`data/datapackage.yaml`), anything that draws or reads files.
"""

from __future__ import annotations

APP_NAME = "Pegasus Atlas"
LICENCE_CODE = "MIT"
LICENCE_DATA = "CC BY 4.0"

NO_EVIDENCE_COLOUR = "#e9e6ec"  # land with nothing in the view
BORDER_COLOUR = "#ffffff"
ARC_COLOUR = (106, 27, 77)
MARKER_LINE_COLOUR = (31, 27, 36)

FONT_FAMILY = (
    '"Source Sans 3", "Source Sans", "Noto Sans Arabic", "Helvetica Neue", Arial, sans-serif'
)
TEXT_COLOUR = "#1f1b24"
MUTED_COLOUR = "#4f4a55"  # 7.9:1 on white, 7.3:1 on the sidebar grey (WCAG AA and AAA)
GRID_COLOUR = "#e6e3e8"

# Figure sizes (CSS px).
CHART_HEIGHT = 460
SMALL_CHART_HEIGHT = 320
MAP_HEIGHT = 560
