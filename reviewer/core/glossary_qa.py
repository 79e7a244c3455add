"""The glossary's QA checks: a term of the source (the MT without a source) whose target
is missing from the correction, and a forbidden target term used in it."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reviewer.core.glossary import GlossaryIndex, GlossaryTerm, TermHit, target_present
from reviewer.core.qa import FORBIDDEN_TERM, GLOSSARY, QaWarning
from reviewer.core.tags import plain_text


def forbidden_index(terms: Sequence[GlossaryTerm], language: str | None) -> GlossaryIndex:
    """The forbidden terms, indexed to be found in corrections (written in ``language``)."""
    return GlossaryIndex([term for term in terms if term.forbidden], language, on_target=True)


def glossary_warnings(text: str, hits: Sequence[TermHit], forbidden: GlossaryIndex | None,
                      language: str | None, disabled: Collection[str] = ()) -> list[QaWarning]:
    """The glossary's warnings about correction ``text`` (written in ``language``): ``hits``
    are the terms found in the segment's source (or MT), ``forbidden`` the forbidden terms
    (``forbidden_index``).

    A source term with several allowed targets is satisfied by any of them; a forbidden
    term is reported wherever it appears, whatever the source says.
    """
    if not plain_text(text).strip():
        return []
    found: list[QaWarning] = []
    if GLOSSARY not in disabled:
        wanted: dict[str, list[GlossaryTerm]] = {}  # source term: its allowed targets
        for hit in hits:
            if not hit.term.forbidden:
                wanted.setdefault(hit.term.source.casefold(), []).append(hit.term)
        for terms in wanted.values():
            if not any(target_present(text, term.target, language) for term in terms):
                targets = " or ".join(dict.fromkeys(f"“{term.target}”" for term in terms))
                found.append(QaWarning(GLOSSARY, f"“{terms[0].source}” should be translated "
                                       f"as {targets}", 0, len(text)))
    if FORBIDDEN_TERM not in disabled and forbidden is not None and forbidden.terms:
        spans: dict[tuple[int, int], GlossaryTerm] = {}
        for hit in forbidden.find(text):
            spans.setdefault((hit.start, hit.end), hit.term)
        found += [QaWarning(FORBIDDEN_TERM, f"“{text[start:end]}” is a forbidden term "
                            f"(for “{term.source}”)", start, end)
                  for (start, end), term in spans.items()]
    return found
