"""lmms-eval task `scenewright_vqa`: the questions of a Scenewright dataset's Hugging Face
layout (`generate --format hf`: <out>/hf), scored the way `scenewright score` scores them.

The dataset folder is `SCENEWRIGHT_HF` (the `hf` folder of a run). Each image row's `qa` list
becomes one document per question, with the id `score` uses (`<key>/qa/<k>`), so results can be
compared item by item. Accuracy is exact match after `normalization.normalize` on both sides;
the log also gives it by family and language.
"""

import hashlib
import os
import sys
import tempfile
from collections import defaultdict

from loguru import logger as eval_logger

from lmms_eval.api.task import ConfigurableTask

# lmms-eval loads this file by its path (`!function utils.x`), not as a package member.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from normalization import normalize  # noqa: E402


class ScenewrightVQATask(ConfigurableTask):
    """The task YAML's settings, with the dataset folder taken from SCENEWRIGHT_HF."""

    def __init__(self, config=None, **kwargs):
        config = dict(config or {})
        config.pop("class", None)
        folder = os.environ.get("SCENEWRIGHT_HF")
        if not folder or not os.path.isfile(os.path.join(folder, "train", "metadata.jsonl")):
            raise ValueError(
                "scenewright_vqa: set SCENEWRIGHT_HF to the hf folder of a Scenewright run "
                f"(generate --format hf writes <out>/hf/train/metadata.jsonl); got {folder!r}"
            )
        config["dataset_path"] = os.path.abspath(folder)
        # A cache of its own per dataset content: `datasets` may otherwise reuse the cache of
        # another local folder that also has the layout `train/*.png` + `metadata.jsonl`.
        with open(os.path.join(folder, "train", "metadata.jsonl"), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:16]
        cache = os.path.join(tempfile.gettempdir(), "scenewright-lmms-eval", digest)
        config["dataset_kwargs"] = {**(config.get("dataset_kwargs") or {}), "cache_dir": cache}
        super().__init__(config=config, **kwargs)


def process_docs(dataset):
    """One document per question: id, key, image, question, answer, family, lang, answer_type."""

    def flatten(batch):
        out = defaultdict(list)
        for key, image, qa in zip(batch["key"], batch["image"], batch["qa"]):
            for k, q in enumerate(qa):
                out["id"].append(f"{key}/qa/{k}")
                out["key"].append(key)
                out["image"].append(image)
                for field in ("question", "answer", "family", "lang", "answer_type"):
                    out[field].append(q[field])
        return dict(out)

    return dataset.map(flatten, batched=True, remove_columns=dataset.column_names)


def doc_to_visual(doc):
    return [doc["image"].convert("RGB")]


def doc_to_text(doc, lmms_eval_specific_kwargs=None):
    kwargs = lmms_eval_specific_kwargs or {}
    return kwargs.get("pre_prompt", "") + doc["question"] + kwargs.get("post_prompt", "")


def process_results(doc, results):
    prediction = results[0] if results else ""
    correct = normalize(prediction) == normalize(doc["answer"])
    item = {"id": doc["id"], "family": doc["family"], "lang": doc["lang"], "correct": correct}
    return {"accuracy": item}


def aggregate_accuracy(items):
    """Overall accuracy; the log lists it by family and by language, as `score.md` does."""
    if not items:
        return 0.0
    for dimension in ("family", "lang"):
        groups = defaultdict(lambda: [0, 0])
        for it in items:
            groups[it[dimension]][0] += it["correct"]
            groups[it[dimension]][1] += 1
        for value in sorted(groups):
            right, total = groups[value]
            eval_logger.info(f"scenewright_vqa {dimension} {value}: {right}/{total} = {right / total:.4f}")
    return sum(it["correct"] for it in items) / len(items)
