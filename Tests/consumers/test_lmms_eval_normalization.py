"""The lmms-eval task (integrations/lmms_eval) scores answers as `scenewright score` does.

lmms-eval itself is too heavy for CI (docs/SCORE.md gives the manual check); this test needs only
the task's normalisation, a plain Python file: it must give the same figures as `score` on the
same predictions, family by family.
"""
import collections
import hashlib
import importlib.util
import json

from conftest import ROOT, run

spec = importlib.util.spec_from_file_location(
    "normalization", ROOT / "integrations/lmms_eval/scenewright_lmms/tasks/scenewright/normalization.py")
normalization = importlib.util.module_from_spec(spec)
spec.loader.exec_module(normalization)
normalize = normalization.normalize


def test_the_cases_of_the_swift_tests():
    cases = [("The Two.", "2"), ("two", "2"), ("2", "2"), ("２", "2"), ("两个", "2"), ("二", "2"),
             ("十二", "12"), ("二十", "20"), ("三十五", "35"), ("十", "10"), ("零", "0"), ("Yes!", "yes"),
             ("a red one", "red 1"), ("  Outlined  ", "outlined"), ("绿色。", "绿色"),
             ("An ellipse", "ellipse"), ("twenty", "20"), ("theater", "theater"), ("十十", "十十"),
             ("一十", "一十")]
    for given, expected in cases:
        assert normalize(given) == expected, given


def test_agrees_with_score_on_every_family(dataset, tmp_path):
    records = [json.loads(l) for l in (dataset / "samples.jsonl").read_text(encoding="utf-8").splitlines()]
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    chinese = ["零", "一", "两个", "三", "四", "五", "六", "七", "八", "九", "十"]
    lines, truth = [], {}
    for r in records:
        for k, q in enumerate(r["qa"]):
            item, a = f"{r['key']}/qa/{k}", q["answer"]
            h = int(hashlib.sha256(item.encode()).hexdigest(), 16) % 6
            if h == 0:
                p = "no such answer"
            elif h == 1 and a.isdigit() and int(a) <= 10:
                p = f"The {words[int(a)]}." if q["lang"] == "en" else chinese[int(a)]
            elif h == 2:
                p = a.upper() + "!"
            elif h == 3:
                p = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in a)
            else:
                p = a
            lines.append(json.dumps({"id": item, "answer": p}, ensure_ascii=False))
            truth[item] = (q["family"], normalize(p) == normalize(a))
    predictions = tmp_path / "p.jsonl"
    predictions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("score", "--dataset", str(dataset), "--predictions", str(predictions), "--out", str(tmp_path / "r"))
    assert r.returncode == 0, r.stderr
    report = json.loads((tmp_path / "r" / "score.json").read_text())["tasks"]["vqa"]
    ours = collections.Counter()
    totals = collections.Counter()
    for family, ok in truth.values():
        ours[family] += ok
        totals[family] += 1
    for family, tally in report["by"]["family"].items():
        assert (tally["correct"], tally["total"]) == (ours[family], totals[family]), family
    assert 0 < report["overall"]["correct"] < report["overall"]["total"]
