"""Chat-sized views of a brief, prepared before the core renders them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from briefings.models import Brief, Fact
from briefings.render import SECTION_ORDER

CITATIONS_PER_FACT = 3


def compact(brief: Brief, per_fact: int = CITATIONS_PER_FACT) -> Brief:
    """The brief with each fact citing at most `per_fact` articles, so a chat view is not buried in sources.

    The Sources button still lists every article the full brief cites.
    """

    def trim(fact: Fact) -> Fact:
        return fact if len(fact.evidence) <= per_fact else replace(fact, evidence=fact.evidence[:per_fact])

    trimmed: dict[str, Any] = {kind: tuple(trim(f) for f in getattr(brief, kind)) for kind in SECTION_ORDER}
    return replace(brief, **trimmed)
