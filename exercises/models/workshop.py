"""The group summary of a live workshop (chapter For lærere og workshopledere).

In workshop mode (``kurs.py workshop``) every participant saves a workbook
of their own as ``<key>.json`` in the teacher's folder, the key being a
random token. This module reads that folder and sums up the group: how
many chose each strength and niche, the group's ranking of industries
(Borda count and mean rank), how far the participants agree (Kendall's
W), and which priorities many share and which only one proposed. It writes
the summary as HTML, Markdown and Word, and draws the QR code for the join
address. Pure: no widgets, no server; the workshop server calls these
functions.

Reading the folder is :func:`exercises.models.merge.read_folder`, the same safe
reader as the teacher's file-based merge: a hostile file is skipped and
named, never opened if it is not a regular file, and every string is
cleaned of control characters and lone surrogates before it goes anywhere.
"""

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import segno

from exercises.core.numbers import number
from exercises.models.merge import (MAX_FILES, Learner, Merged, add_learner, count, fractional_ranks, mixed_counties,
                                    plain, read_file, read_folder)
from exercises.models.stakeholders import HELICES

Participant = Learner  # key (file name without .json), county, strengths, niches, priorities, ranking

SOURCE = ("Kilde: deltakernes egne arbeidsbøker fra workshopen ({n} deltakere). Tallene er deltakernes egne valg "
          "og vurderinger, ikke data fra SSB.")
# Reading of Kendall's W: the course's own rule of thumb, in line with the scale R. C. Schmidt (1997)
# gives for Delphi panels (0.1 very weak, 0.3 weak, 0.5 moderate, 0.7 strong, 0.9 unusually strong).
AGREEMENT = [(0.9, "svært sterk enighet"), (0.7, "sterk enighet"), (0.5, "moderat enighet"),
             (0.3, "svak enighet"), (0.1, "svært svak enighet"), (0.0, "nesten ingen enighet")]
AGREEMENT_SOURCE = ("Inndelingen er kursets egen tommelfingerregel, i tråd med skalaen Schmidt (1997) bruker for "
                    "ekspertpaneler: 0,1 svært svak, 0,3 svak, 0,5 moderat, 0,7 sterk og 0,9 svært sterk enighet. "
                    "Schmidt, R. C. (1997). Managing Delphi surveys using nonparametric statistical techniques. "
                    "Decision Sciences 28(3), 763–774.")


class Group(list):
    """The participants read from a folder (a list of :class:`Participant`),
    with ``notes``: one Norwegian message per file that was skipped."""

    def __init__(self, participants=(), notes=()):
        super().__init__(participants)
        self.notes: list[str] = list(notes)


def load_group(folder: Path | str) -> Group:
    """Every participant workbook ``folder/*.json``, read safely: a file that
    cannot be used is skipped and named in ``.notes`` (never a crash). A
    folder that is missing or cannot be read gives an empty group with a
    note."""
    folder = Path(folder)
    if not folder.is_dir():
        return Group(notes=[f"Fant ikke workshopmappen {plain(folder, 500)}. Start workshopen på nytt med "
                            "--folder og en mappe du kan skrive i."])
    try:
        merged = read_folder(folder)
    except OSError as error:
        return Group(notes=[f"Kunne ikke lese workshopmappen {plain(folder, 500)} ({error.strerror or error}). "
                            "Sjekk at du har lesetilgang til mappen."])
    return Group(merged.learners, merged.skipped)


def read_below(home: Path, inside: PurePosixPath) -> bytes:
    """The workbook at ``home / inside``, read as :func:`read_file` does,
    without following a symbolic link in a folder below ``home``: a learner
    who made her own folder a link to another learner's could otherwise
    pass that learner's workbook off as her own. Each folder is opened
    without following links and the next name is looked up in it, so the
    path cannot be swapped while it is walked. (POSIX only: a hub's server.)"""
    *folders, name = inside.parts
    flags = os.O_RDONLY | os.O_DIRECTORY
    fd = os.open(home, flags)  # the home itself may be a link an administrator made
    try:
        for folder in folders:
            try:
                inner = os.open(folder, flags | os.O_NOFOLLOW, dir_fd=fd)
            except NotADirectoryError as error:  # Linux says ENOTDIR for a link opened with O_NOFOLLOW
                raise ValueError(f"{folder} er en snarvei (symbolsk lenke) eller ingen mappe") from error
            except OSError as error:
                if error.errno == getattr(os, "ELOOP", 40):
                    raise ValueError(f"{folder} er en snarvei (symbolsk lenke), ikke en mappe") from error
                raise
            os.close(fd)
            fd = inner
        return read_file(Path(name), dir_fd=fd)
    finally:
        os.close(fd)


def load_members(names: Iterable[str], home: Callable[[str], Path], inside: PurePosixPath) -> Group:
    """The workbooks of a course group's members on a JupyterHub, each in
    her own home: ``home(name) / inside``, read safely (:func:`read_below`).
    A workbook that cannot be used, or a name ``home`` refuses (ValueError),
    is skipped and named in ``.notes``, as in :func:`load_group`; members who
    have saved nothing yet are named in one note. The participants' keys are
    their user names."""
    merged = Merged(Path(str(inside)))
    empty = []
    for name in sorted(set(names), key=str.casefold)[:MAX_FILES]:
        try:
            where = home(name)
        except ValueError as error:  # a name that cannot be a folder's
            merged.skipped.append(f"{plain(name)} er hoppet over: {error}.")
            continue
        if not os.path.lexists(where / inside):
            empty.append(plain(name))
            continue
        add_learner(merged, name, lambda where=where: read_below(where, inside))
    notes = list(merged.skipped)
    if empty:
        notes.append(f"Har ikke lagret noe i kurset ennå: {', '.join(empty[:50])}{' …' if len(empty) > 50 else ''}.")
    return Group(merged.learners, notes)


@dataclass
class GroupSummary:
    """What the teacher's page shows. Lists of (name, number) pairs are
    sorted best first; names that tie keep alphabetical order."""
    n: int  # participants whose workbooks were read
    ranked: int  # of them, how many have saved a ranking in «Analysere»
    strengths: list[tuple[str, int]]  # (industry, how many chose it as a strength)
    niches: list[tuple[str, int]]  # (industry, how many chose it as a candidate niche)
    borda: list[tuple[str, float]]  # (industry, Borda points), most points first
    mean_rank: list[tuple[str, float]]  # (industry, mean rank, 1 = best), best first
    left_out: list[str]  # industries not ranked by every participant who ranked: not in the three measures
    kendall_w: float | None  # None when it cannot be computed; ``agreement`` says why
    agreement: str  # Norwegian plain-language reading of W
    shared_priorities: list[tuple[str, int]]  # proposed by two or more participants
    single_priorities: list[str]  # proposed by only one participant
    notes: list[str] = field(default_factory=list)  # skipped files, counties that differ: Norwegian notes
    roles: list["RoleGroup"] = field(default_factory=list)  # agreement within each strand of the helix
    role_gaps: list["RoleGap"] = field(default_factory=list)  # where the strands' mean ranks differ most
    roles_reading: str = ""  # Norwegian: how to read the two, or why they are missing


def concordance(rankings: list[dict[str, float]]) -> tuple[list[str], dict[str, float], float | None]:
    """(the industries every ranking includes, the rank sum of each, Kendall's W).

    Rule for participants who ranked different industries: only the
    industries that *every* ranking includes are used, and each
    participant's ranks are renumbered 1..m within them (ties share the
    mean place). The others are reported as left out rather than guessed.
    In the course every participant ranks all industries of the data set,
    so this only matters when someone used other data (e.g. Fjordland).

    W = 12·S / (n²(m³ − m) − n·ΣT), where n is the number of rankings, m the
    number of industries, S the sum of squared deviations of the rank sums
    from their mean n(m + 1)/2, and T = Σ(t³ − t) over each ranking's groups
    of t tied industries (Kendall's tie correction). W is None with fewer
    than two rankings or two industries, or when every ranking ties all.
    """
    common = set.intersection(*(set(r) for r in rankings)) if rankings else set()
    names = sorted(common, key=str.casefold)
    renumbered = [fractional_ranks({name: r[name] for name in names}) for r in rankings]
    sums = {name: sum(r[name] for r in renumbered) for name in names}
    n, m = len(rankings), len(names)
    if n < 2 or m < 2:
        return names, sums, None
    mean = n * (m + 1) / 2
    s = sum((total - mean) ** 2 for total in sums.values())
    ties = 0.0
    for r in renumbered:
        for rank in set(r.values()):
            t = sum(1 for value in r.values() if value == rank)
            ties += t ** 3 - t
    denominator = n ** 2 * (m ** 3 - m) - n * ties
    return names, sums, 12 * s / denominator if denominator > 0 else None


def reading(w: float | None, n: int, m: int) -> str:
    """Kendall's W in plain Norwegian, or why it is missing."""
    if n < 2:
        return "Enigheten kan regnes ut når minst to deltakere har lagret en rangering i «Analysere»."
    if m < 2:
        return "Enigheten kan ikke regnes ut: deltakerne har færre enn to næringer felles i rangeringene sine."
    if w is None:
        return "Enigheten kan ikke regnes ut: alle deltakerne har satt alle næringene på delt plass."
    label = next(text for limit, text in AGREEMENT if w >= limit - 1e-12)
    return (f"Kendalls W er {number(w, 2)}: {label} om rangeringen ({n} deltakere, {m} næringer). "
            "W er 1 når alle har rangert likt, og nær 0 når rangeringene ikke har noe til felles.")


def summarise(participants: list[Participant]) -> GroupSummary:
    """The group's summary (pure).

    Borda count: in a ranking of m industries, the industry on place r gets
    m − r points (first m − 1, last 0; tied industries share the mean of
    their places' points); the group's points are the sum. Mean rank: the
    mean of the participants' places (1 = best). Both are computed over the
    same industries as Kendall's W (see :func:`concordance`). With
    complete rankings Borda points = n·m − rank sum, so the two orders agree;
    both are shown because Borda is familiar from votes and the mean place
    is easier to read. Participants without a saved ranking count in the
    choices and priorities, not in the ranking.

    Priorities are matched simply: titles that differ only in case or
    spacing count as one; other spellings or synonyms count as different.
    """
    notes = [*getattr(participants, "notes", []), *mixed_counties(participants)]
    participants = list(participants)
    rankings = [dict(p.ranking) for p in participants if p.ranking]
    names, sums, w = concordance(rankings)
    n, m = len(rankings), len(names)
    everyone = {name for r in rankings for name in r}
    order = sorted(names, key=lambda name: (sums[name], name.casefold()))
    priorities = count(participants, "priorities")
    groups = role_groups(participants, names)
    gaps = role_gaps(groups)
    return GroupSummary(
        n=len(participants), ranked=n,
        strengths=count(participants, "strengths"), niches=count(participants, "niches"),
        borda=[(name, n * m - sums[name]) for name in order],
        mean_rank=[(name, sums[name] / n) for name in order],
        left_out=sorted(everyone - set(names), key=str.casefold),
        kendall_w=w, agreement=reading(w, n, m),
        shared_priorities=[(title, k) for title, k in priorities if k > 1],
        single_priorities=[title for title, k in priorities if k == 1],
        notes=notes,
        roles=groups, role_gaps=gaps, roles_reading=roles_reading(groups, gaps, n),
    )


# agreement within each strand of the helix -------------------------------------
# The strands as a sentence names them: «Næringslivet rangerer … høyere enn forskning og utdanning gjør».
DEFINITE = {"naeringsliv": "næringslivet", "kunnskap": "forskning og utdanning", "offentlig": "offentlig sektor",
            "sivilsamfunn": "sivilsamfunnet"}
NOT_STATED_LABEL = "Ikke oppgitt"
# A group with fewer rankings than this is flagged, not read: with n rankings made at random the mean W is
# 1/n (Kendall & Gibbons 1990), 0,5 for two and 0,33 for three, which the scale above would read as
# «moderat» or «svak enighet». From four (mean 0,25) chance alone reads as «svært svak».
SMALL_GROUP = 4
ROLE_GAPS = 5  # industries shown where the strands differ most
ROLES_SOURCE = "Kendall, M. G. & Gibbons, J. D. (1990). Rank Correlation Methods (5. utg.). Oxford University Press."


@dataclass
class RoleGroup:
    """The participants of one strand of the helix (``key`` "" = not stated)."""
    key: str
    label: str
    participants: int  # in the group
    ranked: int  # of them, with a saved ranking
    kendall_w: float | None
    small: bool  # fewer than SMALL_GROUP rankings: W is shown, not read
    reading: str
    mean_rank: dict[str, float]  # industry -> mean place within the group (1 = best)


@dataclass
class RoleGap:
    """An industry the strands rank differently: the group that ranks it
    best (``high``, lowest mean place) and worst (``low``)."""
    industry: str
    high: str
    low: str
    high_rank: float
    low_rank: float
    reading: str

    @property
    def spread(self) -> float:
        return self.low_rank - self.high_rank


def role_reading(w: float | None, n: int, m: int) -> str:
    """Kendall's W within one group (``n`` rankings of ``m`` industries) in
    plain Norwegian, flagged for a small group."""
    if n == 0:
        return "Ingen i gruppen har lagret en rangering."
    if n == 1:
        return "Bare én rangering: enigheten kan ikke regnes ut."
    if m < 2:
        return "Enigheten kan ikke regnes ut: deltakerne har færre enn to næringer felles i rangeringene sine."
    if w is None:
        return "Enigheten kan ikke regnes ut: alle har satt alle næringene på delt plass."
    if n < SMALL_GROUP:
        return (f"W = {number(w, 2)}, men gruppen er for liten til å lese W ({n} rangeringer): med {n} deltakere "
                f"som rangerer helt tilfeldig, blir W i snitt {number(1 / n, 2)}. Les det som enkeltpersoners syn.")
    label = next(text for limit, text in AGREEMENT if w >= limit - 1e-12)
    return f"W = {number(w, 2)}: {label} ({n} rangeringer)."


def role_groups(participants: list[Participant], names: list[str]) -> list[RoleGroup]:
    """Kendall's W and the mean places within each strand of the helix,
    over the industries ``names`` that every ranking includes (renumbered
    1..m, as for the whole group). The strands in the order of HELICES,
    then those who did not state one; strands without participants are left out."""
    groups = []
    for key, label in [*HELICES.items(), ("", NOT_STATED_LABEL)]:
        members = [p for p in participants if (getattr(p, "helix", "") or "") == key]
        if not members:
            continue
        rankings = [fractional_ranks({name: dict(p.ranking)[name] for name in names}) for p in members if p.ranking]
        _, sums, w = concordance(rankings)
        n = len(rankings)
        groups.append(RoleGroup(key, label, len(members), n, w, n < SMALL_GROUP, role_reading(w, n, len(names)),
                                {name: sums[name] / n for name in names} if n else {}))
    return groups


def role_gaps(groups: list[RoleGroup], top: int = ROLE_GAPS) -> list[RoleGap]:
    """The industries on which the stated strands' mean places differ most
    (highest mean place minus lowest), largest first; ties alphabetical.
    Only strands that someone stated and with at least one ranking; an
    industry all strands place alike is left out."""
    stated = [g for g in groups if g.key and g.ranked]
    if len(stated) < 2:
        return []
    gaps = []
    for name in stated[0].mean_rank:
        best = min(stated, key=lambda g: g.mean_rank[name])
        worst = max(stated, key=lambda g: g.mean_rank[name])
        if worst.mean_rank[name] - best.mean_rank[name] <= 1e-12:
            continue
        sizes = (f"{best.ranked} og {worst.ranked} rangeringer" if best.ranked != worst.ranked else
                 f"{best.ranked} {'rangering' if best.ranked == 1 else 'rangeringer'} hver")
        text = (f"{DEFINITE[best.key][0].upper()}{DEFINITE[best.key][1:]} rangerer {name} høyere enn "
                f"{DEFINITE[worst.key]} gjør: snittplass {number(best.mean_rank[name], 2)} mot "
                f"{number(worst.mean_rank[name], 2)} ({sizes}).")
        if best.small or worst.small:
            text += " Minst én av gruppene er liten: les det som enkeltpersoners syn, ikke gruppens."
        gaps.append(RoleGap(name, best.key, worst.key, best.mean_rank[name], worst.mean_rank[name], text))
    gaps.sort(key=lambda g: (-g.spread, g.industry.casefold()))
    return gaps[:top]


def roles_reading(groups: list[RoleGroup], gaps: list[RoleGap], ranked: int) -> str:
    """How to read the strands' agreement, or why it is missing ("" without participants)."""
    stated = [g for g in groups if g.key and g.ranked]
    if not groups:
        return ""
    if ranked < 2:
        return "Enigheten i hver rolle kan vises når minst to deltakere har lagret en rangering i «Analysere»."
    if len(stated) < 2:
        return ("Forskjeller mellom rollene kan vises når deltakere fra minst to deler av heliksen har lagret en "
                "rangering. Deltakerne oppgir hvor de kommer fra i «Velkommen» (feltet «Kommer fra»).")
    text = ("Kendalls W er regnet for hver del av heliksen for seg, over de samme næringene som for hele gruppen. "
            f"En gruppe med færre enn {SMALL_GROUP} rangeringer er merket som liten: med n tilfeldige rangeringer er "
            f"W i snitt 1/n, så W for to eller tre deltakere sier lite. {ROLES_SOURCE}")
    if not gaps:
        text += " Rollene har i snitt plassert alle næringene likt."
    return text


# the join address as a QR code ------------------------------------------------
def qr_terminal(url: str) -> str:
    """The QR code for ``url`` as text for a terminal (two rows per line, with
    the quiet zone a phone's camera needs)."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue()


def qr_png(url: str, path: Path | str, scale: int = 8) -> Path:
    """The QR code for ``url`` as a PNG file (black on white, ``scale``
    pixels per module, quiet zone of four modules)."""
    path = Path(path)
    segno.make(url, error="m").save(path, kind="png", scale=scale, border=4)
    return path
