"""A merged fact's citations: the first few in its payload, all of them as rows when there are many.

A weapon named by 12,500 articles of a million-article store cites each of them. Held in its payload, every fold of
one more article (briefings.store.merging) read, parsed, serialised and wrote that payload whole: 70-100 ms a weapon.
So a folded fact (weapons, figures, quotes) that cites more than HEAD_CITATIONS pieces of evidence keeps them in its
fact_sources rows (one per document, that document's pieces in order) and its payload cites only the first
HEAD_CITATIONS, which is what a cut brief shows. A fold then reads the head and writes the new articles' rows only.

A folded fact's evidence is in document order (briefings.merge.merged_evidence), so its rows sorted by document id,
in Python (a database may collate ids otherwise), give the evidence back exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.store.tables import FactSourceRow

HEAD_CITATIONS = 3  # pieces of evidence a cut brief shows per fact: a chat shows a few, a weapon may have thousands
CHUNK = 500  # ids or groups per IN (...) list: well under every database's limit on bound parameters


def head_of(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The payload citing only its first HEAD_CITATIONS pieces of evidence; None when it cites no more than that."""
    evidence = payload.get("evidence") or []
    return {**payload, "evidence": evidence[:HEAD_CITATIONS]} if len(evidence) > HEAD_CITATIONS else None


def evidence_by_document(evidence: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A fact's pieces of evidence (as dicts) by document, each document's in their order."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for piece in evidence:
        found[piece["doc"]].append(dict(piece))
    return found


def with_cited_evidence(session: Session, payloads: dict[int, dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """The payloads (by fact id) of facts whose evidence is kept as rows, each citing all of it again."""
    rows: dict[int, list[tuple[str, list[dict[str, Any]]]]] = defaultdict(list)
    ids = sorted(payloads)
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        stmt = select(FactSourceRow.fact_id, FactSourceRow.doc_id, FactSourceRow.evidence)
        for fact_id, doc, evidence in session.execute(stmt.where(FactSourceRow.fact_id.in_(chunk))):
            rows[fact_id].append((doc, evidence or []))
    return {
        fact_id: {
            **payload,
            "evidence": [piece for _doc, pieces in sorted(rows[fact_id], key=lambda row: row[0]) for piece in pieces],
        }
        for fact_id, payload in payloads.items()
    }
