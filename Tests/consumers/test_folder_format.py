"""The folder format read by the tools users have: Pillow for images, json for records."""
import json

import pytest

from conftest import run

np = pytest.importorskip("numpy")
Image = pytest.importorskip("PIL.Image")


def records(dataset):
    with open(dataset / "samples.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_every_image_opens_in_pillow_with_the_recorded_size(dataset):
    recs = records(dataset)
    assert len(recs) == 60
    for rec in recs:
        with Image.open(dataset / "images" / f"{rec['key']}.png") as im:
            im.load()
            # Indexed images (the default) are palette PNGs; RGB runs write RGB.
            if "coverage_levels" in rec["image"]:
                assert im.mode == "P" and len(im.getpalette()) // 3 <= 256
                bg = tuple(rec["image"]["background_rgb"])
                assert bg in {c for _, c in im.convert("RGB").getcolors(256)}
            else:
                assert im.mode == "RGB"
            assert im.size == (rec["image"]["width"], rec["image"]["height"])


def test_records_are_canonical_json(dataset):
    """Each line is exactly Python's sorted, compact serialization of itself: sorted keys,
    no whitespace, UTF-8, floats written as floats."""
    with open(dataset / "samples.jsonl", encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            again = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
            assert line.rstrip("\n") == again
            for o in obj["objects"]:
                assert isinstance(o["visible_fraction"], float)
                assert isinstance(o["radius"], float)
                assert all(isinstance(v, float) for v in o["center"])


def test_pixels_agree_with_records(dataset):
    """Independent of Scenewright's own decoder: every object's color is present in its
    visible box, only the background color lies outside all boxes (and their anti-aliased fringe), and no solid object's
    exact color appears more often than its recorded area allows."""
    for rec in records(dataset):
        with Image.open(dataset / "images" / f"{rec['key']}.png") as im:
            px = np.asarray(im.convert("RGB"), dtype=np.uint8)
        outside = np.ones(px.shape[:2], dtype=bool)
        for o in rec["objects"]:
            x, y, w, h = o["bbox"]
            assert w > 0 and h > 0 and o["area"] > 0
            region = px[y:y + h, x:x + w].reshape(-1, 3)
            same = np.all(region == np.array(o["rgb"], dtype=np.uint8), axis=1).sum()
            assert same > 0, (rec["key"], o["id"])
            if o["fill"] == "solid":
                # Exact-color pixels lie inside its mask, so cannot outnumber it
                # (another object of the same color may share the box).
                twins = [p for p in rec["objects"] if p["rgb"] == o["rgb"] and p["id"] != o["id"]]
                if not twins:
                    assert same <= o["area"], (rec["key"], o["id"])
            # The full box holds the pixels the shape covers at least half; its anti-aliased
            # fringe (less than half covered) may reach two pixels further at sharp tips.
            fx, fy, fw, fh = o["full_bbox"]
            outside[max(0, fy - 2):fy + fh + 2, max(0, fx - 2):fx + fw + 2] = False
        bg = np.array(rec["image"]["background_rgb"], dtype=np.uint8)
        rest = px[outside]
        assert np.all(rest == bg), rec["key"]


def test_captions_are_present_for_every_record(dataset):
    for rec in records(dataset):
        en = rec["captions"]["en"]
        assert en["short"] and en["detailed"]
        assert len(en["dense"]) == len(rec["objects"])


def test_render_reproduces_the_pixels_pillow_reads(dataset, tmp_path):
    rec = records(dataset)[5]
    out = tmp_path / "x.png"
    r = run("render", str(dataset / "samples.jsonl"), "--key", rec["key"], "--out", str(out))
    assert r.returncode == 0, r.stderr
    a = np.asarray(Image.open(out).convert("RGB"))
    b = np.asarray(Image.open(dataset / "images" / f"{rec['key']}.png").convert("RGB"))
    assert np.array_equal(a, b)
