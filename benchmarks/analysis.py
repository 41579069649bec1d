"""Benchmark of the analysis exercises: prints the median time of one
ranking update (what a learner waits for when moving a weight slider) and of
the full relatedness computation over all regions × industries.

Run: .venv/bin/python benchmarks/analysis.py   (needs the imported real data)
Targets on a 2-core machine: under 50 ms per update, under 200 ms for relatedness.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exercises.analysis import relatedness  # noqa: E402
from exercises.data.dataset import Dataset, load_real_data  # noqa: E402
from exercises.views.ranking_view import RankingView  # noqa: E402
from exercises.workbook.store import Workbook  # noqa: E402


def median_ms(action, repeat: int) -> float:
    times = []
    for n in range(repeat):
        start = time.perf_counter()
        action(n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def full_relatedness(_):
    fresh = Dataset(data.frame, data.provenance)  # nothing computed yet: a Dataset keeps what it has computed
    presences = [fresh.presence(year) for year in fresh.years]
    phi = relatedness.proximity(relatedness.pooled_presence(presences))
    relatedness.relatedness_density(presences[-1], phi)


if __name__ == "__main__":
    data = load_real_data()
    with tempfile.TemporaryDirectory() as folder:
        view = RankingView(data, Workbook(Path(folder) / "arbeidsbok.json"), county="46")

        def move_slider(n):
            view.weights["vekst"].value = n % 6

        update = median_ms(move_slider, 60)
    rel = median_ms(full_relatedness, 30)
    regions, industries = data.matrix(data.years[-1]).shape
    print(f"Ranking update (one weight slider, Vestland, table and sensitivity redrawn): median {update:.1f} ms (target < 50 ms)")
    print(f"Relatedness, {regions} regions × {industries} industries × {len(data.years)} years pooled: "
          f"median {rel:.1f} ms (target < 200 ms)")
