"""The course's judgements of figures, in one place, so that two chapters
never disagree: how specialised an industry is (against the line
:data:`~exercises.analysis.indicators.CLEARLY_SPECIALISED`), and whether a
candidate niche is already a strength or lies far from the county's
strengths. Every model that judges an LQ or a niche uses these."""

from __future__ import annotations

import math

from exercises.analysis.indicators import CLEARLY_SPECIALISED
from exercises.core.numbers import number

CLEAR, SOME, NONE = "tydelig", "litt", "ikke"


def specialisation(lq) -> str | None:
    """«tydelig» (LQ ≥ CLEARLY_SPECIALISED), «litt» (1 ≤ LQ below it),
    «ikke» (below 1), or None when the figure is missing."""
    if lq is None or (isinstance(lq, float) and math.isnan(lq)):
        return None
    return CLEAR if lq >= CLEARLY_SPECIALISED else SOME if lq >= 1 else NONE


def line() -> str:
    """«1,25», the line as the learner reads it."""
    return number(CLEARLY_SPECIALISED, 2)


def supports_pick(lq, share_text: str) -> str:
    """What the figures say of an industry chosen as a specialisation (LQ ≥ 1)."""
    lq_text = number(lq, 2)
    if specialisation(lq) == CLEAR:
        return (f"LQ {lq_text} og {share_text} av de sysselsatte: fylket er tydelig spesialisert i næringen "
                f"(kurset bruker LQ {line()} som grense), så tallene støtter valget.")
    return (f"LQ {lq_text} og {share_text} av de sysselsatte: andelen er litt over landets, men under kursets "
            f"grense for tydelig spesialisert (LQ {line()}). Tallene alene bærer ikke valget; si i begrunnelsen "
            "hva mer fylket bygger på.")


def niche_already_strength(name: str, lq) -> str | None:
    """For a candidate niche: the note that it is already a clear
    strength, or None if it is not (this note comes before any other about
    the niche, in every chapter)."""
    if specialisation(lq) != CLEAR:
        return None
    return (f"{name} har allerede LQ {number(lq, 2)}: fylket er tydelig spesialisert i den (kurset bruker LQ "
            f"{line()} som grense), så den er en styrke mer enn en ny nisje. En nisje kan likevel være en smal "
            "del av den, for eksempel en ny teknologi eller et nytt marked.")


def niche_far(name: str, density) -> str:
    """For a candidate niche that is not a strength, with low relatedness density."""
    return (f"{name} ligger langt fra det fylket er spesialisert i (tetthet {number(density, 2)}). Det kan bli "
            "et dyrt og usikkert løft; begrunnelsen bør si hva som gjør den mulig.")
