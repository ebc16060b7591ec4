#!/usr/bin/env python3
"""Legibility of Scenewright's text to an outside reader: Tesseract OCR (through pytesseract)
reads every text item of a sample of rendered signs and labels, and character accuracy is
reported per font and size. This measures legibility, not truth (the record states the text).

    scripts/legibility.py [--scenewright BIN] [--samples N] [--seed S] [--write docs/LEGIBILITY.md]

Each item is cut out of its image by its recorded box (plus 3 px), turned back by its recorded
rotation so that the line is level, scaled 4x (Lanczos) and read as one line (`--psm 7`; a
one-character label as one character, `--psm 10`) in the item's language (eng, chi_sim).
Character accuracy is 1 - edit distance / length of the truth, at least 0, averaged over items,
per language, per background (plain, striped, dotted), and per font and size.
Needs Debian's tesseract-ocr with its eng and chi-sim data and the pytesseract package
(`scripts/setup.sh --python --ocr`); without them the script says so and exits 0 (skipped).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLANS = ["signs", "labelled"]
SIZES = [(0, 14), (14, 18), (18, 24), (24, 1000)]
LANGS = {"en": "eng", "zh": "chi_sim"}


def edit_distance(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def accuracy(truth, read):
    truth = truth.replace(" ", "")
    read = read.replace(" ", "").strip()
    return max(0.0, 1 - edit_distance(truth, read) / max(1, len(truth)))


def size_bucket(size):
    for lo, hi in SIZES:
        if lo <= size < hi:
            return f"{lo}-{hi}" if hi < 1000 else f"{lo}+"
    return "?"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenewright", default=os.path.join(ROOT, ".build/release/scenewright"))
    parser.add_argument("--samples", type=int, default=200, help="samples per plan")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", help="write the report (markdown) to this file")
    args = parser.parse_args()
    try:
        import pytesseract
        from PIL import Image
    except ImportError as e:
        print(f"legibility: skipped: {e.name} is not installed (scripts/setup.sh --python --ocr)")
        return 0
    if shutil.which("tesseract") is None:
        print("legibility: skipped: tesseract is not installed (scripts/setup.sh --ocr)")
        return 0
    missing = set(LANGS.values()) - set(pytesseract.get_languages(config=""))
    if missing:
        print(f"legibility: skipped: tesseract lacks {', '.join(sorted(missing))} (tesseract-ocr-chi-sim, -eng)")
        return 0
    # (plan, font, weight, size bucket) -> [accuracy]; and per plan and language.
    cells = {}
    totals = {}
    backgrounds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for plan in PLANS:
            out = os.path.join(tmp, plan)
            subprocess.run(
                [args.scenewright, "generate", "--plan", os.path.join(ROOT, "scenes", plan + ".yaml"), "--count",
                 str(args.samples), "--seed", str(args.seed), "--format", "folder", "--out", out, "--quiet",
                 "--questions", "0", "--refs", "0", "--negatives", "0"], check=True)
            with open(os.path.join(out, "samples.jsonl"), encoding="utf-8") as f:
                for line in f:
                    record = json.loads(line)
                    image = Image.open(os.path.join(out, "images", record["key"] + ".png")).convert("RGB")
                    for t in record["texts"]:
                        x, y, w, h = t["bbox"]
                        crop = image.crop((max(0, x - 3), max(0, y - 3), x + w + 3, y + h + 3))
                        # The record's rotation is clockwise on screen; PIL turns counterclockwise.
                        crop = crop.rotate(t["rotation"], resample=Image.BICUBIC, expand=True,
                                           fillcolor=tuple(record["image"]["background_rgb"]))
                        crop = crop.resize((crop.width * 4, crop.height * 4), Image.LANCZOS)
                        # One line; a one-character label as one character (Tesseract's own modes).
                        mode = "--psm 10" if len(t["text"]) == 1 else "--psm 7"
                        read = pytesseract.image_to_string(crop, lang=LANGS[t["lang"]], config=mode)
                        a = accuracy(t["text"], read)
                        font = t["font"] + ("" if t["weight"] == "regular" else " " + t["weight"])
                        cells.setdefault((plan, font, size_bucket(t["size"])), []).append(a)
                        totals.setdefault((plan, t["lang"]), []).append(a)
                        pattern = record["image"].get("background_pattern", "plain")
                        backgrounds.setdefault((plan, pattern), []).append(a)
    lines = [
        "# Legibility of drawn text",
        "",
        f"Tesseract {pytesseract.get_tesseract_version()} reading every text item of {args.samples} samples "
        f"(seed {args.seed}) of each text plan, made by `scripts/legibility.py` (its docstring says how items "
        "are cut out and read). Character accuracy: 1 - edit distance / length, spaces ignored, mean over items. "
        "This measures legibility to an outside reader, not truth: the record states the text exactly.",
        "",
        "| plan | language | items | character accuracy |",
        "|---|---|---|---|",
    ]
    for (plan, lang), values in sorted(totals.items()):
        lines.append(f"| {plan} | {lang} | {len(values)} | {100 * sum(values) / len(values):.1f} % |")
    lines += ["", "| plan | background | items | character accuracy |", "|---|---|---|---|"]
    for (plan, pattern), values in sorted(backgrounds.items()):
        lines.append(f"| {plan} | {pattern} | {len(values)} | {100 * sum(values) / len(values):.1f} % |")
    lines += ["", "| plan | font | size (px per em) | items | character accuracy |", "|---|---|---|---|---|"]
    for (plan, font, size), values in sorted(cells.items()):
        lines.append(f"| {plan} | {font} | {size} | {len(values)} | {100 * sum(values) / len(values):.1f} % |")
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        with open(args.write, "w", encoding="utf-8") as f:
            f.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
