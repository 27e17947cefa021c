"""pyinstrument helpers: profile a call and render the top of the profile as plain text.

pyinstrument is optional (`.venv/bin/pip install pyinstrument`); without it the benchmarks
fall back to cProfile (cumulative time) so that a slow result always comes with evidence.
"""

from __future__ import annotations

import cProfile
import io
import pstats
from collections.abc import Callable


def render(session, tree_lines: int = 45, flat_lines: int = 22) -> str:
    from pyinstrument.renderers import ConsoleRenderer

    def text(**kw) -> list[str]:
        out = ConsoleRenderer(unicode=False, color=False, time="percent_of_total", **kw)
        lines = out.render(session).splitlines()
        heads = [i for i, ln in enumerate(lines) if ln.startswith("Profile at")]
        return lines[heads[0] + 1 :] if heads else lines

    flat_total = [ln for ln in text(flat=True, flat_time="total") if ln.strip()]
    flat_self = [ln for ln in text(flat=True, flat_time="self") if ln.strip()]
    tree = [ln for ln in text() if ln.strip()]
    return "\n".join(
        ["Top functions by total (inclusive) share of the profiled time:"]
        + flat_total[:flat_lines]
        + ["", "Top functions by self share:"]
        + flat_self[:flat_lines]
        + ["", "Call tree (top):"]
        + tree[:tree_lines]
    )


def profile(fn: Callable[[], object], repeat: int = 1) -> str:
    """Profile `fn()` called `repeat` times in this thread; return the top of the profile."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        pr = cProfile.Profile()
        pr.enable()
        for _ in range(repeat):
            fn()
        pr.disable()
        buf = io.StringIO()
        pstats.Stats(pr, stream=buf).sort_stats("cumulative").print_stats(30)
        return "(pyinstrument not installed; cProfile, cumulative)\n" + buf.getvalue()
    p = Profiler(interval=0.001)
    p.start()
    for _ in range(repeat):
        fn()
    p.stop()
    return render(p.last_session)
