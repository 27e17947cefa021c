"""House constants: names, colours per evidence level, sizes. No I/O, no logic.

Belongs here: values several modules must agree on (the same evidence level has the same
colour on the map, in charts and in tables). Does not belong here: anything derived from the
data or the descriptor (see `schema`), anything that draws.
"""

from __future__ import annotations

APP_NAME = "Pegasus Atlas"
APP_TAGLINE = "Sourced records of NSO Group's Pegasus spyware: who used it, against whom, and when"
LICENCE_CODE = "MIT"
LICENCE_DATA = "CC BY 4.0"

# Strength of a state's deployment evidence, strongest first. "location" = only infrastructure-scan
# rows (suspected infections located there; the operator is not identified).
DEPLOYMENT_LEVELS = ("confirmed", "likely", "possible", "location")
DEPLOYMENT_LEVEL_LABELS = {
    "confirmed": "Confirmed operator",
    "likely": "Likely operator",
    "possible": "Possible operator",
    "location": "Suspected infections located (operator unknown)",
}
DEPLOYMENT_LEVEL_SHORT = {
    "confirmed": "Confirmed",
    "likely": "Likely",
    "possible": "Possible",
    "location": "Location only",
}
# Sequential magma steps: ordered dark (strong) to light (weak); safe for colour-vision deficiency
# because the order is carried by lightness, not hue.
DEPLOYMENT_LEVEL_COLOURS = {
    "confirmed": "#3b0f70",
    "likely": "#8c2981",
    "possible": "#de4968",
    "location": "#fea16e",
}
NO_EVIDENCE_COLOUR = "#e9e6ec"
BORDER_COLOUR = "#ffffff"

# Target status, strongest evidence first; viridis steps, dark (strong) to light (weak).
TARGET_STATUSES = ("infected", "attempted", "notified", "listed")
TARGET_STATUS_COLOURS = {
    "infected": "#440154",
    "attempted": "#31688e",
    "notified": "#21918c",
    "listed": "#8fd744",
}

# Qualitative palette for event types (Okabe-Ito, plus two greys); lanes also separate them.
EVENT_TYPE_COLOURS = {
    "investigation": "#0072b2",
    "exploit_disclosure": "#d55e00",
    "patch": "#e69f00",
    "lawsuit": "#cc79a7",
    "ruling": "#882255",
    "policy": "#009e73",
    "government_admission": "#56b4e9",
    "parliamentary_inquiry": "#332288",
    "corporate": "#7f7f7f",
    "civil_society_action": "#b8a400",
}
# Event types annotated as milestones on the timeline.
MILESTONE_TYPES = ("exploit_disclosure", "ruling", "policy", "lawsuit")

ARC_COLOUR = (106, 27, 77)
MARKER_LINE_COLOUR = (31, 27, 36)

FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#1f1b24"
MUTED_COLOUR = "#5f5966"
GRID_COLOUR = "#e6e3e8"

# Figure sizes (px). Charts are laid out for a 1200 px page.
CHART_HEIGHT = 460
SMALL_CHART_HEIGHT = 320
MAP_HEIGHT = 560

# Year range the period filter offers when the data do not say otherwise.
FIRST_YEAR = 2010
