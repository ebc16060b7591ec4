"""`scenewright stream` read the way training jobs read it: webdataset's `pipe:` URLs and a
PyTorch IterableDataset, each running the snippet docs/FORMATS.md gives, unchanged."""
import json
import os
import pathlib
import re

import pytest

from conftest import BIN, ROOT, run

DOCS = ROOT / "docs" / "FORMATS.md"


def snippet(name):
    """The fenced block after `<!-- snippet: name -->` in docs/FORMATS.md."""
    text = DOCS.read_text()
    match = re.search(r"<!-- snippet: " + re.escape(name) + r" -->\s*```python\n(.*?)```", text, re.S)
    assert match, f"no snippet {name} in {DOCS}"
    return match.group(1)


@pytest.fixture
def on_path(monkeypatch):
    """`scenewright` on PATH (the snippets name the command), and its assets."""
    monkeypatch.setenv("PATH", str(pathlib.Path(BIN).parent) + os.pathsep + os.environ["PATH"])
    monkeypatch.setenv("SCENEWRIGHT_HOME", str(ROOT))


def test_webdataset_reads_a_pipe_url(on_path):
    pytest.importorskip("webdataset")
    exec(compile(snippet("stream-webdataset"), "docs/FORMATS.md:stream-webdataset", "exec"), {})


def test_every_streamed_key_is_the_generated_sample(on_path, tmp_path):
    wds = pytest.importorskip("webdataset")
    out = tmp_path / "run"
    r = run("generate", "--seed", "3", "--count", "16", "--shard-size", "8", "--out", str(out))
    assert r.returncode == 0, r.stderr
    streamed = wds.WebDataset(
        "pipe:scenewright stream --seed 3 --shard-size 8 --shard-index {0..1}", shardshuffle=False)
    written = wds.WebDataset(
        str(out / "train" / "scenewright-{000000..000001}.tar"), shardshuffle=False)
    pairs = list(zip(streamed, written, strict=True))
    assert len(pairs) == 16
    for s, w in pairs:
        assert s["__key__"] == w["__key__"]
        for field in ("json", "png", "txt"):
            assert s[field] == w[field], (s["__key__"], field)
        record = json.loads(s["json"])
        assert s["txt"].decode() == record["captions"]["en"]["short"]


def test_an_iterable_dataset_with_several_workers(on_path):
    pytest.importorskip("torch", reason="PyTorch is not installed (too heavy for CI); the snippet was run by hand")
    exec(compile(snippet("stream-iterable"), "docs/FORMATS.md:stream-iterable", "exec"), {"__name__": "snippet"})
