"""A REPLAY, not a model: answers each document with the answer a predictions file gives for its
id. It lets lmms-eval score predictions made elsewhere (a model run by its own code, or a
`scenewright score --baseline` file) with the `scenewright_vqa` task, so the harness's figures
can be compared with `scenewright score` on the same predictions.

    --model scenewright_replay --model_args predictions=/path/predictions.jsonl

The file is Scenewright's predictions format (docs/SCORE.md): JSON Lines with `id` and `answer`.
A document whose id has no answer gets "" (scored wrong, as `score` counts a missing prediction).
"""

import json
from typing import List, Tuple

from tqdm import tqdm

from lmms_eval.api.instance import Instance
from lmms_eval.api.model import lmms


class ScenewrightReplay(lmms):
    def __init__(self, predictions: str = None, **kwargs) -> None:
        super().__init__()
        if not predictions:
            raise ValueError("scenewright_replay needs --model_args predictions=<predictions.jsonl>")
        self.answers = {}
        with open(predictions, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                item = json.loads(line)
                if "id" in item and "answer" in item and item["id"] not in self.answers:
                    a = item["answer"]
                    # As `score` reads them: a boolean is yes or no, a number its text.
                    self.answers[item["id"]] = ("yes" if a else "no") if isinstance(a, bool) else str(a)
        self.missing = 0

    def generate_until(self, requests: List[Instance]) -> List[str]:
        out = []
        for contexts, gen_kwargs, doc_to_visual, doc_id, task, split in tqdm([r.args for r in requests], desc="Replaying"):
            doc = self.task_dict[task][split][doc_id]
            answer = self.answers.get(doc["id"])
            if answer is None:
                self.missing += 1
                answer = ""
            out.append(answer)
        return out

    def generate_until_multi_round(self, requests) -> List[str]:
        return self.generate_until(requests)

    def loglikelihood(self, requests: List[Instance]) -> List[Tuple[float, bool]]:
        raise NotImplementedError("scenewright_replay replays generated answers only")
