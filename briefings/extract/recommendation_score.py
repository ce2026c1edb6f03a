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


KEPT_CHOICES = ("hand_set", "fitted")  # which model the weights file says extraction uses
HAND_THRESHOLD = 0.5  # an even probability

FIXED = {
    # Too rare in the annotated articles to fit (a handful of cases), so set by hand and kept out of the fit:
    "forecast": -4.0,  # a verb of change with a thing as subject ("prices should ease") forecasts: outweighs any frame
    "obligation": -4.0,  # "under the deal, X must ...": a requirement reported, not advice; outweighs any frame
    "reason": -4.0,  # "..., as he has to focus on the war": a necessity that explains a deed; outweighs any frame
    # "efforts should be made to X", "steps must be taken to X": official advice with its actor left unsaid; it
    # undoes what the passive and the thing-like subject ("efforts", an 'other' actor) take away (-1.0, -1.5)
    "steps_to_take": 2.5,
}

HAND_SET = Model(
    bias=-1.0,
    weights={
        "frame:modal_should": 2.0,
        "frame:modal_must": 2.0,
        "frame:modal_ought": 2.0,
        "frame:need_need": 1.5,
        "frame:need_have": 1.5,
        "frame:urge": 2.0,
        "frame:call_for": 2.0,
        "frame:call_for_thing": 2.0,  # "We call for an immediate ceasefire": advice with no one named to act
        "frame:advice": 2.0,
        "frame:time_for": 2.0,
        "frame:time_for_headline": 2.0,  # "Time for X to ...": the headline form of "it is time for X to"
        "frame:time_has_come": 2.0,  # "the time has come for X to ...": "it is time for X to" in other words
        "frame:now_is_the_time": 2.0,  # "Now is the time for X to ...": "it is time for X to" in other words
        "frame:resolution_that": 2.0,  # "That the Government ... begin": a committee's recommendation, in its form
        "frame:listed_gerund": 2.0,  # "its recommendations include expanding X": the recommending said by a noun
        "frame:vocative_imperative": 2.0,  # "Stay out of Venezuela, Mr. Trump": an order addressed by name
        # "[Editorial] Raise nuclear deterrence": the paper's own order; outweighs the headline and the actor left
        # unnamed (-1.5 together), as an order addressed by name is kept
        "frame:editorial_headline": 3.5,
        "frame:do_well_to": 2.0,
        "frame:let_us": 2.0,  # "Let us use diplomacy with Iran": an editorial's or a letter's call to its own side
        "frame:answer_is_to": 1.5,
        "frame:what_x_needs": 1.5,  # "What Manila needs now is to ...": the same advice as "needs to"
        "frame:no_choice_but": 1.5,  # "Britain has no choice but to ...": advice put as necessity, in the present
        "frame:onus_on": 2.0,  # "The onus is on Brussels to ...": whose duty the author says it is
        "frame:falls_to": 2.0,  # "It falls to the Council to ...": the same
        "frame:up_to": 2.0,  # "It is up to Congress to ...": the same
        "frame:incumbent_on": 2.0,  # "It is incumbent upon X to ...": the same, formally
        "frame:wise_for": 2.0,  # "It would be wise for X to ...": "X would be wise to" turned round
        "frame:need_for": 1.5,  # "There is a need for X to ...": "X needs to", impersonal
        "frame:stressed_the_need": 1.5,  # "X stressed the need for Y to ...": "Y needs to", as X put it
        "frame:had_better": 2.0,  # the same advice as "should", said more sharply
        "frame:well_advised_to": 2.0,  # "would do well to" in other words
        "intro_directive": 2.0,
        "intro_colon": 1.0,
        "policy_verb": 0.5,
        "actor:state": 1.0,
        "actor:group": 1.0,
        "actor:office": 1.0,
        "actor:other": -1.5,  # advice to travellers, homeowners, "none of this": rarely policy (dev and blind b)
        "actor:none": -1.0,
        "quoted": -1.5,
        "reported": -1.5,
        "reported_by_named": 1.0,
        "passive": -1.0,
        "copula": -0.5,
        "copula_noun": -1.5,  # "should be an opportunity to", "should be an example of": a wish, not a step to take
        "headline": -0.5,
        "article_argues": 1.0,
        "article_names_no_state": -1.5,  # advice in an article that names no state is rarely policy (gutters, diets)
        **FIXED,
    },
    threshold=HAND_THRESHOLD,
)


@cache
def model() -> Model:
    """The model the weights file keeps (fitted or hand-set), read once."""
    return kept_model(json.loads((DATA_DIR / WEIGHTS_FILE).read_text(encoding="utf-8")))


def kept_model(record: dict) -> Model:
    """The hand-set weights or the fitted ones, as the weights file's `kept` says."""
    if record.get("kept", "fitted") == "hand_set":
        return HAND_SET
    return Model(bias=record["bias"], weights=record["weights"], threshold=record["threshold"])


def probability(features: dict[str, float], fitted: Model | None = None) -> float:
    """The logistic score of a candidate's features (unknown features weigh nothing)."""
    fitted = fitted or model()
    total = fitted.bias + sum(fitted.weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))


def is_kept(features: dict[str, float], fitted: Model | None = None) -> bool:
    """Whether a candidate with these features is reported as a recommendation."""
    fitted = fitted or model()
    return probability(features, fitted) >= fitted.threshold
