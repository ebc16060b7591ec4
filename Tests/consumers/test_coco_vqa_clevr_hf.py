"""The coco, vqa, clevr, hf and grounding formats read by the tools people use on them:
pycocotools (loading, RLE decoding, COCOeval), the official VQA accuracy, CLEVR's layout and
Hugging Face `datasets`.

The dataset comes from `scenewright generate --format webdataset,coco,vqa,clevr,hf,grounding
--count 40 --seed 3 --shard-size 16 --out DIR`, run with $SCENEWRIGHT_BIN. Set $SCENEWRIGHT_FORMATS_DIR (and
$SCENEWRIGHT_FORMATS_COUNT) to test an already generated folder instead.
"""
import contextlib
import io
import itertools
import json
import os
import pathlib
import re

import pytest

from conftest import run

np = pytest.importorskip("numpy")

# The sample count of the folder under test (5 for a folder dumped by the Swift tests).
COUNT = int(os.environ.get("SCENEWRIGHT_FORMATS_COUNT", "40"))


@pytest.fixture(scope="session")
def formats_dataset(tmp_path_factory):
    given = os.environ.get("SCENEWRIGHT_FORMATS_DIR")
    if given:
        return pathlib.Path(given)
    out = tmp_path_factory.mktemp("formats") / "out"
    r = run("generate", "--format", "webdataset,coco,vqa,clevr,hf,grounding", "--count", str(COUNT), "--seed", "3",
            "--shard-size", "16",
            "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def quiet(fn, *args):
    """pycocotools prints progress; keep test output readable."""
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(*args)


def assert_sorted_keys(path):
    text = pathlib.Path(path).read_text(encoding="utf-8").rstrip("\n")
    obj = json.loads(text)
    assert text == json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ---- COCO -------------------------------------------------------------------------------------

def test_coco_files_load_in_pycocotools(formats_dataset):
    COCO = pytest.importorskip("pycocotools.coco").COCO
    inst = quiet(COCO, str(formats_dataset / "annotations" / "instances.json"))
    caps = quiet(COCO, str(formats_dataset / "annotations" / "captions.json"))
    ids = sorted(inst.getImgIds())
    assert ids == sorted(caps.getImgIds())
    assert len(ids) == len(set(ids))
    for img in inst.loadImgs(ids):
        assert (formats_dataset / img["file_name"]).is_file()
        for ann in inst.loadAnns(inst.getAnnIds(imgIds=[img["id"]])):
            assert ann["id"] // 1000 == img["id"]
    for img_id in ids:
        assert len(caps.getAnnIds(imgIds=[img_id])) == 2
    cats = inst.loadCats(inst.getCatIds())
    assert [c["id"] for c in cats] == list(range(1, len(cats) + 1))
    assert all(c["supercategory"] == "shape" for c in cats)
    assert_sorted_keys(formats_dataset / "annotations" / "instances.json")
    assert_sorted_keys(formats_dataset / "annotations" / "captions.json")


def test_every_rle_decodes_to_its_area_and_bbox(formats_dataset):
    mask_utils = pytest.importorskip("pycocotools.mask")
    data = load(formats_dataset / "annotations" / "instances.json")
    sizes = {img["id"]: (img["height"], img["width"]) for img in data["images"]}
    assert data["annotations"]
    for ann in data["annotations"]:
        seg = ann["segmentation"]
        assert tuple(seg["size"]) == sizes[ann["image_id"]]
        m = mask_utils.decode({"size": seg["size"], "counts": seg["counts"].encode("ascii")})
        assert int(m.sum()) == ann["area"], ann["id"]
        ys, xs = np.nonzero(m)
        box = [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)]
        assert box == ann["bbox"], ann["id"]
        assert ann["iscrowd"] == 0


@pytest.mark.parametrize("iou_type", ["bbox", "segm"])
def test_ground_truth_as_detections_scores_ap_one(formats_dataset, iou_type):
    COCO = pytest.importorskip("pycocotools.coco").COCO
    COCOeval = pytest.importorskip("pycocotools.cocoeval").COCOeval
    gt = quiet(COCO, str(formats_dataset / "annotations" / "instances.json"))
    dets = []
    for ann in gt.dataset["annotations"]:
        d = {"image_id": ann["image_id"], "category_id": ann["category_id"], "score": 1.0}
        if iou_type == "bbox":
            d["bbox"] = ann["bbox"]
        else:
            d["segmentation"] = ann["segmentation"]
        dets.append(d)
    res = quiet(gt.loadRes, dets)
    ev = COCOeval(gt, res, iou_type)
    quiet(ev.evaluate)
    quiet(ev.accumulate)
    quiet(ev.summarize)
    assert ev.stats[0] == pytest.approx(1.0)  # AP @ IoU 0.50:0.95, all areas
    assert ev.stats[1] == pytest.approx(1.0)  # AP @ IoU 0.50


# ---- VQA --------------------------------------------------------------------------------------

# The official evaluation's answer normalisation (GT-Vision-Lab/VQA vqaEval.py), re-implemented.
CONTRACTIONS = {"dont": "don't", "doesnt": "doesn't", "isnt": "isn't", "arent": "aren't", "cant": "can't",
                "wont": "won't", "whats": "what's", "thats": "that's", "theres": "there's"}
MANUAL_MAP = {"none": "0", "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
              "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10"}
ARTICLES = {"a", "an", "the"}
PERIOD_STRIP = re.compile(r"(?!<=\d)(\.)(?!\d)")
COMMA_STRIP = re.compile(r"(\d)(,)(\d)")
PUNCT = [";", r"/", "[", "]", '"', "{", "}", "(", ")", "=", "+", "\\", "_", "-", ">", "<", "@", "`", ",", "?", "!"]


def process_punctuation(text):
    out = text
    for p in PUNCT:
        if (p + " " in text or " " + p in text) or (re.search(COMMA_STRIP, text) is not None):
            out = out.replace(p, "")
        else:
            out = out.replace(p, " ")
    return PERIOD_STRIP.sub("", out, re.UNICODE)


def process_digit_article(text):
    words = []
    for word in text.lower().split():
        word = MANUAL_MAP.setdefault(word, word)
        if word not in ARTICLES:
            words.append(word)
    return " ".join(CONTRACTIONS.get(w, w) for w in words)


def vqa_accuracy(result, gt_answers):
    res = process_digit_article(process_punctuation(result.replace("\n", " ").replace("\t", " ").strip()))
    answers = list(gt_answers)
    if len(set(answers)) > 1:
        answers = [process_punctuation(a) for a in answers]
    accs = []
    for i in range(len(answers)):  # each 9-of-10 subset
        others = answers[:i] + answers[i + 1:]
        accs.append(min(1.0, sum(1 for a in others if a == res) / 3.0))
    return sum(accs) / len(accs)


def vqa_languages(root):
    return sorted(p.name for p in (root / "vqa").iterdir() if p.is_dir())


def test_vqa_files_have_the_official_layout(formats_dataset):
    langs = vqa_languages(formats_dataset)
    assert "en" in langs
    for lang in langs:
        q = load(formats_dataset / "vqa" / lang / "questions.json")
        a = load(formats_dataset / "vqa" / lang / "annotations.json")
        assert q["task_type"] == "Open-Ended" and q["data_type"] == "scenewright" and q["data_subtype"] == "train"
        for key in ("info", "license"):
            assert key in q and key in a
        qids = [x["question_id"] for x in q["questions"]]
        assert len(qids) == len(set(qids)) and qids
        by_id = {x["question_id"]: x for x in a["annotations"]}
        assert sorted(by_id) == sorted(qids)
        for x in q["questions"]:
            ann = by_id[x["question_id"]]
            assert ann["image_id"] == x["image_id"] == x["question_id"] // 1000
            assert ann["answer_type"] in ("yes/no", "number", "other")
            assert [y["answer_id"] for y in ann["answers"]] == list(range(1, 11))
            assert all(y["answer_confidence"] == "yes" for y in ann["answers"])
        assert_sorted_keys(formats_dataset / "vqa" / lang / "questions.json")
        assert_sorted_keys(formats_dataset / "vqa" / lang / "annotations.json")


def test_ground_truth_as_results_scores_vqa_accuracy_one(formats_dataset):
    for lang in vqa_languages(formats_dataset):
        a = load(formats_dataset / "vqa" / lang / "annotations.json")
        results = {ann["question_id"]: ann["multiple_choice_answer"] for ann in a["annotations"]}
        accs = [vqa_accuracy(results[ann["question_id"]], [x["answer"] for x in ann["answers"]])
                for ann in a["annotations"]]
        assert accs and sum(accs) / len(accs) == pytest.approx(1.0), lang


def test_vqa_accuracy_reimplementation_matches_the_official_scale():
    # 10 identical answers: a match scores 1, a miss 0; 2 of 10 humans agreeing scores 0.6.
    assert vqa_accuracy("2", ["2"] * 10) == 1.0
    assert vqa_accuracy("two", ["2"] * 10) == 1.0
    assert vqa_accuracy("3", ["2"] * 10) == 0.0
    assert vqa_accuracy("red", ["red"] * 2 + ["blue"] * 8) == pytest.approx(0.6)


# ---- CLEVR ------------------------------------------------------------------------------------

def test_clevr_scenes_and_questions_load(formats_dataset):
    scenes = load(formats_dataset / "clevr" / "scenes.json")
    questions = load(formats_dataset / "clevr" / "questions.json")
    by_index = {s["image_index"]: s for s in scenes["scenes"]}
    assert len(by_index) == len(scenes["scenes"]) == COUNT
    for s in scenes["scenes"]:
        n = len(s["objects"])
        for o in s["objects"]:
            for key in ("shape", "color", "size", "material", "rotation", "pixel_coords"):
                assert key in o
            assert len(o["pixel_coords"]) == 3
        for rel in ("left", "right", "front", "behind"):
            assert len(s["relationships"][rel]) == n
            assert all(0 <= j < n for row in s["relationships"][rel] for j in row)
        # Every pair is decided: exactly one of left/right holds.
        for i, j in itertools.permutations(range(n), 2):
            assert (j in s["relationships"]["left"][i]) != (j in s["relationships"]["right"][i])
    assert questions["questions"]
    ids = [q["question_index"] for q in questions["questions"]]
    assert len(ids) == len(set(ids))
    for q in questions["questions"]:
        scene = by_index[q["image_index"]]
        assert scene["image_filename"] == q["image_filename"]
        for i, node in enumerate(q["program"]):
            assert node["function"] == node["type"]
            assert all(k < i for k in node["inputs"])
            assert isinstance(node["value_inputs"], list)


# ---- Hugging Face -----------------------------------------------------------------------------

def test_imagefolder_loads_with_identical_features(formats_dataset):
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("imagefolder", data_dir=str(formats_dataset / "hf" / "train"), split="train")
    assert len(ds) == COUNT
    names = set(ds.column_names)
    for col in ("image", "key", "index", "captions", "qa", "refs", "objects"):
        assert col in names
    rows = ds.to_list() if hasattr(ds, "to_list") else [ds[i] for i in range(len(ds))]
    first = set(rows[0].keys())
    for row in rows:
        assert set(row.keys()) == first
        assert set(row["captions"].keys()) == set(rows[0]["captions"].keys())


def test_card_features_match_what_datasets_infers(formats_dataset):
    datasets = pytest.importorskip("datasets")
    yaml = pytest.importorskip("yaml")
    card = (formats_dataset / "hf" / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n")
    front = yaml.safe_load(card.split("---\n")[1])
    assert front["license"] == "cc-by-4.0"
    assert front["size_categories"] == ["n<1K"]
    declared = datasets.Features._from_yaml_list(front["dataset_info"]["features"])
    ds = datasets.load_dataset("imagefolder", data_dir=str(formats_dataset / "hf" / "train"), split="train")
    assert declared == ds.features
    # Loading hf/ as a Hub repo uses its card's config and declared features.
    again = datasets.load_dataset(str(formats_dataset / "hf"), split="train")
    assert len(again) == COUNT and again.features == declared


def test_top_level_card_loads_the_shards(formats_dataset):
    """The output folder itself is a dataset repository whose card points at the shards."""
    datasets = pytest.importorskip("datasets")
    yaml = pytest.importorskip("yaml")
    card = (formats_dataset / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(card.split("---\n")[1])
    assert front["configs"][0]["data_files"][0]["path"] == "train/*.tar"
    assert "| samples | %d |" % COUNT in card
    shards = datasets.load_dataset(str(formats_dataset), split="train")
    assert len(shards) == COUNT
    hf = datasets.load_dataset(str(formats_dataset / "hf"), split="train")
    assert sorted(shards["__key__"]) == sorted(hf["key"])


# ---- Grounding --------------------------------------------------------------------------------

def test_grounding_lines_have_one_schema_per_file(formats_dataset):
    for style in ("qwen", "kosmos2", "shikra", "paligemma"):
        for suffix, keys in (("", ["bbox", "image", "key", "lang", "object", "text"]),
                             ("-captions", ["bboxes", "image", "key", "lang", "objects", "text"])):
            path = formats_dataset / "grounding" / f"{style}{suffix}.jsonl"
            lines = path.read_text(encoding="utf-8").splitlines()
            assert lines, path
            for line in lines:
                obj = json.loads(line)
                assert sorted(obj) == keys and list(obj) == keys
                assert (formats_dataset / obj["image"]).is_file()
