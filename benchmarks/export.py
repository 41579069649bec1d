"""Benchmark of «Ditt utkast»: prints the median time to build the draft of a
learner who did every chapter for Nordland and write it as .md, .html and
.docx (what the learner waits for after pressing the button), and the time
LibreOffice takes to render the .docx to PDF (what the PDF test costs).

Run: .venv/bin/python benchmarks/export.py   (needs the imported real data;
the PDF figure needs LibreOffice). Target on a 2-core machine: the three files
in under 1 s.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from every_chapter import nordland  # noqa: E402
from workbooks import DAY  # noqa: E402

from exercises.data.dataset import load_real_data  # noqa: E402
from exercises.reports.draft.files import write_draft  # noqa: E402
from exercises.workbook.store import Workbook  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        workbook = nordland(Workbook(Path(folder) / "arbeidsbok.json"), load_real_data())
        times = []
        for n in range(7):
            start = time.perf_counter()
            _, files = write_draft(workbook, Path(folder) / f"ut{n}", DAY)
            times.append(time.perf_counter() - start)
        print(f"utkast (md, html, docx): median {statistics.median(times) * 1000:.0f} ms over {len(times)} runs; "
              f"docx {files['docx'].stat().st_size / 1024:.0f} KB")
        soffice = shutil.which("soffice")
        if soffice is None:
            print("LibreOffice mangler: ingen tid for PDF")
            return
        start = time.perf_counter()
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(files["docx"])], check=True, capture_output=True)
        print(f"docx -> pdf i LibreOffice (første gang, med ny profil): {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
