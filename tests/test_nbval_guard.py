"""The guarantee of the foundation issue: changing one score of the running example makes `make test` fail.

nbval re-executes the committed notebooks and compares every text output; this test changes the cat image's cat
score (3.2 -> 3.3) in a copy of lossfns, runs nbval on chapter 1 against that copy, and expects a failure. A control
run on the unchanged copy must pass, so the failure is the changed number's doing. If someone switched nbval to a
mode that compares nothing (e.g. --nbval-lax without tags), this test fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "book" / "01_what_is_a_loss.ipynb"


def run_nbval(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(package_parent))  # the kernel imports lossfns from here first
    cmd = [sys.executable, "-m", "pytest", "--nbval", "--nbval-sanitize-with", str(ROOT / "tests/nbval_sanitize.cfg"),
           "-p", "no:cacheprovider", "-o", "addopts=", "-q", str(CHAPTER)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def copy_package(dest: Path) -> Path:
    shutil.copytree(ROOT / "lossfns", dest / "lossfns", ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "lossfns" / "example.py"


def test_unchanged_example_passes_nbval(tmp_path):
    copy_package(tmp_path)
    result = run_nbval(tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]


def test_one_changed_score_fails_nbval(tmp_path):
    example = copy_package(tmp_path)
    text = example.read_text(encoding="utf-8")
    row = "[3.2, 5.1, -1.7],  # cat image"
    assert row in text, "the cat image's row moved; update this test"
    example.write_text(text.replace(row, "[3.3, 5.1, -1.7],  # cat image"), encoding="utf-8")
    result = run_nbval(tmp_path)
    assert result.returncode != 0
    assert "3.30" in result.stdout  # the changed score shows up in nbval's diff of the score table
