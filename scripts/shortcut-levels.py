#!/usr/bin/env python3
"""Shortcut levels of every shipped plan: the blind baselines `scenewright stats` computes
(docs/STATS.md), per question family, over 2,000 samples per plan (seed 0).

usage: scripts/shortcut-levels.py [BINARY] [OUT]   (defaults: .build/release/scenewright, a temp dir)

Prints a Markdown table: per plan and family, the answers the family took (K), uniform (1/K),
the family prior and the question-only prior (English, scored on odd indices), and a mark
where a prior is more than 5 points above uniform.
"""
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "scenewright")
OUT = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(tempfile.mkdtemp(prefix="shortcuts-"))
COUNT = 2000


def main():
    rows = []
    for plan in sorted((ROOT / "scenes").glob("*.yaml")):
        out = OUT / plan.stem
        subprocess.run([BIN, "generate", "--plan", str(plan), "--count", str(COUNT), "--seed", "0",
                        "--format", "folder", "--out", str(out), "--overwrite"], check=True, capture_output=True)
        subprocess.run([BIN, "stats", str(out)], check=True, capture_output=True)
        stats = json.loads((out / "stats" / "stats.json").read_text())
        risk = stats["languages"]["en"]["shortcut_risk"]
        for family, f in sorted(risk["families"].items()):
            rows.append((plan.stem, family, f))
    print("| plan | family | answers | uniform | family prior | question prior | |")
    print("|---|---|---|---|---|---|---|")
    over = {"family": 0, "question": 0}
    for plan, family, f in rows:
        chance, fam, q = f["chance"], f["family_baseline"], f["question_baseline"]
        marks = []
        if fam - chance > 0.05:
            marks.append("family")
            over["family"] += 1
        if q - chance > 0.05:
            marks.append("question")
            over["question"] += 1
        print(f"| {plan} | {family} | {f['distinct_answers']} | {100 * chance:.1f} | {100 * fam:.1f} | "
              f"{100 * q:.1f} | {', '.join(marks)} |")
    print(f"\n{len(rows)} families; more than 5 points above uniform: family prior {over['family']}, "
          f"question prior {over['question']}")


if __name__ == "__main__":
    main()
