#!/usr/bin/env python3
"""Shortcut levels of every shipped plan: the blind baselines `scenewright stats` computes
(docs/STATS.md), per question family, over 2,000 samples per plan (seed 0).

usage: scripts/shortcut-levels.py [BINARY] [OUT]   (defaults: .build/release/scenewright, a temp dir)

Prints a Markdown table: per plan and family, the answers the family took (K), uniform (1/K),
the family prior and the question-only prior (English, scored on odd indices), and a mark
where a prior is more than 5 points above uniform.

For families whose question prior is more than 5 points above uniform it also prints what
rejection by question and answer (CLEVR's remedy) could reach: every question string seen at
least 5 times keeps each answer with probability min(1, (1/K) / P(answer | string)), P measured
on all 2,000 samples (an oracle for any per-plan estimate); the question prior is measured
again as above on what is kept, with the family majority share and the share of questions kept.

Then, for the same families, the linear program that settles whether any weighting of the
plan's question strings could bring the question-only prior within 5 points of uniform
(scipy.optimize.linprog): choose a weight w_s >= 0 per question string s (summing to 1) so that
the family's answers are uniform, sum_s w_s P(a|s) = 1/K for each of its K answers (or, where no
weighting reaches that, as close as possible: the largest deviation t is minimised first and
then held), and the blind accuracy sum_s w_s max_a P(a|s) (a blind model that knows P exactly)
is least. P(a|s) is measured on the even-indexed samples, over strings seen at least MIN_SEEN times in
each half, and the optimal weights are scored again with P from the odd-indexed samples (an
optimum resting on strings whose answers look even by chance does not hold there). Where even
the least accuracy is more than 5 points above uniform (with the answers made uniform, over
strings that carry at least half the family's questions), no weighting of those strings can meet
the target: `impossible`; where they cannot make the answers uniform or carry less than half,
`inconclusive`; an optimum within 5 points is `reachable` only if it holds on the other half. SHORTCUT_SAMPLES sets the samples per plan (default 2,000).
"""
import collections
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "scenewright")
OUT = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(tempfile.mkdtemp(prefix="shortcuts-"))
COUNT = int(__import__("os").environ.get("SHORTCUT_SAMPLES", "2000"))
MIN_SEEN = 5
# SHORTCUT_REUSE=1: read the folders OUT already holds (from a run with the same samples).
REUSE = __import__("os").environ.get("SHORTCUT_REUSE") == "1"


def main():
    rows = []
    for plan in sorted((ROOT / "scenes").glob("*.yaml")):
        out = OUT / plan.stem
        if not (REUSE and (out / "stats" / "stats.json").exists()):
            subprocess.run([BIN, "generate", "--plan", str(plan), "--count", str(COUNT), "--seed", "0",
                            "--format", "folder", "--out", str(out), "--overwrite"], check=True, capture_output=True)
            subprocess.run([BIN, "stats", str(out)], check=True, capture_output=True)
        stats = json.loads((out / "stats" / "stats.json").read_text())
        risk = stats["languages"]["en"]["shortcut_risk"]
        capped = rejection(out)
        programs = least_blind(out)
        for family, f in sorted(risk["families"].items()):
            rows.append((plan.stem, family, f, capped.get(family), programs.get(family)))
    print("| plan | family | answers | uniform | family prior | question prior | |")
    print("|---|---|---|---|---|---|---|")
    over = {"family": 0, "question": 0}
    for plan, family, f, _, _ in rows:
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
    print("\nRejection by question and answer, families whose question prior is over:\n")
    print("| plan | family | uniform | question prior | after rejection | family majority | kept |")
    print("|---|---|---|---|---|---|---|")
    within = 0
    for plan, family, f, c, _ in rows:
        if f["question_baseline"] - f["chance"] <= 0.05 or c is None:
            continue
        q, majority, kept = c
        within += q - f["chance"] <= 0.05
        print(f"| {plan} | {family} | {100 * f['chance']:.1f} | {100 * f['question_baseline']:.1f} | {100 * q:.1f} | "
              f"{100 * majority:.1f} | {100 * kept:.0f}% |")
    print(f"\nwithin 5 points after rejection: {within} of {over['question']}")
    print("\nLeast blind accuracy over weightings of the question strings (linear program), families whose "
          "question prior is over:\n")
    print(f"| plan | family | answers | uniform | question prior | strings seen >= {MIN_SEEN} times in each half (share of the family's questions) | "
          "least deviation | least blind accuracy | above uniform | other half: accuracy | other half: deviation | |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    verdicts = collections.Counter()
    for plan, family, f, _, lp in rows:
        if f["question_baseline"] - f["chance"] <= 0.05:
            continue
        if lp is None:
            verdicts["inconclusive"] += 1
            print(f"| {plan} | {family} | {f['distinct_answers']} | {100 * f['chance']:.1f} | "
                  f"{100 * f['question_baseline']:.1f} | 0 | | | | | | inconclusive |")
            continue
        k, strings, covered, deviation, least, held_accuracy, held_deviation = lp
        gap = least - 1 / k
        holds = held_accuracy - 1 / k <= 0.05 and held_deviation <= 0.05
        if deviation > 0.01 or covered < 0.5:
            # The strings seen often enough cannot even make the answers uniform, or carry less
            # than half the family's questions: the rarer strings, unmeasured, could change it.
            verdict = "inconclusive"
        elif gap > 0.05:
            verdict = "impossible"
        else:
            verdict = "reachable" if holds else "reachable on the fitted half only"
        verdicts[verdict] += 1
        print(f"| {plan} | {family} | {k} | {100 / k:.1f} | {100 * f['question_baseline']:.1f} | {strings} "
              f"({100 * covered:.0f}%) | {100 * deviation:.1f} | {100 * least:.1f} | {100 * gap:+.1f} | "
              f"{100 * held_accuracy:.1f} | {100 * held_deviation:.1f} | {verdict} |")
    print(f"\nof {over['question']} families over: " + ", ".join(f"{v} {n}" for v, n in sorted(verdicts.items())))


def rejection(out):
    """Per family: (question prior, family majority share, share kept) after rejection."""
    items = collections.defaultdict(list)
    with open(out / "samples.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for q in r["qa"]:
                if q["lang"] == "en":
                    items[q["family"]].append((r["index"], q["question"], q["answer"]))
    result = {}
    for family, rows in items.items():
        uniform = 1 / len({a for _, _, a in rows})
        by_question = collections.defaultdict(collections.Counter)
        for _, q, a in rows:
            by_question[q][a] += 1

        def keep(q, a):
            c = by_question[q]
            n = sum(c.values())
            return min(1.0, uniform * n / c[a]) if n >= 5 else 1.0

        def best(counter):
            return sorted(counter.items(), key=lambda t: (-t[1], t[0]))[0][0]

        fit_q, fit_f = collections.defaultdict(collections.Counter), collections.Counter()
        for i, q, a in rows:
            if i % 2 == 0:
                fit_q[q][a] += keep(q, a)
                fit_f[a] += keep(q, a)
        fallback = best(fit_f)
        answer = {q: best(c) for q, c in fit_q.items()}
        right = total = 0.0
        shares = collections.Counter()
        scored = 0
        for i, q, a in rows:
            if i % 2 == 1:
                w = keep(q, a)
                right += w * (answer.get(q, fallback) == a)
                total += w
                shares[a] += w
                scored += 1
        result[family] = (right / total, max(shares.values()) / total, total / scored)
    return result


def least_blind(out):
    """Per family: (answers K, strings used, least max deviation from uniform, least blind
    accuracy at that deviation, the same weights' blind accuracy and deviation on the other
    half), by linear programming over weights per question string. The program is solved with
    P(a|s) measured on even-indexed samples and its weights scored with P measured on odd ones
    (answering each string with its most frequent answer on the even half): an optimum that
    rests on strings whose answers look even by chance does not hold on the other half."""
    import numpy
    from scipy.optimize import linprog
    halves = [collections.defaultdict(lambda: collections.defaultdict(collections.Counter)) for _ in range(2)]
    with open(out / "samples.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for q in r["qa"]:
                if q["lang"] == "en":
                    halves[r["index"] % 2][q["family"]][q["question"]][q["answer"]] += 1
    result = {}
    for family, fit in halves[0].items():
        held = halves[1].get(family, {})
        answers = sorted({a for h in (fit, held) for c in h.values() for a in c})
        strings = [s for s, c in fit.items() if sum(c.values()) >= MIN_SEEN and sum(held.get(s, {}).values()) >= MIN_SEEN]
        if not strings or len(answers) < 2:
            continue
        k, n = len(answers), len(strings)

        def shares(h):
            return numpy.array([[h[s][a] / sum(h[s].values()) for s in strings] for a in answers])  # K x n
        p, q = shares(fit), shares(held)
        best = p.max(axis=0)
        # Variables: w (n), t. Phase 1: least t with |P w - 1/K| <= t, sum w = 1.
        a_ub = numpy.vstack([numpy.hstack([p, -numpy.ones((k, 1))]), numpy.hstack([-p, -numpy.ones((k, 1))])])
        b_ub = numpy.concatenate([numpy.full(k, 1 / k), numpy.full(k, -1 / k)])
        a_eq = numpy.hstack([numpy.ones((1, n)), numpy.zeros((1, 1))])
        bounds = [(0, None)] * (n + 1)
        first = linprog(numpy.concatenate([numpy.zeros(n), [1.0]]), A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0],
                        bounds=bounds, method="highs")
        t = first.x[-1]
        # Phase 2: least blind accuracy with the deviation held at t (plus rounding slack).
        bounds[-1] = (0, t + 1e-9)
        second = linprog(numpy.concatenate([best, [0.0]]), A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=[1.0],
                         bounds=bounds, method="highs")
        w = second.x[:n]
        guess = p.argmax(axis=0)
        held_accuracy = float(sum(w[j] * q[guess[j], j] for j in range(n)))
        held_deviation = float(numpy.abs(q @ w - 1 / k).max())
        covered = sum(sum(fit[s].values()) for s in strings) / sum(sum(c.values()) for c in fit.values())
        result[family] = (k, n, covered, t, second.fun, held_accuracy, held_deviation)
    return result


if __name__ == "__main__":
    main()
