"""Benchmark of the workshop's group summary: what the teacher's page costs
each time it is refreshed. For N participants (30: a full workshop; 500:
the most the reader takes), each with a full ranking of 35 industries, five
priorities and a realistic workbook of about 40 kB, it prints the median
time to read the folder, to sum up the group, to render HTML and Markdown,
and to write the Word file.

Run: .venv/bin/python benchmarks/workshop.py
Target on a 2-core machine: under 1 s for 30 participants from folder to HTML,
so that the teacher's page can refresh every few seconds.
"""

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exercises.models.workshop import load_group, summarise  # noqa: E402
from exercises.reports.group_summary import summary_docx, summary_html, summary_markdown  # noqa: E402
from exercises.workbook.store import SCHEMA_VERSION  # noqa: E402

INDUSTRIES = [f"Næring {n:02d}" for n in range(35)]
TITLES = ["Sjømat med merkevare", "Grønne verft", "Sporbar sjømat med IKT", "Reiseliv hele året",
          "Hydrogen i havna", "Mineraler og prosessindustri", "Helseteknologi", "Datasenter"]


def workbook(rng: random.Random) -> dict:
    order = rng.sample(INDUSTRIES, len(INDUSTRIES))
    titles = rng.sample(TITLES, 5)
    analysis = {"county": "18", "year": 2023, "weights": {"masse": 1, "vekst": 2},
                "ranking": [{"industry": f"i{n}", "name": name, "rank": n + 1, "score": 0.5, "label": "",
                             "reason": "Begrunnelse " * 10} for n, name in enumerate(order)],
                "strengths": [{"industry": "x", "name": name} for name in order[:3]],
                "niches": [{"industry": "y", "name": name} for name in order[3:5]]}
    priorities = {"priorities": [{"key": t.casefold(), "title": t, "reason": "Fordi " * 60} for t in titles]}
    filler = {"tekst": "Lorem ipsum " * 2500}  # the rest of a learner's workbook: vision, actions, indicators
    sections = {"analyse": analysis, "prioriteringer": priorities, "visjon": filler,
                "profil": {"county": "18", "county_name": "Nordland"}}
    return {"schema_version": SCHEMA_VERSION, "sections": {k: {"saved": "2026-11-30T10:00:00", "value": v}
                                                           for k, v in sections.items()}}


def median_ms(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    rng = random.Random(1)
    for n in (30, 500):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            for k in range(n):
                (folder / f"deltaker{k:03d}.json").write_text(json.dumps(workbook(rng), ensure_ascii=False),
                                                             encoding="utf-8")
            size = sum(p.stat().st_size for p in folder.iterdir()) / n / 1000
            repeat = 10 if n <= 30 else 3
            group = load_group(folder)
            summary = summarise(group)
            read = median_ms(lambda: load_group(folder), repeat)
            summed = median_ms(lambda: summarise(group), repeat)
            html = median_ms(lambda: summary_html(summary), repeat)
            markdown = median_ms(lambda: summary_markdown(summary), repeat)
            word = median_ms(lambda: summary_docx(summary, folder / "oppsummering.docx.tmp"), repeat)
            print(f"{n} participants ({size:.0f} kB per workbook): read folder {read:.0f} ms, summarise {summed:.1f} ms, "
                  f"HTML {html:.1f} ms, Markdown {markdown:.1f} ms, Word {word:.0f} ms; "
                  f"folder to HTML {read + summed + html:.0f} ms (target < 1000 ms at 30)")
