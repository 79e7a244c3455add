"""MQM error annotation: categories, severities, weights and the MQM scoring model.

APT (absolute penalty total) = Σ severity multiplier × weight; EWC (evaluation word count)
= whitespace-separated words of the source, of the MT where there is none; NPT (normed
penalty per 1,000 words) = APT × 1000 / EWC; OQS (quality score) = max(0, 100 − NPT);
a text passes when OQS ≥ the threshold and it has no critical error.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reviewer.core.errors import ReviewerError

# id: label, in the order a list or a key map shows them
CATEGORIES: dict[str, str] = {
    "accuracy/mistranslation": "Accuracy: mistranslation",
    "accuracy/omission": "Accuracy: omission",
    "accuracy/addition": "Accuracy: addition",
    "accuracy/untranslated": "Accuracy: untranslated",
    "fluency/grammar": "Fluency: grammar",
    "fluency/spelling": "Fluency: spelling",
    "fluency/punctuation": "Fluency: punctuation",
    "fluency/register": "Fluency: register",
    "terminology": "Terminology",
    "style": "Style",
    "locale-conventions": "Locale conventions",
    "non-translation": "Non-translation",
    "other": "Other",
}

# id: multiplier
SEVERITIES: dict[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
SEVERITY_LABELS: dict[str, str] = {name: name.capitalize() for name in SEVERITIES}
CRITICAL = "critical"

SIDES = ("mt", "correction")

# a key is a category ("style") or a category and a severity ("fluency/punctuation:minor");
# the second is the more specific; anything not named weighs 1. WMT practice: a minor
# punctuation error costs 0.1, a non-translation 25.
DEFAULT_WEIGHTS: dict[str, float] = {"fluency/punctuation:minor": 0.1, "non-translation": 25.0}
DEFAULT_THRESHOLD = 90.0
SETTINGS_PROPERTY = "mqm_settings"  # the project property that holds MqmSettings as JSON

MAX_NOTE = 2_000  # characters
_CATEGORY_ID = re.compile(r"[a-z][a-z0-9-]*(/[a-z][a-z0-9-]*)?")


@dataclass(frozen=True)
class Annotation:
    """An MQM error annotation as it is now (or, in a history, as one revision left it)."""

    id: int
    position: int  # the segment's, 0-based
    side: str  # 'mt' or 'correction'
    start: int  # characters of that side's text in the tag notation, end exclusive
    end: int
    category: str
    severity: str
    note: str
    author: str  # who made it (in a history: who made this revision)
    created_at: str
    revision_id: int | None  # the segment revision a correction-side span counts in
    number: int  # of its newest revision (in a history: of this one)
    deleted: bool = False


@dataclass(frozen=True)
class MqmScore:
    """The MQM figures of a segment or of the document."""

    apt: float
    ewc: int
    npt: float
    score: float
    passed: bool
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """As ``score --json`` writes it."""
        return {"apt": self.apt, "ewc": self.ewc, "npt": self.npt, "score": self.score,
                "pass": self.passed, "by_category": self.by_category}


@dataclass(frozen=True)
class MqmSettings:
    """A project's weights, pass threshold and the categories annotators choose from."""

    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    threshold: float = DEFAULT_THRESHOLD
    categories: tuple[str, ...] = tuple(CATEGORIES)

    def weight(self, category: str, severity: str) -> float:
        """The weight of an error of ``category`` at ``severity``."""
        specific = self.weights.get(f"{category}:{severity}")
        if specific is not None:
            return specific
        return self.weights.get(category, 1.0)

    def penalty(self, category: str, severity: str) -> float:
        """What one such error adds to the APT."""
        return SEVERITIES[severity] * self.weight(category, severity)

    def to_json(self) -> str:
        """The settings as the project property stores them."""
        return json.dumps({"weights": self.weights, "threshold": self.threshold,
                           "categories": list(self.categories)}, ensure_ascii=False,
                          sort_keys=True)

    @classmethod
    def from_data(cls, data: object) -> MqmSettings:
        """Settings from parsed JSON; what is left out keeps its default, a bad value is an
        error."""
        if not isinstance(data, dict):
            raise ReviewerError("MQM settings must be a JSON object with weights, threshold "
                                "and categories")
        unknown = sorted(set(data) - {"weights", "threshold", "categories"})
        if unknown:
            raise ReviewerError(f"MQM settings: unknown key {unknown[0]!r} (known: weights, "
                                "threshold, categories)")
        default = cls()
        categories = default.categories
        if "categories" in data:
            raw = data["categories"]
            if not isinstance(raw, list) or not raw:
                raise ReviewerError("MQM settings: categories must be a non-empty list of ids")
            categories = tuple(check_category_id(str(item)) for item in raw)
        weights = default.weights
        if "weights" in data:
            raw_weights = data["weights"]
            if not isinstance(raw_weights, dict):
                raise ReviewerError("MQM settings: weights must be an object of KEY: number")
            weights = {check_weight_key(str(k)): check_weight(v, str(k))
                       for k, v in raw_weights.items()}
        threshold = check_threshold(data.get("threshold", default.threshold))
        return cls(weights, threshold, categories)

    @classmethod
    def from_json(cls, text: str) -> MqmSettings:
        """Settings from JSON text (an error in one line when it is not valid)."""
        try:
            data = json.loads(text)
        except ValueError as error:
            raise ReviewerError(f"MQM settings are not valid JSON ({error})") from None
        return cls.from_data(data)


def check_category_id(category: str) -> str:
    """A category id as settings may hold it (a known one or a new lower-case id)."""
    if category in CATEGORIES or _CATEGORY_ID.fullmatch(category):
        return category
    raise ReviewerError(f"{category!r} is not a category id (like 'style' or 'fluency/grammar')")


def check_weight_key(key: str) -> str:
    """``CATEGORY`` or ``CATEGORY:SEVERITY``."""
    category, _, severity = key.partition(":")
    check_category_id(category)
    if severity and severity not in SEVERITIES:
        raise ReviewerError(f"weight {key!r}: unknown severity {severity!r} (known: "
                            f"{', '.join(SEVERITIES)})")
    return key


def check_weight(value: object, key: str) -> float:
    """A weight: a finite number ≥ 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ReviewerError(f"weight {key!r} must be a number")
    try:
        weight = float(value)
    except ValueError:
        raise ReviewerError(f"weight {key!r}: {value!r} is not a number") from None
    if not math.isfinite(weight) or weight < 0:
        raise ReviewerError(f"weight {key!r} must be a number of 0 or more")
    return weight


def check_threshold(value: object) -> float:
    """A pass threshold: a number from 0 to 100."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ReviewerError("the MQM threshold must be a number from 0 to 100")
    try:
        threshold = float(value)
    except ValueError:
        raise ReviewerError(f"the MQM threshold {value!r} is not a number") from None
    if not 0 <= threshold <= 100:
        raise ReviewerError("the MQM threshold must be a number from 0 to 100")
    return threshold


def check_kind(category: str, severity: str, settings: MqmSettings) -> None:
    """Refuse a category the project does not use or an unknown severity."""
    if category not in settings.categories:
        raise ReviewerError(f"unknown MQM category {category!r}: use one of "
                            f"{', '.join(settings.categories)}")
    if severity not in SEVERITIES:
        raise ReviewerError(f"unknown MQM severity {severity!r}: use one of "
                            f"{', '.join(SEVERITIES)}")


def clean_note(note: str) -> str:
    """A note as stored: no space around, one paragraph or a few; else an error."""
    note = note.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(note) > MAX_NOTE:
        raise ReviewerError(f"an annotation note is longer than {MAX_NOTE} characters "
                            f"({len(note)})")
    for char in note:
        if (ord(char) < 0x20 and char not in "\t\n") or 0xD800 <= ord(char) <= 0xDFFF:
            raise ReviewerError(f"an annotation note cannot hold the control character "
                                f"U+{ord(char):04X}")
    return note


def check_span(start: int, end: int, text: str, side: str, position: int) -> None:
    """Refuse a span that is empty, reversed or outside ``text`` (one line)."""
    if side not in SIDES:
        raise ReviewerError(f"unknown side {side!r}: use mt or correction")
    if not 0 <= start < end <= len(text):
        raise ReviewerError(f"span {start}-{end} is not within the {side} of segment "
                            f"{position + 1} (0-{len(text)}, start before end)")


def word_count(text: str | None) -> int:
    """Whitespace-separated words."""
    return 0 if text is None else len(text.split())


def evaluation_words(source: str | None, mt: str) -> int:
    """A segment's EWC: the words of its source, of its MT when it has none."""
    return word_count(source) if source is not None else word_count(mt)


def mqm_score(annotations: Iterable[Annotation], ewc: int, settings: MqmSettings) -> MqmScore:
    """The MQM figures of live annotations over ``ewc`` words (an EWC of 0 counts as 1)."""
    apt = 0.0
    critical = False
    by_category: dict[str, dict[str, int]] = {}
    for annotation in annotations:
        if annotation.deleted:
            continue
        apt += settings.penalty(annotation.category, annotation.severity)
        critical = critical or annotation.severity == CRITICAL
        counts = by_category.setdefault(annotation.category, {})
        counts[annotation.severity] = counts.get(annotation.severity, 0) + 1
    apt = round(apt, 6)  # 0.1 + 0.1 + 0.1 is 0.3
    npt = round(apt * 1000 / max(ewc, 1), 6)
    score = round(max(0.0, 100.0 - npt), 6)
    return MqmScore(apt, ewc, npt, score, score >= settings.threshold and not critical,
                    {category: by_category[category] for category in sorted(by_category)})


def parse_weight_options(options: Sequence[str]) -> dict[str, float]:
    """``CAT=W`` or ``CAT:SEV=W`` options as weights."""
    weights: dict[str, float] = {}
    for option in options:
        key, equals, value = option.partition("=")
        if not equals:
            raise ReviewerError(f"--weight {option!r}: write CATEGORY=WEIGHT or "
                                "CATEGORY:SEVERITY=WEIGHT")
        key = check_weight_key(key.strip())
        weights[key] = check_weight(value.strip(), key)
    return weights


def category_label(category: str) -> str:
    """A category's label (a project's own category: its id)."""
    return CATEGORIES.get(category, category)



@dataclass(frozen=True)
class AnnotatedSpan:
    """An annotation with the text (in the notation) its offsets count in, for exports."""

    annotation: Annotation
    text: str

    def to_json(self) -> dict[str, object]:
        """As ``annotations --json`` and the JSONL export write it."""
        a = self.annotation
        return {"id": a.id, "segment": a.position + 1, "side": a.side, "start": a.start,
                "end": a.end, "text": self.text[a.start:a.end], "category": a.category,
                "severity": a.severity, "note": a.note, "author": a.author,
                "time": a.created_at, "revision_id": a.revision_id, "revisions": a.number}

    def marked(self) -> str:
        """The text with the span between ``<v>`` and ``</v>``, as WMT's MQM TSV has it."""
        a = self.annotation
        return f"{self.text[:a.start]}<v>{self.text[a.start:a.end]}</v>{self.text[a.end:]}"


# WMT MQM TSV spellings (Freitag et al. 2021)
_WMT_CATEGORIES = {"non-translation": "Non-translation!", "locale-conventions":
                   "Locale convention", "other": "Other"}


def wmt_category(category: str) -> str:
    """A category as WMT's MQM TSV writes it: ``Accuracy/Mistranslation``."""
    if category in _WMT_CATEGORIES:
        return _WMT_CATEGORIES[category]
    return "/".join(part[:1].upper() + part[1:] for part in category.split("/"))
