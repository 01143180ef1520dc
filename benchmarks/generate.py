"""A seeded generator of a SYNTHETIC site layer (sites + offers) for a scenario's municipalities.

Nothing it writes is real: the sites, their sizes, dates and the municipalities' offers are drawn from a fixed seed
so that the national scenario has a realistic *shape* for benchmarking and testing (about 1,500 sites, existing
sites of which some end inside the cycle, candidate sites whose opening the model must decide, and offers around
each municipality's computed task). The municipalities, populations and tasks stay those of the scenario.

Sizes (places): regular sites 50–1,500, most around 300 (log-normal, median 300); AMV units 16–50; special sites
50–200; in rural municipalities (CBS stedelijkheid 4–5) most candidates are small-scale (≤ 150).

Determinism: every municipality draws from its own ``random.Random(f"{seed}/{code}")`` (string seeds hash the same
on every platform and Python version), rows are written sorted by code and id with ``\\n`` line ends, so the same
seed gives byte-identical CSV files. The committed national files are regenerated with::

    python -m benchmarks.generate                 # writes scenarios/nederland-2025-2026/{sites,offers}.csv
    python -m benchmarks.generate --check         # exit 1 when the committed files differ from the generator
    python -m benchmarks.generate --scale 10      # a 10x instance under benchmarks/results/tmp/ (not committed)

The 10x instance is 10 copies of every province, renamed ``Drenthe-1`` … ``Drenthe-10``; its 3,420 municipalities
get the codes ``GM0000`` … ``GM3419`` (copy k, municipality i in code order → ``GM{k·342+i:04d}``), which still match
the CBS pattern ``^GM\\d{4}$`` and are unique; the national need is multiplied by 10 so every copy keeps its task.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import math
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from planner.rules.quota import compute_quota
from planner.scenario.load import Scenario, load_scenario
from planner.scenario.schema import MAX_NATIONAL_PLACES

ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "scenarios" / "nederland-2025-2026"
TMP = ROOT / "benchmarks" / "results" / "tmp"
SEED = 20250101

SITE_COLUMNS = ("id", "code", "name", "category", "subtype", "places", "min_places", "available_from",
                "available_until", "status", "remarks")
OFFER_COLUMNS = ("code", "category", "year", "places", "remarks")
REMARK = "synthetic (benchmarks/generate.py)"
MARGIN = 1.03
"""Each province can close every period with at least 3 % to spare (offers and sites the generator adds)."""


@dataclass
class Site:
    id: str
    code: str
    name: str
    category: str
    places: int
    status: str
    subtype: str = ""
    min_places: int | None = None
    available_from: dt.date | None = None
    available_until: dt.date | None = None

    def row(self) -> dict[str, object]:
        return {
            "id": self.id, "code": self.code, "name": self.name, "category": self.category, "subtype": self.subtype,
            "places": self.places, "min_places": "" if self.min_places is None else self.min_places,
            "available_from": self.available_from or "", "available_until": self.available_until or "",
            "status": self.status, "remarks": REMARK,
        }

    def available(self, start: dt.date, end: dt.date) -> bool:
        """Available on every day of [start, end] (the planner's default ``whole-period`` rule)."""
        first = self.available_from or dt.date.min
        last = self.available_until or dt.date.max
        return first <= start and last >= end


@dataclass
class Muni:
    code: str
    name: str
    province: str
    rural: bool
    task: dict[str, int]
    rng: random.Random
    sites: list[Site] = field(default_factory=list)
    wanted: dict[str, int] = field(default_factory=dict)
    """The offer the municipality would like to state per task category (before capping at its sites)."""

    def capacity(self, k: str, start: dt.date, end: dt.date) -> int:
        return sum(s.places for s in self.sites if _task(s.category) == k and s.available(start, end))

    def add(self, category: str, places: int, status: str, **kw: object) -> Site:
        n = sum(1 for s in self.sites if s.category == category) + 1
        tag = {"regular": "R", "amv": "A", "special": "S"}[category] + ("E" if status == "existing" else "C")
        label = {"regular": "azc", "amv": "AMV-unit", "special": "bijzondere opvang"}[category]
        site = Site(f"{self.code}-{tag}{n}", self.code, f"{self.name} {label} {n}", category, places, status,
                    **kw)  # type: ignore[arg-type]
        self.sites.append(site)
        return site


def _task(category: str) -> str:
    return "amv" if category == "amv" else "regular"


def _round5(x: float) -> int:
    return int(5 * round(x / 5))


def _regular_size(rng: random.Random, small: bool) -> int:
    """Most regular sites hold about 300 (log-normal, median 300, clipped to 50–1,500); small-scale ≤ 150."""
    if small:
        return _round5(rng.uniform(50, 150))
    return min(1500, max(50, _round5(rng.lognormvariate(math.log(300), 0.55))))


def _date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _existing_dates(rng: random.Random) -> tuple[dt.date, dt.date | None]:
    """Opened before the cycle; 20 % of contracts end inside the cycle, 35 % in 2027–2035, the rest open-ended."""
    start = _date(rng, dt.date(1995, 1, 1), dt.date(2024, 6, 30))
    r = rng.random()
    if r < 0.20:
        return start, _date(rng, dt.date(2025, 3, 31), dt.date(2026, 9, 30))
    if r < 0.55:
        return start, _date(rng, dt.date(2027, 1, 1), dt.date(2035, 12, 31))
    return start, None


def _candidate(m: Muni, category: str, places: int) -> Site:
    """A planned (20 %) or candidate site; 15 % only become available on 1 July 2025."""
    rng = m.rng
    status = "planned" if rng.random() < 0.2 else "candidate"
    start = dt.date(2025, 7, 1) if rng.random() < 0.15 else None
    min_places = 16 if category == "amv" else None
    return m.add(category, places, status, available_from=start, min_places=min_places)


def _draw_municipality(m: Muni, years: list[int]) -> None:
    rng = m.rng
    t_reg, t_amv = m.task["regular"], m.task["amv"]
    # Existing regular sites: more likely (and more of them) in municipalities with large tasks.
    n_existing = int(rng.random() < min(0.9, 0.3 + t_reg / 600)) + (t_reg > 1500) + (t_reg > 3000)
    for _ in range(n_existing):
        start, until = _existing_dates(rng)
        m.add("regular", _regular_size(rng, small=False), "existing", available_from=start, available_until=until)
    if rng.random() < 0.15:
        start, until = _existing_dates(rng)
        subtype = rng.choice(("HTL", "gezinslocatie", "TGO", "noodopvang"))
        m.add("special", _round5(rng.uniform(50, 200)), "existing", subtype=subtype, available_from=start,
              available_until=until)
    for _ in range(int(rng.random() < min(0.8, 0.2 + t_amv / 60)) + t_amv // 120):
        start, until = _existing_dates(rng)
        m.add("amv", rng.randint(16, 50), "existing", available_from=start, available_until=until)

    # What the municipality would offer: around its task; 10 % (AMV: small tasks 15 %) offer nothing.
    m.wanted["regular"] = 0 if rng.random() < 0.10 else _round5(t_reg * rng.uniform(0.75, 1.6))
    m.wanted["amv"] = 0 if (t_amv < 15 and rng.random() < 0.15) else round(t_amv * rng.uniform(0.8, 1.7))
    # Candidates so that the sites can fill the wish in the first year (plus, sometimes, one to choose from).
    cycle_start, first_year_end = dt.date(years[0], 1, 1), dt.date(years[0], 12, 31)
    for k in ("regular", "amv"):
        while m.wanted[k] > m.capacity(k, cycle_start, first_year_end):
            _candidate(m, k, _regular_size(rng, small=m.rural and rng.random() < 0.6) if k == "regular"
                       else rng.randint(16, 50))
        if m.wanted[k] and rng.random() < 0.35:
            _candidate(m, k, _regular_size(rng, small=rng.random() < 0.5) if k == "regular" else rng.randint(16, 50))


def _offer(m: Muni, k: str, year: int) -> int:
    """The stated limit: the wish, capped at what the municipality's sites give over the whole year."""
    return min(m.wanted[k], m.capacity(k, dt.date(year, 1, 1), dt.date(year, 12, 31)))


def _achievable(m: Muni, k: str, halves: list[tuple[dt.date, dt.date]], a: dt.date, b: dt.date) -> int:
    """A safe lower estimate of what the planner can give municipality m in the half-year [a, b]: its existing
    sites are committed up to the offer, and a candidate, once open, needs its minimum (≤ 50) in *every* period,
    so candidates only add when the offer leaves that room in all periods (one minimum is kept as slack)."""
    existing = [s for s in m.sites if _task(s.category) == k and s.status == "existing"]
    new = [s for s in m.sites if _task(s.category) == k and s.status != "existing"]

    def committed(x: dt.date, y: dt.date) -> int:
        return min(_offer(m, k, x.year), sum(s.places for s in existing if s.available(x, y)))

    room = min(_offer(m, k, x.year) - committed(x, y) for x, y in halves)
    extra = sum(s.places for s in new if s.available(a, b))
    return committed(a, b) + (max(0, min(room, extra) - 50) if room >= 50 else 0)


def _close_provinces(munis: list[Muni], years: list[int]) -> None:
    """Make every province able to close every half-year (and so every year) with MARGIN to spare: while it
    cannot, the municipality with the largest task relative to its offer adds a candidate and offers it."""
    halves = [(dt.date(y, mo, 1), dt.date(y, mo + 5, 30 if mo == 1 else 31)) for y in years for mo in (1, 7)]
    by_prov: dict[str, list[Muni]] = defaultdict(list)
    for m in munis:
        by_prov[m.province].append(m)
    for prov in sorted(by_prov):
        group = by_prov[prov]
        for k in ("regular", "amv"):
            need = sum(m.task[k] for m in group)
            while True:
                got = {m.code: [_achievable(m, k, halves, a, b) for a, b in halves] for m in group}
                if all(sum(g[i] for g in got.values()) >= need * MARGIN for i in range(len(halves))):
                    break
                # The municipality furthest below its task adds a candidate and offers all its sites' places.
                m = max(group, key=lambda m: (m.task[k] - min(got[m.code]), m.code))
                size = _regular_size(m.rng, small=m.rural) if k == "regular" else m.rng.randint(16, 50)
                _candidate(m, k, size).available_from = None
                m.wanted[k] = max(m.capacity(k, dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in years)


def generate(scenario: Scenario, seed: int = SEED) -> tuple[str, str]:
    """The sites and offers CSV texts for the scenario's municipalities (tasks from compute_quota)."""
    quota = compute_quota(scenario).by_code()
    rural = set(scenario.settings.rules.rural_stedelijkheid)
    cycle = scenario.settings.cycle
    years = list(range(cycle.start.year, cycle.end.year + 1))
    munis = []
    for row in sorted(scenario.municipalities, key=lambda r: r.code):
        q = quota[row.code]
        munis.append(Muni(row.code, row.name, row.province, row.stedelijkheid in rural,
                          {"regular": q.task_regular, "amv": q.task_amv}, random.Random(f"{seed}/{row.code}")))
    for m in munis:
        _draw_municipality(m, years)
    _close_provinces(munis, years)

    sites = io.StringIO()
    w = csv.DictWriter(sites, SITE_COLUMNS, lineterminator="\n")
    w.writeheader()
    for m in munis:
        for s in sorted(m.sites, key=lambda s: s.id):
            w.writerow(s.row())
    offers = io.StringIO()
    w = csv.DictWriter(offers, OFFER_COLUMNS, lineterminator="\n")
    w.writeheader()
    for m in munis:
        for k in ("regular", "amv"):
            for y in years:
                w.writerow({"code": m.code, "category": k, "year": y, "places": _offer(m, k, y), "remarks": REMARK})
    return sites.getvalue(), offers.getvalue()


def _municipalities_only(folder: Path) -> Scenario:
    """The scenario with its municipalities (the site layer is what we generate, so it is not read)."""
    scenario, problems = load_scenario(folder)
    if scenario is None or problems.has_errors():
        raise SystemExit(f"cannot load {folder}: {problems}")
    return scenario


def national_texts(seed: int = SEED) -> tuple[str, str]:
    return generate(_municipalities_only(NATIONAL), seed)


def write_scaled(scale: int, out: Path | None = None, seed: int = SEED) -> Path:
    """Write a ``scale``× national instance (copies of every province, unique GM codes) to ``out``; returns it."""
    base = _municipalities_only(NATIONAL)
    rows = sorted(base.municipalities, key=lambda r: r.code)
    if scale * len(rows) > 10_000:
        raise SystemExit(f"{scale}x{len(rows)} municipalities do not fit in the codes GM0000–GM9999")
    out = out or TMP / f"nederland-x{scale}"
    out.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    cols = ("code", "name", "province", "population", "population_date", "ses_woa", "stedelijkheid", "remarks")
    w = csv.DictWriter(buf, cols, lineterminator="\n")
    w.writeheader()
    for k in range(scale):
        for i, r in enumerate(rows):
            w.writerow({"code": f"GM{k * len(rows) + i:04d}", "name": f"{r.name} {k + 1}",
                        "province": f"{r.province}-{k + 1}", "population": r.population,
                        "population_date": r.population_date or "", "ses_woa": "" if r.ses_woa is None else r.ses_woa,
                        "stedelijkheid": r.stedelijkheid or "", "remarks": f"copy {k + 1} of {r.code} (synthetic)"})
    (out / "municipalities.csv").write_text(buf.getvalue(), encoding="utf-8")
    c = base.settings.cycle
    # The schema allows at most MAX_NATIONAL_PLACES (10x 203.000 is above it): the Ukraine figure is capped there, so
    # a municipality's Ukraine target in the 10x instance is about half of its original's.
    ukraine = min(c.ukraine_national_target * scale, MAX_NATIONAL_PLACES)
    (out / "scenario.toml").write_text(
        f'# SYNTHETIC {scale}x instance for benchmarks (benchmarks/generate.py); not real data.\n'
        f'[scenario]\nname = "Nederland x{scale} (synthetisch)"\nlanguage = "nl"\n\n'
        f'[cycle]\nstart = {c.start}\nend = {c.end}\nperiod = "year"\nnational_need = {c.national_need * scale}\n'
        f"national_amv_need = {c.national_amv_need * scale}\n"
        f"ukraine_national_target = {ukraine}\nreport_date = {c.report_date}\n\n"
        '[rules]\nrounding = "half-up"\nuse_official_tasks = true\nuse_ses_woa = true\n\n'
        '[tables]\nmunicipalities = "municipalities.csv"\n',
        encoding="utf-8",
    )
    sites, offers = generate(_municipalities_only(out), seed)
    (out / "sites.csv").write_text(sites, encoding="utf-8")
    (out / "offers.csv").write_text(offers, encoding="utf-8")
    with (out / "scenario.toml").open("a", encoding="utf-8") as fh:
        fh.write('sites = "sites.csv"\noffers = "offers.csv"\n')
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scale", type=int, default=1, help="1: the committed national files; N > 1: a temp N× copy")
    ap.add_argument("--check", action="store_true", help="only compare the committed national files")
    args = ap.parse_args(argv)
    if args.scale > 1:
        print(f"wrote {write_scaled(args.scale, seed=args.seed)}")
        return 0
    sites, offers = national_texts(args.seed)
    targets = {NATIONAL / "sites.csv": sites, NATIONAL / "offers.csv": offers}
    if args.check:
        stale = [p.name for p, text in targets.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
        print("up to date" if not stale else f"differ from the generator: {', '.join(stale)}")
        return 1 if stale else 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    n_sites = sites.count("\n") - 1
    print(f"wrote {n_sites} sites and {offers.count(chr(10)) - 1} offers to {NATIONAL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
