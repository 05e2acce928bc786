"""The process ends cleanly while the protection is being built in the background.

A daemon thread still inside DuckDB when the interpreter finalises is cut off mid C++ and aborts the
process ("terminate called ... FATAL: exception not rethrown", exit code 134): a test run or a server
that passed everything would still end red. The engine waits for the cube being built and starts no
other (engine._finish_preparing).
"""
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

EXIT_WHILE_PREPARING = """
import sys, time
from steering_core import engine
from steering_core.store import Store
engine.prepare_protection_in_background(Store(sys.argv[1]))
time.sleep(float(sys.argv[2]))
print("leaving", flush=True)
"""


def test_the_process_exits_cleanly_while_the_protection_is_being_built(demo_path, tmp_path):
    copy = tmp_path / "demo.duckdb"
    copy.write_bytes(demo_path.read_bytes())
    for wait in ("0.2", "1.5"):
        done = subprocess.run([sys.executable, "-c", EXIT_WHILE_PREPARING, str(copy), wait], cwd=REPO,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        assert "leaving" in done.stdout and "FATAL" not in done.stderr and "terminate" not in done.stderr
