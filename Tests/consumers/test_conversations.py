"""Conversations read by the tools they are for: LLaVA's training data loader (its
LazySupervisedDataset, re-stated from what haotian-liu/LLaVA's llava/train/train.py requires of a
data file, not copied) and Hugging Face `datasets` with the chat layout TRL's vision SFT reads."""
import json
import os
import pathlib
import tarfile

import pytest
from PIL import Image

from conftest import ROOT, run

IMAGE_TOKEN = "<image>"  # LLaVA's DEFAULT_IMAGE_TOKEN


@pytest.fixture(scope="module")
def chat(tmp_path_factory):
    base = tmp_path_factory.mktemp("chat")
    plan = (ROOT / "scenes" / "shapes.yaml").read_text(encoding="utf-8")
    plan = plan.replace("name: shapes", "name: shapes-chat")
    plan += "\nconversations: {count: 2, turns: 4, reasoning: steps, false_premise_rate: 0.1}\n"
    (base / "chat.yaml").write_text(plan, encoding="utf-8")
    out = base / "out"
    r = run("generate", "--plan", str(base / "chat.yaml"), "--count", "24", "--seed", "9",
            "--format", "webdataset,folder,llava,messages,hf", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


class LLaVAStyleDataset:
    """What LLaVA's LazySupervisedDataset does with a data file before tokenizing: json.load the
    list; per item, open os.path.join(image_folder, item["image"]) as RGB when "image" is present;
    move the image token to the front of the sentence holding it (preprocess_multimodal); map
    "from" through {"human": role 0, "gpt": role 1}, skip a first turn not from human, and require
    roles to alternate (preprocess_v1's assertion)."""

    def __init__(self, data_path, image_folder):
        with open(data_path, "r") as f:
            self.items = json.load(f)
        self.image_folder = image_folder

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        item = self.items[i]
        image = Image.open(os.path.join(self.image_folder, item["image"])).convert("RGB")
        sentences = [dict(s) for s in item["conversations"]]
        for s in sentences:
            if IMAGE_TOKEN in s["value"]:
                s["value"] = (IMAGE_TOKEN + "\n" + s["value"].replace(IMAGE_TOKEN, "").strip()).strip()
        roles = {"human": 0, "gpt": 1}
        if roles[sentences[0]["from"]] != 0:
            sentences = sentences[1:]
        for j, s in enumerate(sentences):
            assert roles[s["from"]] == j % 2, (i, j)
        # LLaVA's length estimate (its `lengths` property) reads every value.
        length = sum(len(s["value"].split()) for s in item["conversations"]) + 128
        return image, sentences, length


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_llava_file_reads_as_llava_reads_it(chat, lang):
    ds = LLaVAStyleDataset(chat / "llava" / f"{lang}.json", str(chat))
    assert len(ds) >= 24
    ids = set()
    for i in range(len(ds)):
        item = ds.items[i]
        assert set(item) == {"id", "image", "conversations"}
        assert item["id"] not in ids
        ids.add(item["id"])
        # every image path resolves under the documented image folder (the output folder)
        assert (chat / item["image"]).is_file()
        values = [s["value"] for s in item["conversations"]]
        assert values[0].startswith(IMAGE_TOKEN + "\n")
        assert sum(v.count(IMAGE_TOKEN) for v in values) == 1
        image, sentences, length = ds[i]
        assert image.size == (256, 256)
        assert sentences[0]["value"] == values[0]  # already in the form LLaVA normalises to
        assert len(sentences) % 2 == 0 and length > 128


def test_llava_conversations_are_the_records(chat):
    records = [json.loads(l) for l in (chat / "samples.jsonl").read_text(encoding="utf-8").splitlines()]
    items = json.loads((chat / "llava" / "en.json").read_text(encoding="utf-8"))
    expected = []
    for r in records:
        for c in [c for c in r["conversations"] if c["lang"] == "en" and c["turns"]]:
            expected.append((f"images/{r['key']}.png", c["turns"]))
    assert len(items) == len(expected)
    for item, (image, turns) in zip(items, expected):
        assert item["image"] == image
        pairs = [(a["value"], b["value"]) for a, b in zip(item["conversations"][::2], item["conversations"][1::2])]
        assert pairs[0][0] == IMAGE_TOKEN + "\n" + turns[0]["question"]
        assert [p[1] for p in pairs] == [t["answer"] for t in turns]


def test_datasets_loads_messages_with_their_images(chat):
    datasets = pytest.importorskip("datasets")
    # A cache of this run's own: pytest reuses temporary paths across sessions, and a cache
    # keyed by an old dataset's path would answer for the new one.
    ds = datasets.load_dataset("json", data_files=str(chat / "messages" / "zh.jsonl"), split="train",
                               cache_dir=str(chat.parent / "hf-cache"))
    assert set(ds.column_names) == {"id", "images", "messages"}
    ds = ds.map(lambda r: {"images": [os.path.join(str(chat), p) for p in r["images"]]})
    ds = ds.cast_column("images", datasets.Sequence(datasets.Image()))
    assert len(ds) >= 24
    for row in ds:
        assert len(row["images"]) == 1 and row["images"][0].size == (256, 256)
        messages = row["messages"]
        assert [m["role"] for m in messages] == ["user", "assistant"] * (len(messages) // 2)
        first = [p["type"] for p in messages[0]["content"]]
        assert first == ["image", "text"]
        for m in messages[1:]:
            assert [p["type"] for p in m["content"]] == ["text"]
            assert m["content"][0]["text"]


def test_hf_layout_and_shards_carry_the_conversations(chat):
    datasets = pytest.importorskip("datasets")
    records = {json.loads(l)["key"]: json.loads(l) for l in (chat / "samples.jsonl").read_text(encoding="utf-8").splitlines()}
    # hf/ as a Hub repository: its card declares the conversations column.
    ds = datasets.load_dataset(str(chat / "hf"), split="train", cache_dir=str(chat.parent / "hf-cache"))
    assert "conversations" in ds.column_names
    for row in ds:
        expected = records[row["key"]]["conversations"]
        assert [c["lang"] for c in row["conversations"]] == [c["lang"] for c in expected]
        for c, e in zip(row["conversations"], expected):
            assert [m["content"] for m in c["messages"]] == [x for t in e["turns"] for x in (t["question"], t["answer"])]
            assert [m["role"] for m in c["messages"]] == ["user", "assistant"] * len(e["turns"])
    # the WebDataset shards hold the records themselves, conversations included
    seen = 0
    for shard in sorted((chat / "train").glob("*.tar")):
        with tarfile.open(shard) as tar:
            for member in tar:
                if member.name.endswith(".json"):
                    record = json.load(tar.extractfile(member))
                    assert record["conversations"] == records[record["key"]]["conversations"]
                    seen += 1
    assert seen == len(records)
