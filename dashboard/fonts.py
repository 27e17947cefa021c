"""The fonts the atlas ships (`dashboard/static/fonts/`), made visible to the server-side image
export without installing anything system-wide.

Belongs here: `use_project_fonts()`, which writes a fontconfig file that adds the project's font
folder to the system's configuration and points `FONTCONFIG_FILE` at it before Chromium starts
(kaleido's browser inherits the environment). Does not belong here: Streamlit, plotly.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "static" / "fonts"
FAMILIES = ("Source Sans 3", "Noto Sans Arabic")
CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""


def use_project_fonts() -> Path:
    """Write the fontconfig file (once per process) and export FONTCONFIG_FILE; returns it."""
    current = os.environ.get("FONTCONFIG_FILE")
    if current and Path(current).name == "pegasus-atlas-fonts.conf" and Path(current).exists():
        return Path(current)
    base = Path(tempfile.gettempdir()) / "pegasus-atlas-fonts"
    base.mkdir(parents=True, exist_ok=True)
    conf = base / "pegasus-atlas-fonts.conf"
    conf.write_text(CONF.format(fonts=FONT_DIR, cache=base / "cache"), encoding="utf-8")
    os.environ["FONTCONFIG_FILE"] = str(conf)
    return conf
