"""Shared fixtures: run the real `scenewright` binary into a temporary folder."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("SCENEWRIGHT_BIN", str(ROOT / ".build" / "debug" / "scenewright"))


def run(*args, cwd=None):
    return subprocess.run([BIN, *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "SCENEWRIGHT_HOME": str(ROOT)})


@pytest.fixture(scope="session")
def dataset(tmp_path_factory):
    out = tmp_path_factory.mktemp("ds") / "out"
    r = run("generate", "--format", "folder", "--count", "60", "--seed", "7", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out
