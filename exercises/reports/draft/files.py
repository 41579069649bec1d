"""Writing the draft as .md, .html and .docx, and the command behind `kurs.py utkast`."""

import datetime as dt
import re
from pathlib import Path

from exercises.core.atomic import write_all_atomic, write_atomic
from exercises.core.feedback import Feedback
from exercises.reports.draft.blocks import Draft
from exercises.reports.draft.content import build_draft
from exercises.reports.draft.html import to_html
from exercises.reports.draft.markdown import to_markdown
from exercises.reports.draft.word import TemplateError, template_bytes, to_docx
from exercises.workbook.store import Workbook


def _slug(text: str) -> str:
    text = text.casefold().translate(str.maketrans({"æ": "ae", "ø": "o", "å": "a"}))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "fylket"


def draft_stem(draft: Draft) -> str:
    """«utkast-nordland», or «utkast» before a county is chosen."""
    return f"utkast-{_slug(draft.county)[:60].strip('-')}" if draft.county else "utkast"


def download_name(draft: Draft, suffix: str, kind: str = "utkast") -> str:
    """A downloaded file's name with the county and the date:
    «utkast-nordland-2026-12-02.docx», «arbeidsbok-nordland-2026-12-02.json»."""
    stem = draft_stem(draft).replace("utkast", kind, 1)
    return f"{stem}-{draft.date:%Y-%m-%d}.{suffix}"


def write_draft(workbook: Workbook, folder: Path | str | None = None, today: dt.date | None = None,
                template: Path | str | bytes | None = None) -> tuple[Draft, dict[str, Path]]:
    """Build the draft and write it as .md, .html and .docx in ``folder``
    (default: «utkast» next to the workbook), the .docx on ``template`` if
    given (a county's Word template). Returns the draft and the files."""
    draft = build_draft(workbook, today)
    folder = Path(folder) if folder else workbook.path.parent / "utkast"
    folder.mkdir(parents=True, exist_ok=True)
    stem = draft_stem(draft)
    contents = {"md": to_markdown(draft).encode("utf-8"), "html": to_html(draft).encode("utf-8"),
                "docx": to_docx(draft, template)}
    files = {suffix: folder / f"{stem}.{suffix}" for suffix in contents}
    write_all_atomic({files[suffix]: content for suffix, content in contents.items()})  # the three agree
    return draft, files


def save_draft(workbook: Workbook, folder: Path | str | None = None, today: dt.date | None = None,
               template: Path | str | bytes | None = None) -> tuple[Feedback, Draft | None]:
    """Write the three files and say what was written and what is missing."""
    try:
        draft, files = write_draft(workbook, folder, today, template)
    except TemplateError as error:
        return Feedback(errors=[str(error)]), None
    except OSError as error:
        where = folder or workbook.path.parent / "utkast"
        return Feedback(errors=[f"Kunne ikke skrive utkastet i {where} ({error.strerror or error}). Sjekk at du "
                                "kan skrive i mappen, og prøv igjen. Arbeidsboka er ikke endret."]), None
    if draft.missing:
        notes = [f"Utkastet mangler {len(draft.missing)} deler. Hver del står som «Mangler» i dokumentet. "
                 "Gjør disse kapitlene, og lag utkastet på nytt:", *draft.missing]
    else:
        notes = ["Utkastet har med alle delene. Les det gjennom, og ta det med inn i planarbeidet i fylket."]
    files_text = ", ".join(str(path) for path in files.values())
    return Feedback(notes=notes, saved=f"Utkastet er lagret i tre formater: {files_text}."), draft


def main(argv: list[str] | None = None) -> int:
    """``python -m exercises.reports.draft.files [--mal FIL] [--mappe MAPPE]`` writes the
    draft from the learner's workbook; ``--lag-mal FIL`` writes the course's
    neutral Word template, for a county to restyle and use with ``--mal``."""
    import argparse

    parser = argparse.ArgumentParser(prog="kurs.py utkast", description="Lag utkastet fra arbeidsboka.")
    parser.add_argument("--mal", help="fylkets egen Word-mal (.docx) for Word-utkastet")
    parser.add_argument("--mappe", help="mappen utkastet skrives til (standard: «utkast» ved arbeidsboka)")
    parser.add_argument("--lag-mal", metavar="FIL", help="skriv kursets nøytrale Word-mal til FIL og avslutt")
    args = parser.parse_args(argv)
    if args.lag_mal:
        target = Path(args.lag_mal)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, template_bytes())
        except OSError as error:
            print(f"Kunne ikke skrive malen til {target} ({error.strerror or error}).")
            return 1
        print(f"Kursets Word-mal er skrevet til {target}. Endre stilene i Word, og bruk den med --mal.")
        return 0
    result, _ = save_draft(Workbook(), args.mappe, template=args.mal)
    for line in [*result.errors, *result.notes, *([result.saved] if result.saved else [])]:
        print(line)
    return 0 if result.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
