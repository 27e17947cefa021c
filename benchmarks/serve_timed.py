"""`streamlit run` with every script run timed: a launcher for the interaction benchmark.

Same as `python -m streamlit run <app>`, but each ScriptRunner._run_script call appends one JSON
line to $BENCH_RUN_LOG: wall-clock start (epoch s), wall ms and the script thread's CPU ms. The
app itself is untouched; this only wraps Streamlit's runner in this process.
Usage: `BENCH_RUN_LOG=/tmp/runs.jsonl python benchmarks/serve_timed.py dashboard/app.py`.
"""

from __future__ import annotations

import json
import os
import sys
import time

from streamlit.runtime.scriptrunner import script_runner

LOG = os.environ.get("BENCH_RUN_LOG", "")
_original = script_runner.ScriptRunner._run_script


def _timed(self, rerun_data):
    start, t0, c0 = time.time(), time.perf_counter(), time.thread_time()
    try:
        return _original(self, rerun_data)
    finally:
        if LOG:
            line = {
                "start": start,
                "wall_ms": (time.perf_counter() - t0) * 1000,
                "cpu_ms": (time.thread_time() - c0) * 1000,
            }
            with open(LOG, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")


script_runner.ScriptRunner._run_script = _timed

if __name__ == "__main__":
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *sys.argv[1:]]
    sys.exit(cli.main())
