"""A hostile corpus (tests/hostile/make_corpus.py), each file imported in a child process.

Asserts for every file: the importing process survives, every problem is a Danish text of
the product (never an internal error or a traceback), a refused file leaves every table's
rows and checksum unchanged, and no report holds a formula the upload brought.
"""
import json
import os
import subprocess
import sys

from steering_core.texts import has
from tests.conftest import REPO
from tests.hostile.make_corpus import cpr_digits, write_corpus

WORKERS = 2


def run_corpus(tmp_path) -> dict[str, dict]:
    corpus = write_corpus(tmp_path / "corpus")
    groups = [corpus[i::WORKERS] for i in range(WORKERS)]
    env = {**os.environ, "PYTHONPATH": str(REPO), "STEERING_LANG": "da"}
    workers = [subprocess.Popen([sys.executable, "-m", "tests.hostile.worker", str(tmp_path / f"db{i}.duckdb"),
                                 *(str(path) for path, _ in group)], cwd=REPO, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for i, group in enumerate(groups)]
    results: dict[str, dict] = {}
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        started = [line["start"] for line in lines if "start" in line]
        assert worker.returncode == 0, f"the importing process died at {started[-1:]}: {err[-2000:]}"
        results.update({line["name"]: line for line in lines if "name" in line})
    return {case.name: (case, results.get(case.name)) for _, case in corpus}


def test_hostile_corpus(tmp_path):
    outcomes = run_corpus(tmp_path)
    six, four = cpr_digits()
    assert len(outcomes) >= 45
    for name, (case, result) in outcomes.items():
        assert result is not None, name
        codes = [code for _, code, *_ in result["problems"]]
        messages = " ".join(message for _, _, message, *_ in result["problems"])
        shown = " ".join(" ".join(p[2:]) for p in result["problems"])   # messages, files and sheets
        assert all(has(code) for code in codes), (name, codes)
        assert "upload.err.internal" not in codes and "Traceback" not in messages, (name, messages)
        assert set(case.codes) <= set(codes), (name, codes)
        assert six + four not in shown.replace("-", "").replace(" ", ""), name
        assert result["report_formulas"] == 0, name
        if case.expect == "refused" or not result["stored"]:
            assert not result["stored"] and result["unchanged"], (name, codes)
            assert any(severity == "fejl" for severity, *_ in result["problems"]), name
        if case.expect == "stored":
            assert result["stored"], (name, messages)
