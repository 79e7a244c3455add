"""Tell cp1251 from KOI8-R by how Russian the decoded text looks."""

from __future__ import annotations

import math

CANDIDATES = ("cp1251", "koi8-r")

# Letter frequencies of Russian prose, in percent.
_FREQUENCY = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
}
_LOG = {letter: math.log(share / 100) for letter, share in _FREQUENCY.items()}
_RARE = math.log(0.0001)
_PUNCTUATION = set("«»„“”‘’–—…№\u00a0•·°")
_CAPITAL_AFTER_SMALL = -4.0  # "прИВЕТ": capitals after a small letter in one word
_CAPITAL_INSIDE = -1.5  # "ПРИВЕТ": capitals are rare past a word's first letter
_FOREIGN = -8.0  # box drawing and other symbols a Russian text would not hold
MIN_LETTERS = 8
MIN_MARGIN_PER_LETTER = 0.5


def _score(text: str) -> tuple[float, int]:
    """Log-likelihood of ``text`` as Russian prose and how many Cyrillic letters it has."""
    total = 0.0
    letters = 0
    word_has_small = in_word = False
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            lower = char.lower()
            total += _LOG.get(lower, _RARE)
            letters += 1
            if char != lower:
                if word_has_small:
                    total += _CAPITAL_AFTER_SMALL
                elif in_word:
                    total += _CAPITAL_INSIDE
            word_has_small = word_has_small or char == lower
            in_word = True
            continue
        word_has_small = in_word = False
        if ord(char) > 127 and char not in _PUNCTUATION:
            total += _FOREIGN
    return total, letters


def guess_legacy_cyrillic(data: bytes) -> str | None:
    """cp1251 or koi8-r when one clearly reads as Russian text, else None."""
    scored: list[tuple[float, int, str]] = []
    for encoding in CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score, letters = _score(text)
        scored.append((score, letters, encoding))
    if not scored:
        return None
    scored.sort(reverse=True)
    best_score, letters, encoding = scored[0]
    if letters < MIN_LETTERS or best_score / letters < _RARE / 2:
        return None
    if len(scored) > 1 and best_score - scored[1][0] < MIN_MARGIN_PER_LETTER * letters:
        return None
    return encoding
