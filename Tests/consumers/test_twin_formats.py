"""A run with counterfactual twins in every image-id format, read by the real readers: pycocotools
(COCO loading, COCOeval of the ground truth as detections), the VQA layout and accuracy, CLEVR's
own question engine, REFER's files; and `scenewright verify` over the whole folder.

The dataset comes from `scenewright generate --twins 2 --count 12 --seed 5 --shard-size 5
--format folder,coco,vqa,clevr,refcoco --out DIR`: 36 images, each anchor followed by its two
twins, with image ids `index * 3 + k + 1` (docs/TWINS.md, "Formats").
"""
import collections
import json

import pytest

from conftest import run
from test_clevr_engine import load_engine, said, substring_filters
from test_coco_vqa_clevr_hf import quiet, vqa_accuracy
from test_webdataset_refcoco import load_refer

COUNT, TWINS = 12, 2


@pytest.fixture(scope="module")
def twin_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("twins") / "out"
    r = run("generate", "--twins", str(TWINS), "--count", str(COUNT), "--seed", "5", "--shard-size", "5",
            "--format", "folder,coco,vqa,clevr,refcoco", "--out", str(out))
    assert r.returncode == 0, r.stderr
    records = [json.loads(line) for line in open(out / "samples.jsonl", encoding="utf-8")]
    assert len(records) == COUNT * (1 + TWINS)
    return out, records


def image_id(record):
    number = record["twin"]["number"] if record["twin"] else 0
    return record["index"] * (1 + TWINS) + number + 1


def test_verify_finds_no_defect(twin_run):
    out, _ = twin_run
    r = run("verify", str(out))
    assert r.returncode == 0, r.stdout + r.stderr


def test_coco_has_every_twin_as_its_own_image_linked_to_its_anchor(twin_run):
    COCO = pytest.importorskip("pycocotools.coco").COCO
    out, records = twin_run
    coco = quiet(COCO, str(out / "annotations" / "instances.json"))
    assert len(coco.imgs) == len(records)
    by_key = {r["key"]: r for r in records}
    for r in records:
        image = coco.imgs[image_id(r)]
        assert image["file_name"] == f"images/{r['key']}.png"
        assert (out / image["file_name"]).exists()
        anns = coco.loadAnns(coco.getAnnIds(imgIds=[image["id"]]))
        assert sorted(a["id"] % 1000 for a in anns) == sorted(o["id"] for o in r["objects"])
        if r["twin"] is None:
            assert image["twin"] is None
        else:
            link = image["twin"]
            anchor = by_key[link["anchor_key"]]
            assert link["anchor_id"] == image_id(anchor) and link["number"] == r["twin"]["number"]
            assert link["edit"] == r["twin"]["edit"]


def test_coco_ground_truth_as_detections_scores_ap_one(twin_run):
    pytest.importorskip("pycocotools")
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    out, _ = twin_run
    gt = quiet(COCO, str(out / "annotations" / "instances.json"))
    dets = [{"image_id": a["image_id"], "category_id": a["category_id"], "bbox": a["bbox"], "score": 1.0}
            for a in gt.dataset["annotations"]]
    ev = COCOeval(gt, quiet(gt.loadRes, dets), "bbox")
    quiet(ev.evaluate)
    quiet(ev.accumulate)
    quiet(ev.summarize)
    assert ev.stats[0] == pytest.approx(1.0)


def test_vqa_questions_of_each_twin_are_its_own(twin_run):
    out, records = twin_run
    for lang in ("en", "zh"):
        q = json.load(open(out / "vqa" / lang / "questions.json", encoding="utf-8"))["questions"]
        a = json.load(open(out / "vqa" / lang / "annotations.json", encoding="utf-8"))["annotations"]
        assert len({x["question_id"] for x in q}) == len(q) == len(a)
        per_image = collections.defaultdict(list)
        for x in a:
            per_image[x["image_id"]].append(x["multiple_choice_answer"])
            assert vqa_accuracy(x["multiple_choice_answer"], [y["answer"] for y in x["answers"]]) == 1.0
        for r in records:
            expected = [item["answer"] for item in r["qa"] if item["lang"] == lang]
            assert per_image[image_id(r)] == expected, r["key"]


def test_clevr_engine_answers_the_twins_questions(twin_run):
    engine = load_engine()
    out, records = twin_run
    scenes = json.load(open(out / "clevr" / "scenes.json"))["scenes"]
    questions = json.load(open(out / "clevr" / "questions.json"))["questions"]
    assert [s["image_index"] for s in scenes] == list(range(len(records)))
    by_index = {s["image_index"]: s for s in scenes}
    twins = 0
    for r in records:
        scene = by_index[image_id(r) - 1]
        assert scene["image_filename"] == r["key"] + ".png"
        assert len(scene["objects"]) == len(r["objects"])
        twins += scene["twin"] is not None
    assert twins == COUNT * TWINS
    ran = 0
    for q in questions:
        if {n["type"] for n in q["program"]} - engine.execute_handlers.keys():
            continue
        scene = by_index[q["image_index"]]
        if substring_filters(q, scene):
            continue
        nodes = [{"type": n["type"], "inputs": n["inputs"], "side_inputs": n["value_inputs"]} for n in q["program"]]
        assert said(engine.answer_question({"nodes": nodes}, None, scene, cache_outputs=False)) == q["answer"]
        ran += 1
    assert ran > len(questions) // 2


def test_refer_refs_point_at_each_twins_annotations(twin_run):
    out, records = twin_run
    refs, instances = load_refer(out)
    images = {i["id"]: i for i in instances["images"]}
    anns = {a["id"]: a for a in instances["annotations"]}
    assert len(images) == len(records)
    for r in records:
        image = images[image_id(r)]
        assert image["file_name"] == r["key"] + ".png"
        assert (image["twin"] is None) == (r["twin"] is None)
    seen = collections.Counter()
    for ref in refs:
        ann = anns[ref["ann_id"]]
        assert ann["image_id"] == ref["image_id"] in images
        seen[ref["image_id"]] += 1
    assert len(seen) > len(records) // 2
