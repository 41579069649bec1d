"""Exercise «Ranger regionens styrker» (chapter Analysere): the course's main
exercise. Criteria from data and from the learner's own judgement are
weighted into one score; the learner can move industries with a reason and
marks strengths and candidate niches.

Each criterion is turned into a 0–1 score within the county: data criteria
by percentile rank among the county's industries (robust to one extreme
value such as oil in Rogaland), the learner's own 0–5 scores by dividing by
5. An industry missing a criterion is scored on the others, with the
weights scaled up, and the table says which criterion is missing; with data
for less than half of the weight on data criteria it gets no score.
"""

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from exercises.analysis import indicators, relatedness
from exercises.models import judgements
from exercises.core.errors import InputError
from exercises.core.feedback import Feedback
from exercises.core.numbers import number
from exercises.core.text import clean_text
from exercises.data.counties import resolve_region
from exercises.data.dataset import Dataset
from exercises.models.lq_trends import StrengthsOverTime, ranking_notes
from exercises.workbook import readers
from exercises.workbook.sections import Section
from exercises.workbook.shapes import integer, text
from exercises.workbook.store import Workbook, json_number

MAX_REASON = 300
MAX_MARKED = 8
SCALE = 5  # own judgement: 0–5
MIN_DATA = 0.5  # an industry needs data for at least half the weight on data criteria


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    explanation: str
    own_judgement: bool = False


CRITERIA = [
    Criterion("masse", "Kritisk masse", "sysselsatte i næringen i fylket"),
    Criterion("spesialisering", "Spesialisering", "lokaliseringskvotient (LQ)"),
    Criterion("vekst", "Vekst", "endring i sysselsatte over perioden"),
    Criterion("produktivitet", "Produktivitet", "bruttoprodukt per sysselsatt, mot næringen i landet"),
    Criterion("beslektethet", "Beslektet tetthet", "beslektet tetthet: hvor mange av næringens naboer fylket er spesialisert i"),
    Criterion("fou", "Forsknings- og utdanningsmiljø", "din vurdering, 0–5", own_judgement=True),
    Criterion("forpliktelse", "Næringslivets engasjement", "din vurdering, 0–5: vil bedriftene satse?", own_judgement=True),
]
BY_KEY = {c.key: c for c in CRITERIA}
DEFAULT_WEIGHTS = {c.key: 1 for c in CRITERIA}


@dataclass
class Move:
    industry: str
    position: int
    reason: str


@dataclass
class RankingState:
    """Everything the learner has set; what is saved to the workbook."""
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    scores: dict = field(default_factory=dict)     # criterion -> {industry: 0–5}
    moves: list = field(default_factory=list)      # [Move]
    strengths: list = field(default_factory=list)  # industry codes
    niches: list = field(default_factory=list)


def criteria_table(dataset: Dataset, county: str, start: int, end: int) -> pd.DataFrame:
    """The data criteria for every industry in one county (pure)."""
    E0, E1 = dataset.matrix(start), dataset.matrix(end)
    VA = dataset.matrix(end, measure="value_added")
    density = relatedness.relatedness_density(dataset.presence(end), dataset.proximity)
    return pd.DataFrame({
        "name": pd.Series(dataset.industries()),
        "masse": E1.loc[county],
        "spesialisering": dataset.location_quotients(end).loc[county],
        "vekst": indicators.growth(E0, E1).loc[county],
        "produktivitet": indicators.relative_productivity(VA, E1).loc[county],
        "beslektethet": density.loc[county],
    })


def check_weights(weights) -> dict[str, float]:
    """Weights as shares summing to 1, or InputError saying what is wrong."""
    if not isinstance(weights, dict):
        raise InputError("Vektene må oppgis per kriterium.")
    unknown = set(weights) - set(BY_KEY)
    if unknown:
        raise InputError(f"Ukjent kriterium: {', '.join(sorted(unknown))}.")
    clean = {}
    for key, value in weights.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or pd.isna(value):
            raise InputError(f"Vekten for «{BY_KEY[key].label}» må være et tall fra 0 til 5.")
        if value < 0:
            raise InputError(f"Vekten for «{BY_KEY[key].label}» kan ikke være negativ.")
        clean[key] = float(value)
    total = sum(clean.values())
    if total <= 0:
        raise InputError("Minst ett kriterium må ha vekt over 0.")
    return {key: value / total for key, value in clean.items() if value > 0}


def check_score(criterion: str, industry: str, value, industries) -> int | None:
    """A 0–5 score, or None for «not judged»."""
    if criterion not in BY_KEY or not BY_KEY[criterion].own_judgement:
        raise InputError(f"«{criterion}» er ikke et kriterium du vurderer selv.")
    if industry not in industries:
        raise InputError("Velg en næring fra lista.")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= SCALE:
        raise InputError(f"Vurderingen må være et helt tall fra 0 til {SCALE}.")
    return value


def criterion_parts(table: pd.DataFrame, scores: dict | None = None) -> pd.DataFrame:
    """Every criterion as a 0–1 score per industry (missing: NaN)."""
    parts = pd.DataFrame(index=table.index)
    for c in CRITERIA:
        if c.own_judgement:
            given = pd.Series((scores or {}).get(c.key, {}), dtype=float)
            parts[c.key] = given.reindex(table.index) / SCALE
        else:
            parts[c.key] = table[c.key].rank(pct=True)
    return parts


def score(table: pd.DataFrame, weights: dict, scores: dict | None = None,
          parts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Weighted score per industry, highest first (pure). Ties keep
    alphabetical order and share a rank. ``parts`` may be passed in when
    already computed by :func:`criterion_parts`."""
    shares = check_weights(weights)
    parts = criterion_parts(table, scores) if parts is None else parts
    keys = list(shares)
    values = parts[keys].to_numpy(dtype=float)
    w = np.array([shares[k] for k in keys])
    available = ~np.isnan(values)
    used = available @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        total = np.where(used > 0, np.nan_to_num(values) @ w / used, np.nan)
    data_keys = [i for i, k in enumerate(keys) if not BY_KEY[k].own_judgement]
    data_weight = w[data_keys].sum()
    if data_weight > 0:  # too little data: no score rather than one criterion's say
        total = np.where(available[:, data_keys] @ w[data_keys] >= MIN_DATA * data_weight, total, np.nan)
    missing = [[BY_KEY[keys[i]].label for i in data_keys if not row[i]] for row in available]
    result = pd.DataFrame({"name": table["name"], "score": total, "missing": missing}, index=table.index)
    result = result.join(parts[keys])
    result = result.sort_values(["score", "name"], ascending=[False, True], na_position="last")
    result["rank"] = result["score"].rank(ascending=False, method="min")
    return result


# The figures behind a score as the workbook keeps them, rounded as the tables
# show them (number), so the view, the tables and the draft show the
# same digits: score and LQ 2 decimals, employment (1000) 1, growth 0,1 %.
SHOWN_DIGITS = {"score": 2, "employment": 1, "lq": 2, "growth": 3}


def stored_figures(score_value, criteria: pd.Series) -> dict:
    values = {"score": score_value, "employment": criteria["masse"], "lq": criteria["spesialisering"],
              "growth": criteria["vekst"]}
    return {key: json_number(value, SHOWN_DIGITS[key]) for key, value in values.items()}


def apply_moves(order: list[str], moves: list[Move]) -> list[str]:
    """The learner's own changes: each move puts an industry at a position."""
    order = list(order)
    for move in moves:
        order.remove(move.industry)
        order.insert(min(max(move.position, 1), len(order) + 1) - 1, move.industry)
    return order


class RankingExercise:
    def __init__(self, dataset: Dataset, county, start: int | None = None, end: int | None = None):
        self.dataset = dataset
        self.county = resolve_region(county, dataset.regions)
        self.county_name = dataset.regions[self.county]
        self.end = end or dataset.years[-1]
        self.start = start or dataset.years[0]
        if not self.start < self.end or self.start not in dataset.years or self.end not in dataset.years:
            raise InputError(f"Velg et startår før {self.end} blant årene i dataene.")
        self.table = criteria_table(dataset, self.county, self.start, self.end)
        self.names = self.table["name"]

    @cached_property
    def trend(self) -> StrengthsOverTime:
        """The county's LQ over every year in the data, for the feedback on
        strengths and niches that appeared or disappeared (made on the first check)."""
        return StrengthsOverTime(self.dataset, self.county)

    def parts(self, state: RankingState) -> pd.DataFrame:
        """Criterion scores, recomputed only when the learner's own scores change."""
        key = repr(sorted((k, sorted(v.items())) for k, v in state.scores.items()))
        if getattr(self, "_parts_key", None) != key:
            self._parts, self._parts_key = criterion_parts(self.table, state.scores), key
        return self._parts

    def ranked(self, state: RankingState) -> pd.DataFrame:
        """The computed ranking with the learner's moves applied; column
        ``position`` is the final place, ``rank`` the computed one."""
        result = score(self.table, state.weights, state.scores, self.parts(state))
        order = apply_moves(list(result.index), state.moves)
        result = result.loc[order]
        result["position"] = range(1, len(result) + 1)
        moved = {m.industry: m.reason for m in state.moves}
        result["moved"] = [moved.get(i, "") for i in result.index]
        return result

    # the learner's actions, each checked ----------------------------------
    def move(self, state: RankingState, industry, position, reason) -> RankingState:
        if industry not in self.names.index:
            raise InputError("Velg næringen du vil flytte fra lista.")
        if isinstance(position, bool) or not isinstance(position, int) or not 1 <= position <= len(self.names):
            raise InputError(f"Ny plass må være et helt tall fra 1 til {len(self.names)}.")
        text = clean_text(reason, f"Begrunnelse for å flytte {self.names[industry]}", max_length=MAX_REASON)
        moves = [m for m in state.moves if m.industry != industry] + [Move(industry, position, text)]
        return RankingState(state.weights, state.scores, moves, state.strengths, state.niches)

    def set_score(self, state: RankingState, criterion, industry, value) -> RankingState:
        value = check_score(criterion, industry, value, self.names.index)
        scores = {k: dict(v) for k, v in state.scores.items()}
        scores.setdefault(criterion, {})[industry] = value
        if value is None:
            del scores[criterion][industry]
        scores = {k: v for k, v in scores.items() if v}
        return RankingState(state.weights, scores, state.moves, state.strengths, state.niches)

    def check_marks(self, state: RankingState) -> list[str]:
        errors = []
        for label, marked in (("styrker", state.strengths), ("kandidatnisjer", state.niches)):
            unknown = [i for i in marked if i not in self.names.index]
            if unknown:
                errors.append(f"Ukjente næringer blant {label}: {', '.join(map(str, unknown))}.")
            if len(marked) > MAX_MARKED:
                errors.append(f"Marker høyst {MAX_MARKED} {label} (du har {len(marked)}). Å velge er å velge bort.")
        if not state.strengths:
            errors.append("Marker minst én næring som styrke før du lagrer.")
        both = set(state.strengths) & set(state.niches)
        if both:
            errors.append("En næring kan ikke være både styrke og kandidatnisje: "
                          + ", ".join(self.names[i] for i in both if i in self.names.index) + ".")
        return errors

    # feedback and saving ------------------------------------------------------
    def check(self, state: RankingState) -> Feedback:
        try:
            ranked = self.ranked(state)
        except InputError as error:
            return Feedback(errors=[str(error)])
        errors = self.check_marks(state)
        if errors:
            return Feedback(errors=errors)
        return Feedback(notes=self._notes(state, ranked))

    def _notes(self, state: RankingState, ranked: pd.DataFrame) -> list[str]:
        notes, t = [], self.table
        for industry in state.strengths:
            place = int(ranked.loc[industry, "position"])
            lq = t.loc[industry, "spesialisering"]
            if place > 10:
                notes.append(f"Styrken «{self.names[industry]}» står på plass {place} i rangeringen. "
                             "Si i en begrunnelse hvorfor du likevel regner den som en styrke.")
            if pd.notna(lq) and lq < 1:
                notes.append(f"Styrken «{self.names[industry]}» har LQ {number(lq, 2)}: fylket er ikke spesialisert i den. Er det kompetansen eller markedet som er styrken?")
        for industry in state.niches:
            lq, density = t.loc[industry, "spesialisering"], t.loc[industry, "beslektethet"]
            median = t["beslektethet"].median()
            name = f"Kandidatnisjen «{self.names[industry]}»"
            if (strength := judgements.niche_already_strength(name, lq)):  # as in Beslektet mangfold
                notes.append(strength)
            elif pd.notna(density) and density < median:
                notes.append(judgements.niche_far(name, density))
        notes.extend(ranking_notes(self.trend, state.strengths, state.niches))
        notes.extend(self.sensitivity_notes(state))
        own = sum(len(v) for k, v in state.scores.items() if state.weights.get(k, 0) > 0)
        if not own:
            notes.append("Du har ikke gitt egne vurderinger ennå. Tallene ser ikke forskningsmiljø eller "
                         "vilje til å satse; det er derfor veilederen legger vekt på dialog.")
        return notes

    def sensitivity(self, state: RankingState, top: int = 10) -> pd.DataFrame:
        """Computed rank of today's top industries when each weighted
        criterion is left out in turn."""
        parts = self.parts(state)
        base = score(self.table, state.weights, state.scores, parts)
        shown = base.index[:top]
        columns = {"Nå": base.loc[shown, "rank"]}
        used = [k for k, w in state.weights.items()
                if w > 0 and (not BY_KEY[k].own_judgement or state.scores.get(k))]
        for key in used:
            if len(used) > 1:
                alt = dict(state.weights, **{key: 0})
                columns[f"Uten {BY_KEY[key].label.lower()}"] = score(self.table, alt, state.scores, parts).loc[shown, "rank"]
        table = pd.DataFrame(columns)
        table.index = pd.Index(self.names[shown], name="Næring")
        return table

    def sensitivity_notes(self, state: RankingState) -> list[str]:
        table = self.sensitivity(state, top=5)
        if table.shape[1] < 2:
            return []
        worst = (table.drop(columns="Nå").sub(table["Nå"], axis=0)).abs().max()
        column = worst.idxmax()
        stable = int((table[column] <= 5).sum())
        return [f"Rangeringen er følsom for vektene: {column.lower()} beholder {stable} av dagens fem øverste "
                "sine plasser blant de fem første. Prøv flere vekter før du bestemmer deg."
                if stable < 4 else
                "Topp fem endrer seg lite om du tar bort ett kriterium om gangen: rangeringen er robust for vektene."]

    def save(self, workbook: Workbook, state: RankingState) -> Feedback:
        result = self.check(state)
        if not result.ok:
            return result
        ranked = self.ranked(state)
        workbook.put(Section.ANALYSIS, {
            "county": self.county,
            "year": self.end,
            "start_year": self.start,
            "weights": state.weights,
            "scores": state.scores,
            "moves": [vars(m) for m in state.moves],
            "ranking": [{"industry": i, "name": row["name"], "rank": int(row.position),
                         "computed_rank": None if pd.isna(row["rank"]) else int(row["rank"]),
                         **stored_figures(row.score, self.table.loc[i]),
                         "label": "styrke" if i in state.strengths else "nisje" if i in state.niches else "",
                         "reason": row.moved} for i, row in ranked.iterrows()],
            "strengths": [{"industry": i, "name": self.names[i]} for i in state.strengths],
            "niches": [{"industry": i, "name": self.names[i]} for i in state.niches],
        })
        result.saved = f"Rangeringen for {self.county_name} er lagret i arbeidsboka ({workbook.path})."
        return result

    def starting_state(self, workbook: Workbook) -> RankingState:
        """Continue from the saved ranking, else start from earlier picks."""
        saved = readers.ranking(workbook)
        known = set(self.names.index)
        if saved.county == self.county:
            try:
                weights = {k: v for k, v in saved.weights.items() if k in BY_KEY}
                check_weights(weights)
            except InputError:
                weights = dict(DEFAULT_WEIGHTS)
            scores = {k: {i: v for i, v in s.items() if i in known} for k, s in saved.scores.items() if k in BY_KEY}
            moves = [Move(m["industry"], m["position"], text(m, "reason")) for m in saved.moves
                     if m.get("industry") in known and integer(m, "position") is not None]
            return RankingState(weights, scores, moves, [s.industry for s in saved.strengths if s.industry in known],
                                [s.industry for s in saved.niches if s.industry in known])
        strengths = [p.industry for p in readers.picks(workbook, Section.SPECIALISATION).of(self.county)
                     if p.industry in known]
        niches = [n.industry for n in readers.picks(workbook, Section.NICHES).of(self.county)
                  if n.industry in known and n.industry not in strengths]
        return RankingState(strengths=strengths, niches=niches)
