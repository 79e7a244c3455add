"""Corrections of the seed article that each trip one QA check (segment number: text, check)."""

from __future__ import annotations

from reviewer.core.qa import (
    BRACKETS,
    DOUBLE_SPACE,
    EMPTY,
    NUMBERS,
    QUOTES,
    REPEATED_WORD,
    SPELLING,
    WHITESPACE,
)

SEED_EDITS = {
    1: ("Putin: the the Russian military acts successfully in Syria", REPEATED_WORD),
    2: ("SOCHI, October.", NUMBERS),
    3: ("The President of Russia,  Vladimir Putin, is convinced.", DOUBLE_SPACE),
    7: ("“We act in line with our beliefs and international law, – said the President.",
        QUOTES),
    8: ("He recalled the actions (of the international coalition in Syria.", BRACKETS),
    13: ("Putin recalled that Moscow had ofered to send a military delegation to the U.S.",
         SPELLING),
    17: (" In his view, Iran must first be involved in the process.", WHITESPACE),
    26: ("", EMPTY),
}
