#!/usr/bin/env python3
"""Shortcut levels of every shipped plan: the blind baselines of `scenewright stats`
(docs/STATS.md) per question family, and for every family whose question-only prior is more
than 5 points above uniform, whether any weighting of the plan's question strings could bring
it within 5 points (issue 16, "Shortcut levels").

usage: SHORTCUT_SAMPLES=N scripts/shortcut-levels.py [BINARY] [OUT]
  (defaults: N = 2,000 samples per plan, seed 0; .build/release/scenewright; a temp dir)

Each plan is generated as a folder with its own languages; only the English questions of
samples.jsonl are kept, as counts per (half, family, answer kind, question, answer) in
OUT/<plan>.counts.json.gz (the images and records are deleted; SHORTCUT_REUSE=1 reads the
counts files OUT already holds). A question's shape is the sequence of its program's function
names (`scene,filter_color,filter_shape,count`): what it asks, without the values it names.

Priors, as `stats` defines them (samples with even index fit, odd ones are scored):
- family prior: the family's most frequent fitted answer, scored;
- question prior: each exact question string answered with its most frequent fitted answer
  pooled over families, a string unseen in the fitting half with the family's fitted answer;
- uniform (chance): 1 / K, K the family's distinct answers over all samples.
Ties go to the answer first in byte order. With N <= 4,000 the script also runs `stats` on
each folder and stops unless both priors agree with it (to 1e-6: `stats` writes 6 decimals).

It prints a Markdown document: the per-plan summary, every family's row, what rejection by
question and answer (CLEVR's remedy) reaches (every string seen at least 5 times keeps each
answer with probability min(1, (1/K) / P(answer | string)), P measured on all samples), and the
verdicts below.

The target (issue 16) is met by a weighting w_s >= 0 (summing to 1) of a family's question
strings when both priors are within 5 points of uniform: every answer's share
sum_s w_s P(a|s) <= 1/K + 0.05 (the family prior) and the blind accuracy
sum_s w_s max_a P(a|s) <= 1/K + 0.05 (the question prior of a blind model that knows P).
P(a|s) is what the plan's scenes make of string s; weighting strings cannot change it.

- `impossible`: a lower bound on the blind accuracy of every weighting that meets the family
  target is more than 5 points above uniform, on each half of the samples separately. The
  bound is a linear program over a relaxation: strings seen at least BOUND_MIN times in the
  half keep their measured P(a|s); all other strings (rarer, or never seen) of one shape are
  pooled into a free part that may give any mix of the answers such strings gave in the whole
  run (either half), at a blind accuracy of at least its largest answer share (for any strings,
  sum_s w_s max_a P(a|s) >= max_a sum_s w_s P(a|s)). Every weighting of the real strings is a
  point of the relaxation, so its minimum is a lower bound, provided (the assumptions) the rare
  strings of a shape give no answer that none of them gave in the run, and the measured P are
  right (each half is solved on its own; both must exceed the target). The bound with only
  strings seen STRICT_MIN times measured is printed beside it.
- `reachable`: an explicit weighting of strings seen at least REACH_MIN times in each half,
  found on the even half (answer shares <= 1/K + 0.04, least blind accuracy, each weight at
  most WEIGHT_CAP, else uncapped), meets both targets on the odd half with two standard errors
  to spare, scored there with the odd half's own P (sum_s w_s max_a P_odd(a|s): the best any
  blind model does on that half, biased upward for strings seen few times, so against the
  claim).
- `inconclusive`: neither; the least blind accuracy of a weighting lies between the bound and
  what the weighting found reaches.
Both programs are also solved with the answers held uniform (every share within 1 point of
1/K) for information: the `uniform answers` columns.
"""
import collections
import gzip
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "scenewright")
OUT = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else pathlib.Path(tempfile.mkdtemp(prefix="shortcuts-"))
COUNT = int(os.environ.get("SHORTCUT_SAMPLES", "2000"))
REUSE = os.environ.get("SHORTCUT_REUSE") == "1"
TARGET = 0.05
REJECT_MIN = 5
BOUND_MIN = 50
STRICT_MIN = 200  # shown beside: more strings pooled, a weaker bound
REACH_MIN = 20
WEIGHT_CAP = 0.05
FIT_SLACK = 0.04
UNIFORM_SLACK = 0.01


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    plans = sorted((ROOT / "scenes").glob("*.yaml"))
    rows = []  # (plan, family, priors, counts of the family)
    for plan in plans:
        counts = collect(plan)
        for family, p in sorted(priors(counts).items()):
            rows.append((plan.stem, family, p, [c for c in counts if c[1] == family]))
    failing = [r for r in rows if r[2]["question"] - r[2]["chance"] > TARGET]
    print(f"# Shortcut levels of the shipped plans ({COUNT:,} samples per plan)\n")
    print(f"Written by `SHORTCUT_SAMPLES={COUNT} scripts/shortcut-levels.py` (seed 0, English; "
          "definitions in its docstring and in docs/STATS.md, \"Shortcut levels of the shipped plans\").\n")
    summary(rows)
    families(rows)
    rejection(failing)
    verdicts(failing)


def collect(plan):
    """Counts per (half, family, kind, question, answer) of one plan's English questions."""
    path = OUT / f"{plan.stem}.counts.json.gz"
    if REUSE and path.exists():
        return [tuple(c) for c in json.loads(gzip.decompress(path.read_bytes()))]
    folder = OUT / plan.stem
    subprocess.run([BIN, "generate", "--plan", str(plan), "--count", str(COUNT), "--seed", "0",
                    "--format", "folder", "--out", str(folder), "--overwrite"], check=True, capture_output=True)
    tally = collections.Counter()
    with open(folder / "samples.jsonl", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            for q in r["qa"]:
                if q["lang"] == "en":
                    shape = ",".join(step["type"] for step in q["program"])
                    tally[(r["index"] % 2, q["family"], shape, q["question"], q["answer"])] += 1
    counts = [(*k, n) for k, n in sorted(tally.items())]
    if COUNT <= 4000:
        subprocess.run([BIN, "stats", str(folder)], check=True, capture_output=True)
        risk = json.loads((folder / "stats" / "stats.json").read_text())["languages"]["en"]["shortcut_risk"]
        for family, p in priors(counts).items():
            f = risk["families"][family]
            theirs = (f["question_baseline"], f["family_baseline"], f["chance"])
            if any(abs(a - p[k]) > 1e-6 for a, k in zip(theirs, ("question", "family", "chance"))):
                sys.exit(f"{plan.stem} {family}: priors differ from `stats` ({f} against {p})")
    shutil.rmtree(folder)
    path.write_bytes(gzip.compress(json.dumps(counts).encode()))
    return counts


def best(counter):
    """The most frequent answer, ties to the first in byte order (code point order = UTF-8 order)."""
    return min(counter.items(), key=lambda t: (-t[1], t[0]))[0] if counter else None


def priors(counts):
    """Per family: K, chance, family and question prior, scored questions (as `stats`)."""
    answers = collections.defaultdict(lambda: (collections.Counter(), collections.Counter()))
    pooled = collections.defaultdict(collections.Counter)
    for half, family, _, question, answer, n in counts:
        answers[family][half][answer] += n
        if half == 0:
            pooled[question][answer] += n
    prediction = {q: best(c) for q, c in pooled.items()}
    fitted = {f: best(fit) for f, (fit, _) in answers.items()}
    right = collections.Counter()
    for half, family, _, question, answer, n in counts:
        if half == 1 and prediction.get(question, fitted[family]) == answer:
            right[family] += n
    result = {}
    for family, (fit, held) in answers.items():
        k = len(set(fit) | set(held))
        scored = sum(held.values())
        result[family] = {"k": k, "chance": 1 / k, "scored": scored,
                          "family": held[fitted[family]] / scored if scored and fitted[family] else 0,
                          "question": right[family] / scored if scored else 0}
    return result


def summary(rows):
    print("## Per plan\n")
    print("Scored questions, chance, family and question prior over all families (each weighted by its scored "
          "questions), and the families furthest above uniform.\n")
    print("| plan | scored | chance | family prior | question prior | family furthest above uniform | "
          "question prior furthest above uniform |")
    print("|---|---|---|---|---|---|---|")
    for plan in sorted({r[0] for r in rows}):
        ps = [(f, p) for q, f, p, _ in rows if q == plan]
        total = sum(p["scored"] for _, p in ps)

        def mean(key):
            return sum(p[key] * p["scored"] for _, p in ps) / total
        fam = max(ps, key=lambda t: t[1]["family"] - t[1]["chance"])
        que = max(ps, key=lambda t: t[1]["question"] - t[1]["chance"])
        print(f"| {plan} | {total:,} | {pct(mean('chance'))} | {pct(mean('family'))} | {pct(mean('question'))} | "
              f"`{fam[0]}` {pts(fam[1]['family'] - fam[1]['chance'])} | "
              f"`{que[0]}` {pts(que[1]['question'] - que[1]['chance'])} |")
    over = {k: sum(r[2][k] - r[2]["chance"] > TARGET for r in rows) for k in ("family", "question")}
    print(f"\n{len(rows)} (plan, family) pairs; more than 5 points above uniform: family prior {over['family']}, "
          f"question prior {over['question']}.\n")


def families(rows):
    print("## Every family\n")
    print("| plan | family | answers | uniform | family prior | question prior | more than 5 points above |")
    print("|---|---|---|---|---|---|---|")
    for plan, family, p, _ in rows:
        marks = [k for k in ("family", "question") if p[k] - p["chance"] > TARGET]
        print(f"| {plan} | `{family}` | {p['k']} | {pct(p['chance'])} | {pct(p['family'])} | {pct(p['question'])} | "
              f"{', '.join(marks)} |")
    print()


def rejection(failing):
    """Rejection by question and answer: the question prior, family majority and share kept."""
    print("## Rejection by question and answer\n")
    print(f"Every string seen at least {REJECT_MIN} times keeps each answer with probability "
          "min(1, (1/K) / P(answer | string)), P measured on all samples; the priors are measured again on "
          "what is kept. Families whose question prior is more than 5 points above uniform:\n")
    print("| plan | family | uniform | question prior | after rejection | family majority | kept |")
    print("|---|---|---|---|---|---|---|")
    within = 0
    for plan, family, p, counts in failing:
        by_question = collections.defaultdict(collections.Counter)
        for _, _, _, q, a, n in counts:
            by_question[q][a] += n

        def keep(q, a):
            c = by_question[q]
            total = sum(c.values())
            return min(1.0, p["chance"] * total / c[a]) if total >= REJECT_MIN else 1.0
        fit_q, fit_f = collections.defaultdict(collections.Counter), collections.Counter()
        for half, _, _, q, a, n in counts:
            if half == 0:
                fit_q[q][a] += n * keep(q, a)
                fit_f[a] += n * keep(q, a)
        fallback = best(fit_f)
        answer = {q: best(c) for q, c in fit_q.items()}
        right = total = scored = 0.0
        shares = collections.Counter()
        for half, _, _, q, a, n in counts:
            if half == 1:
                w = n * keep(q, a)
                right += w * (answer.get(q, fallback) == a)
                total += w
                shares[a] += w
                scored += n
        within += right / total - p["chance"] <= TARGET
        print(f"| {plan} | `{family}` | {pct(p['chance'])} | {pct(p['question'])} | {pct(right / total)} | "
              f"{pct(max(shares.values()) / total)} | {100 * total / scored:.0f} % |")
    print(f"\nWithin 5 points after rejection: {within} of {len(failing)}.\n")


def conditional(counts, half):
    """Per question string: its kind and answer counts in one half (None: both halves)."""
    table = collections.defaultdict(collections.Counter)
    kind = {}
    for h, _, k, q, a, n in counts:
        if half is None or h == half:
            table[q][a] += n
            kind[q] = k
    return table, kind


def bound(counts, answers, half, least_seen, upper, lower):
    """Least blind accuracy over the relaxation (docstring) with P from one half, strings seen at
    least `least_seen` times there measured; shares of every answer in [lower, upper]. Returns
    (least accuracy, inf when no point of the relaxation keeps the shares in range; share of the
    half's questions measured)."""
    import numpy
    from scipy.optimize import linprog
    table, _ = conditional(counts, half)
    everything, kinds = conditional(counts, None)
    measured = sorted(q for q, c in table.items() if sum(c.values()) >= least_seen)
    rare = collections.defaultdict(set)
    chosen = set(measured)
    for q, c in everything.items():
        if q not in chosen:
            rare[kinds[q]].update(c)
    index = {a: i for i, a in enumerate(answers)}
    pools = [(k, sorted(s)) for k, s in sorted(rare.items())]
    n = len(measured) + sum(len(s) + 1 for _, s in pools)
    cost = numpy.zeros(n)
    share = numpy.zeros((len(answers), n))
    is_top = numpy.zeros(n, dtype=bool)  # a pool's accuracy variable, not a weight
    pool_rows = []
    for j, q in enumerate(measured):
        c = table[q]
        total = sum(c.values())
        cost[j] = max(c.values()) / total
        for a, m in c.items():
            share[index[a], j] = m / total
    j = len(measured)
    for _, s in pools:
        top = j + len(s)
        cost[top], is_top[top] = 1.0, True
        for a in s:
            share[index[a], j] = 1.0
            row = numpy.zeros(n)
            row[j], row[top] = 1.0, -1.0
            pool_rows.append(row)
            j += 1
        j += 1
    weight = (~is_top).astype(float)
    a_ub = numpy.vstack([share, -share] + ([numpy.array(pool_rows)] if pool_rows else []))
    b_ub = numpy.concatenate([numpy.full(len(answers), upper), numpy.full(len(answers), -lower),
                              numpy.zeros(len(pool_rows))])
    result = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=weight[None, :], b_eq=[1.0], bounds=[(0, None)] * n,
                     method="highs")
    covered = sum(sum(table[q].values()) for q in measured) / sum(sum(c.values()) for c in table.values())
    return (result.fun if result.status == 0 else float("inf")), covered


def reach(counts, answers, upper, lower, target):
    """A weighting of strings seen at least REACH_MIN times in each half: the least blind accuracy
    on the even half with every share in [lower, upper], each string's weight at most WEIGHT_CAP
    (spread over many strings, so that the odd half can check it), else uncapped. Returns the
    odd half's blind accuracy, its standard error, the largest and least answer share there,
    whether accuracy and every share plus two standard errors are within `target`, and the
    strings with weight; None where no weighting keeps the shares in range."""
    import numpy
    from scipy.optimize import linprog
    even, _ = conditional(counts, 0)
    odd, _ = conditional(counts, 1)
    strings = sorted(q for q in even if sum(even[q].values()) >= REACH_MIN and sum(odd[q].values()) >= REACH_MIN)
    if not strings:
        return None
    index = {a: i for i, a in enumerate(answers)}

    def matrix(table):
        m = numpy.zeros((len(answers), len(strings)))
        for j, q in enumerate(strings):
            total = sum(table[q].values())
            for a, c in table[q].items():
                m[index[a], j] = c / total
        return m
    p, q = matrix(even), matrix(odd)
    seen = numpy.array([sum(odd[s].values()) for s in strings], dtype=float)
    found = None
    for cap in (WEIGHT_CAP, None):
        result = linprog(p.max(axis=0), A_ub=numpy.vstack([p, -p]),
                         b_ub=numpy.concatenate([numpy.full(len(answers), upper), numpy.full(len(answers), -lower)]),
                         A_eq=numpy.ones((1, len(strings))), b_eq=[1.0], bounds=[(0, cap)] * len(strings),
                         method="highs")
        if result.status != 0:
            continue
        w = result.x
        top = q.max(axis=0)
        accuracy = float(top @ w)
        error = float(numpy.sqrt((w ** 2 * top * (1 - top) / seen).sum()))
        shares = q @ w
        share_errors = numpy.sqrt((w ** 2 * q * (1 - q) / seen).sum(axis=1))
        meets = accuracy + 2 * error <= target and bool((shares + 2 * share_errors <= target).all())
        used = sorted(((w[j], strings[j]) for j in range(len(strings)) if w[j] > 1e-6), reverse=True)
        found = (accuracy, error, float(shares.max()), float(shares.min()), meets, used)
        if meets:
            break
    return found


def verdicts(failing):
    print("## Can any weighting of the question strings reach it?\n")
    print(f"Pairs whose question prior is more than 5 points above uniform. `bound`: the least blind accuracy of "
          f"any weighting whose family prior is within 5 points (the lower of the two halves; strings seen at least "
          f"{BOUND_MIN} times in the half measured, the rest pooled per program shape; `no weighting keeps the "
          f"shares in range`: none keeps every answer's share within 5 points of uniform, or within 1 point in the "
          "`uniform answers` column: impossible too); `measured`: the share of the "
          f"questions those strings carry (the lower half); beside it the same bound with only strings seen "
          f"{STRICT_MIN} times measured. `reached`: the blind accuracy on the odd half, with one "
          f"standard error, of the weighting found on the even half over strings seen at least {REACH_MIN} times in "
          "each half, with its largest and least answer share there. `uniform answers`: the same with every share "
          "within 1 point of uniform. Points are above uniform.\n")
    print(f"| plan | family | answers | uniform | question prior | bound | measured | bound, strings seen {STRICT_MIN} "
          "times measured | reached (largest, least share) | bound, uniform answers | reached, uniform answers | verdict |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    tally = collections.Counter()
    details = []
    for plan, family, p, counts in failing:
        k, u = p["k"], p["chance"]
        answers = sorted({c[4] for c in counts})
        # The lower of the two halves; inf where no weighting meets the family target.
        runs = [bound(counts, answers, h, BOUND_MIN, u + TARGET, 0.0) for h in (0, 1)]
        least = min(b for b, _ in runs)
        covered = min(c for _, c in runs)
        least_strict = min(bound(counts, answers, h, STRICT_MIN, u + TARGET, 0.0)[0] for h in (0, 1))
        least_uniform = min(bound(counts, answers, h, BOUND_MIN, u + UNIFORM_SLACK, u - UNIFORM_SLACK)[0]
                            for h in (0, 1))
        reached = reach(counts, answers, u + FIT_SLACK, 0.0, u + TARGET)
        reached_uniform = reach(counts, answers, u + UNIFORM_SLACK, u - UNIFORM_SLACK, u + TARGET)
        if least - u > TARGET:
            verdict = "impossible"
        elif reached is not None and reached[4]:
            verdict = "reachable"
            details.append((plan, family, u, reached))
        else:
            verdict = "inconclusive"
        tally[verdict] += 1

        def show(r):
            return "infeasible" if r is None else f"{pts(r[0] - u)} ± {100 * r[1]:.1f} ({pct(r[2])}, {pct(r[3])})"
        print(f"| {plan} | `{family}` | {k} | {pct(u)} | {pts(p['question'] - u)} | "
              f"{shown(least - u)} | {100 * covered:.0f} % | {shown(least_strict - u)} | {show(reached)} | {shown(least_uniform - u)} | "
              f"{show(reached_uniform)} | "
              f"{verdict} |")
    print(f"\nOf {len(failing)} pairs: " + ", ".join(f"{v} {n}" for v, n in sorted(tally.items())) + ".\n")
    for plan, family, u, (accuracy, error, top, low, _, used) in details:
        print(f"- {plan} `{family}` reaches {pts(accuracy - u)} ± {100 * error:.1f} on the odd half (largest share "
              f"{pct(top)}, least {pct(low)}) with " + "; ".join(f"{100 * w:.1f} % \"{q}\"" for w, q in used[:12])
              + (f"; and {len(used) - 12} more strings" if len(used) > 12 else "") + ".")


def shown(gap):
    return "no weighting keeps the shares in range" if gap == float("inf") else pts(gap)


def pct(x):
    return f"{100 * x:.1f} %"


def pts(x):
    return f"{100 * x:+.1f}"


if __name__ == "__main__":
    main()
