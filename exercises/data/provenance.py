"""Where numbers come from. Every table and figure in the course shows one."""

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Provenance:
    source: str
    title: str
    licence: str
    years: tuple[int, int]
    table: str = ""
    url: str = ""
    retrieved: str = ""
    note: str = ""
    fictional: bool = False
    version: str = ""  # when the source last updated the table (SSB's «updated»)

    def caption(self, year: int | None = None) -> str:
        """One Norwegian line to print under a table or figure."""
        when = str(year) if year is not None else f"{self.years[0]}–{self.years[1]}"
        if self.fictional:
            return (
                f"Fiktive undervisningsdata ({when}): {self.title}. "
                "Tallene er laget for kurset og beskriver ingen virkelig region."
            )
        table = f"tabell {self.table} «{self.title}»" if self.table else f"«{self.title}»"
        parts = [f"Kilde: {self.source}, {table}, {when}."]
        parts.append(f"Lisens {self.licence}.")
        if self.retrieved:
            parts.append(f"Hentet {self.retrieved}" + (f" (tabellen oppdatert {self.version})." if self.version else "."))
        if self.note:
            parts.append(self.note)
        return " ".join(parts)

    def as_json(self) -> bytes:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")

    @classmethod
    def from_json(cls, path: Path) -> "Provenance":
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
        raw["years"] = tuple(raw["years"])
        return cls(**raw)


@dataclass(frozen=True)
class OwnWork:
    """The source line under a table or figure of what learners made
    themselves (scores, choices): no data set lies behind it, so the line
    says whose judgement it is. Used where a :class:`Provenance` is."""

    text: str
    fictional: bool = False

    def caption(self, year: int | None = None) -> str:
        return self.text


def ssb_table(table: str, title: str, note: str) -> dict:
    """What every table from Statistics Norway shares: source, licence and address."""
    return dict(source="Statistisk sentralbyrå (SSB)", table=table, title=title, licence="CC BY 4.0",
                url=f"https://www.ssb.no/statbank/table/{table}", note=note)


SSB_11713 = ssb_table(
    "11713", "Fylkesfordelt nasjonalregnskap, etter næring",
    "Fylkene er regnet om til inndelingen fra 2024; det er omtrentlig, fordi noen kommuner har byttet fylke.")

FJORDLAND = Provenance(
    source="Kurset",
    title="Fjordland, et oppdiktet land med seks regioner",
    licence="CC BY 4.0",
    years=(2020, 2023),
    fictional=True,
)
