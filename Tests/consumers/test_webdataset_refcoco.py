"""WebDataset shards and REFER-style RefCOCO files, read by the tools users have: `webdataset`,
Python's `tarfile`, GNU tar, `pickle` and pycocotools.

The dataset comes from `scenewright generate --format webdataset,refcoco --count 40 --seed 3
--shard-size 16 --masks` (three shards, the last short).
Set SCENEWRIGHT_FORMATS_DATASET to an existing output folder to test that folder instead.
"""
import glob
import json
import os
import pathlib
import pickle
import subprocess
from collections import Counter

import pytest

from conftest import run

np = pytest.importorskip("numpy")

COUNT = 40


@pytest.fixture(scope="session")
def formats_dataset(tmp_path_factory):
    given = os.environ.get("SCENEWRIGHT_FORMATS_DATASET")
    if given:
        return pathlib.Path(given)
    out = tmp_path_factory.mktemp("formats") / "out"
    r = run("generate", "--format", "webdataset,refcoco", "--count", str(COUNT), "--seed", "3",
            "--shard-size", "16", "--masks", "--out", str(out))
    assert r.returncode == 0, r.stderr
    return out


def tars(root):
    found = sorted(glob.glob(str(root / "train" / "*.tar")))
    assert found, f"no shards in {root / 'train'}"
    return found


def tar_records(root):
    """Every sample's record, read from the shards with tarfile."""
    import tarfile
    records = []
    for path in tars(root):
        with tarfile.open(path, mode="r:") as t:
            for m in t.getmembers():
                if m.name.endswith(".json"):
                    records.append(json.loads(t.extractfile(m).read()))
    return records


def test_webdataset_decodes_every_sample(formats_dataset):
    wds = pytest.importorskip("webdataset")
    ds = wds.WebDataset(tars(formats_dataset), shardshuffle=False).decode("pil")
    keys = []
    for key, png, txt, rec in ds.to_tuple("__key__", "png", "txt", "json"):
        assert png.size == (rec["image"]["width"], rec["image"]["height"])
        assert isinstance(txt, str) and txt and not txt.endswith("\n")
        assert txt == rec["captions"]["en"]["short"]
        assert rec["key"] == key and "." not in key
        keys.append(key)
    assert len(keys) == COUNT
    assert len(set(keys)) == len(keys)


def test_openclip_style_pipeline_reads_images_and_captions(formats_dataset):
    """OpenCLIP's loader: decode("pilrgb"), rename image/text by extension, sizes.json counts."""
    wds = pytest.importorskip("webdataset")
    sizes = json.loads((formats_dataset / "train" / "sizes.json").read_text())
    assert sum(sizes.values()) == COUNT
    pipeline = wds.DataPipeline(
        wds.SimpleShardList(tars(formats_dataset)),
        wds.tarfile_to_samples(),
        wds.decode("pilrgb"),
        wds.rename(image="jpg;png;jpeg;webp", text="txt"),
        wds.to_tuple("image", "text"),
    )
    pairs = list(pipeline)
    assert len(pairs) == COUNT
    assert all(img.mode == "RGB" and text for img, text in pairs)


def test_masks_are_the_id_planes_of_the_records(formats_dataset):
    import io
    wds = pytest.importorskip("webdataset")
    Image = pytest.importorskip("PIL.Image")
    ds = wds.WebDataset(tars(formats_dataset), shardshuffle=False)
    for mask, rec in ds.to_tuple("mask.png", "json"):
        image = Image.open(io.BytesIO(mask))
        assert image.mode == "L"
        plane = np.asarray(image)
        rec = json.loads(rec)
        assert plane.shape == (rec["image"]["height"], rec["image"]["width"])
        for o in rec["objects"]:
            assert int((plane == o["id"]).sum()) == o["area"]


def test_huggingface_webdataset_builder_has_stable_features(formats_dataset):
    datasets = pytest.importorskip("datasets")
    ds = datasets.load_dataset("webdataset", data_files={"train": tars(formats_dataset)}, split="train")
    assert len(ds) == COUNT
    assert {"__key__", "png", "txt", "json", "mask.png"} <= set(ds.column_names)
    keys = ds["__key__"]
    assert len(set(keys)) == COUNT
    # The same features for every sample: the json column has one type across all rows.
    first = ds.features["json"]
    for row in ds.select(range(len(ds))):
        assert set(row["json"].keys()) == set(first.keys())


def test_tarfile_and_gnu_tar_list_the_same_entries(formats_dataset):
    import tarfile
    for path in tars(formats_dataset):
        with tarfile.open(path, mode="r:") as t:
            members = t.getmembers()
        names = [m.name for m in members]
        assert all(m.isreg() and m.mode == 0o644 and m.mtime == 0 for m in members)
        listed = subprocess.run(["tar", "-tf", path], capture_output=True, text=True, check=True)
        assert listed.stderr == ""
        assert listed.stdout.splitlines() == names
        # Every sample has the same fields, its files adjacent.
        fields = [n.split(".", 1) for n in names]
        keys = list(dict.fromkeys(k for k, _ in fields))
        per_key = len(fields) // len(keys)
        first = [ext for _, ext in fields[:per_key]]
        assert {"json", "png", "txt"} <= set(first)
        for i, key in enumerate(keys):
            block = fields[i * per_key:(i + 1) * per_key]
            assert [k for k, _ in block] == [key] * per_key
            assert [ext for _, ext in block] == first


def test_sizes_and_wids_index_match_the_shards(formats_dataset):
    import tarfile
    train = formats_dataset / "train"
    sizes = json.loads((train / "sizes.json").read_text(encoding="utf-8"))
    index = json.loads((train / "index.wids.json").read_text(encoding="utf-8"))
    assert index["__kind__"] == "wids-shard-index-v1" and index["wids_version"] == 1
    names = [os.path.basename(p) for p in tars(formats_dataset)]
    assert sorted(sizes) == names
    assert [s["url"] for s in index["shardlist"]] == names
    for entry in index["shardlist"]:
        path = train / entry["url"]
        with tarfile.open(path, mode="r:") as t:
            keys = {n.split(".", 1)[0] for n in t.getnames()}
        assert sizes[entry["url"]] == entry["nsamples"] == len(keys)
        if "filesize" in entry:
            assert entry["filesize"] == path.stat().st_size
    assert sum(sizes.values()) == COUNT


def test_shard_statistics_sit_apart_from_the_tars(formats_dataset):
    lines = (formats_dataset / "meta" / "shards.jsonl").read_text(encoding="utf-8").splitlines()
    stats = [json.loads(line) for line in lines]
    assert len(stats) == len(tars(formats_dataset))
    assert sum(s["samples"] for s in stats) == COUNT
    assert [s["shard"] for s in stats] == list(range(len(stats)))
    beside = [f for f in os.listdir(formats_dataset / "train") if f.endswith(".jsonl")]
    assert beside == []


def load_refer(root):
    """What REFER(data_root=root, dataset="refcoco", splitBy="scenewright") loads."""
    with open(root / "refcoco" / "refs(scenewright).p", "rb") as f:
        refs = pickle.load(f)
    with open(root / "refcoco" / "instances.json", encoding="utf-8") as f:
        instances = json.load(f)
    return refs, instances


def test_refer_refs_point_at_annotations(formats_dataset):
    refs, instances = load_refer(formats_dataset)
    anns = {a["id"]: a for a in instances["annotations"]}
    imgs = {i["id"]: i for i in instances["images"]}
    cats = {c["id"] for c in instances["categories"]}
    assert len(anns) == len(instances["annotations"])
    assert len(imgs) == COUNT
    assert refs, "no referring expressions"
    ref_ids = Counter(r["ref_id"] for r in refs)
    sent_ids = Counter(s["sent_id"] for r in refs for s in r["sentences"])
    assert max(ref_ids.values()) == 1 and max(sent_ids.values()) == 1
    ann_refs = Counter(r["ann_id"] for r in refs)
    assert max(ann_refs.values()) == 1, "REFER keeps one ref per annotation"
    for ref in refs:
        ann = anns[ref["ann_id"]]
        assert ann["image_id"] == ref["image_id"] and ref["image_id"] in imgs
        assert ann["category_id"] == ref["category_id"] and ref["category_id"] in cats
        assert ref["split"] == "train"
        assert ref["sent_ids"] == [s["sent_id"] for s in ref["sentences"]]
        for s in ref["sentences"]:
            assert s["raw"] and s["tokens"] and s["sent"] == " ".join(s["tokens"])


def test_refs_agree_with_the_records_in_the_shards(formats_dataset):
    refs, instances = load_refer(formats_dataset)
    anns = {a["id"]: a for a in instances["annotations"]}
    imgs = {i["id"]: i for i in instances["images"]}
    records = {r["key"] + ".png": r for r in tar_records(formats_dataset)}
    for ref in refs:
        rec = records[imgs[ref["image_id"]]["file_name"]]
        ann = anns[ref["ann_id"]]
        texts = {s["raw"] for s in ref["sentences"]}
        said = [r for r in rec["refs"] if r["text"] in texts]
        assert said and all(r["bbox"] == ann["bbox"] for r in said)
        obj = next(o for o in rec["objects"] if ann["id"] == ref["image_id"] * 1000 + o["id"])
        assert obj["bbox"] == ann["bbox"] and obj["area"] == ann["area"]


def test_rle_masks_decode_to_the_recorded_area_and_box(formats_dataset):
    mask = pytest.importorskip("pycocotools.mask")
    _, instances = load_refer(formats_dataset)
    imgs = {i["id"]: i for i in instances["images"]}
    for ann in instances["annotations"]:
        img = imgs[ann["image_id"]]
        # REFER's getMask: decode the list of RLEs, sum over the last axis.
        m = np.sum(mask.decode(ann["segmentation"]), axis=2).astype(np.uint8)
        assert m.shape == (img["height"], img["width"])
        assert int(m.sum()) == ann["area"] == int(sum(mask.area(ann["segmentation"])))
        if ann["area"] == 0:
            continue
        ys, xs = np.nonzero(m)
        box = [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)]
        assert box == ann["bbox"], ann["id"]
        assert [int(v) for v in mask.toBbox(ann["segmentation"])[0]] == ann["bbox"]
