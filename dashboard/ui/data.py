"""Streamlit's access to the pure core: the process-wide `Atlas` of the data directory in use.

Belongs here: `atlas()`. Everything derived (views, figures, maps, the package ZIP) is cached
inside `Atlas` itself, per data directory, and shared with the HTTP routes. A data error is
raised on every run until the data is fixed (it is not cached). Does not belong here: widgets.
"""

from __future__ import annotations

from dashboard.atlas import Atlas, data_dir_from_env
from dashboard.atlas import atlas as core_atlas


def atlas() -> Atlas:
    """The validated atlas (raises `DataError` when the data breaks a rule)."""
    return core_atlas(data_dir_from_env())
