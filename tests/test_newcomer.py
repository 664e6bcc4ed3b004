"""The newcomer's path (issue 10): the README's two commands work on a fresh
machine (with or without apt-get), it says where the app is served, which Python
and which settings; browser tests skip with a reason when Chromium is missing;
benchmarks leave tracked files alone unless asked."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def top_commands() -> list[str]:
    """The two indented commands at the top of the README."""
    return re.findall(r"^    (\S.*)$", README.split("\n\n", 2)[1], re.M)


def test_the_top_commands_are_the_run_and_the_test_command():
    run, test = top_commands()
    assert run == "pip install -r requirements.txt && streamlit run dashboard.py"
    assert test.endswith("pip install -r requirements-dev.txt && python -m pytest")


def test_the_test_command_goes_on_where_apt_get_is_missing(tmp_path):
    _, test = top_commands()
    chromium_step = test.split(" && pip install", 1)[0]
    done = subprocess.run(["/bin/sh", "-c", f"{chromium_step} && echo went-on"], capture_output=True, text=True,
                          env={"PATH": str(tmp_path)}, timeout=30)  # no apt-get on this PATH
    assert done.returncode == 0 and "went-on" in done.stdout


def test_the_readme_says_python_and_where_the_app_is_served():
    intro = README.split("\n\n", 3)[2]
    assert "virtual environment with Python 3.11 or newer" in intro
    assert "serves it at\n**http://localhost:8501**" in intro or "**http://localhost:8501**" in intro
    assert "nothing opens" in intro


def test_every_setting_the_code_reads_is_listed_with_the_cache_location():
    read = {name for path in [*ROOT.glob("idm_data/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("tests/**/*.py")]
            for name in re.findall(r"IDM_ATLAS_[A-Z_]+", path.read_text(encoding="utf-8"))}
    listed = set(re.findall(r"^\| `(IDM_ATLAS_[A-Z_]+)` \|", README, re.M))
    assert read - {"IDM_ATLAS_"} <= listed
    assert "`~/.cache/idm-atlas/`" in README


@pytest.mark.slow  # a second pytest process
def test_browser_tests_skip_with_a_reason_when_chromium_is_missing(tmp_path):
    env = {**os.environ, "IDM_ATLAS_CHROMIUM": str(tmp_path / "no-chromium")}
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/browser", "-m", "browser", "-rs", "-q",
                           "-k", "deep_link"], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert "no-chromium is absent: install Debian's Chromium" in done.stdout


@pytest.mark.slow  # a second pytest process
def test_tests_of_one_xdist_group_share_a_worker(tmp_path):
    """The browser tests rely on it to start their servers once (pytest 9.2 broke it with xdist 3.8)."""
    (tmp_path / "test_grouped.py").write_text(
        "import os, pathlib, pytest\n"
        "def note(name): pathlib.Path(name + '.worker').write_text(os.environ['PYTEST_XDIST_WORKER'])\n"
        "@pytest.mark.xdist_group('g')\n"
        "def test_a(): note('a')\n"
        "@pytest.mark.xdist_group('g')\n"
        "def test_b(): note('b')\n"
        + "".join(f"def test_other_{i}(): pass\n" for i in range(6)))
    done = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q",
                           "-p", "no:cacheprovider", "-c", os.devnull, str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / "a.worker").read_text() == (tmp_path / "b.worker").read_text()


@pytest.mark.parametrize("argv, writes", [([], False), (["--write-readme"], True)])
def test_the_scale_benchmark_rewrites_its_readme_only_when_asked(monkeypatch, argv, writes):
    from benchmarks import scale

    written = []
    monkeypatch.setattr(scale, "warm_up", lambda: None)
    monkeypatch.setattr(scale, "run_size", lambda *args: {"n": args[0]})
    monkeypatch.setattr(scale, "report", lambda *args: "a report")
    monkeypatch.setattr(scale, "write_readme", written.append)
    monkeypatch.setattr(sys, "argv", ["scale", "--sizes", "10", "--cap-check", "0", *argv])
    scale.main()
    assert written == (["a report"] if writes else [])
