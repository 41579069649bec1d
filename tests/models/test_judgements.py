"""One source for the course's judgements of figures (exercises/models/judgements.py)."""

from exercises.analysis.indicators import CLEARLY_SPECIALISED
from exercises.models import judgements


def test_the_figures_support_a_pick_only_at_the_line_for_clearly_specialised():
    assert "tallene støtter valget" in judgements.supports_pick(CLEARLY_SPECIALISED, "5 %")
    below = judgements.supports_pick(1.04, "5 %")  # «reiseliv» in the issue
    assert "tallene støtter valget" not in below and "under kursets grense" in below and "1,25" in below


def test_a_niche_is_a_strength_from_the_same_line_in_every_chapter():
    assert judgements.niche_already_strength("«X»", CLEARLY_SPECIALISED - 0.01) is None
    assert "styrke mer enn en ny nisje" in judgements.niche_already_strength("«X»", CLEARLY_SPECIALISED)
    assert judgements.specialisation(float("nan")) is None
    assert [judgements.specialisation(v) for v in (0.9, 1.0, 1.25)] == ["ikke", "litt", "tydelig"]
