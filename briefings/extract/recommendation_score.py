"""One score per recommendation candidate: a linear model over named features, weights kept as data.

The weights in briefings/data/recommendation_weights.json are fitted on annotated articles by
briefings/extract/recommendation_training.py (which records how many examples it saw); a candidate is kept
when its logistic score reaches the file's threshold. Features are 0/1 facts about the candidate, its
sentence and its article, so a weight reads as "how much this fact speaks for a recommendation".
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from briefings.extract.ruledata import DATA_DIR

WEIGHTS_FILE = "recommendation_weights.json"


@dataclass(frozen=True)
class Model:
    """Bias, weights by feature name and the decision threshold on the logistic score."""

    bias: float
    weights: dict[str, float]
    threshold: float


@cache
def model() -> Model:
    """The fitted model, read once."""
    data = json.loads((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8"))
    return Model(bias=data["bias"], weights=data["weights"], threshold=data["threshold"])


def probability(features: dict[str, float], fitted: Model | None = None) -> float:
    """The logistic score of a candidate's features (unknown features weigh nothing)."""
    fitted = fitted or model()
    total = fitted.bias + sum(fitted.weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def is_kept(features: dict[str, float], fitted: Model | None = None) -> bool:
    """Whether a candidate with these features is reported as a recommendation."""
    fitted = fitted or model()
    return probability(features, fitted) >= fitted.threshold
