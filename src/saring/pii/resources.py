"""Loading the PII data files (``saring/data/pii``) once into immutable lookups."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from saring.pii.validate import Region

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "pii"


def _data_path(name: str) -> Path:
    return DATA_DIR / name


def _tsv_rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file without ``#`` comments and without the header line."""
    rows: list[list[str]] = []
    header_seen = False
    for line in _data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append(line.split("\t"))
    return rows


@dataclass(frozen=True)
class PIIResources:
    """Everything the detector and the generator need from the data files."""

    regions: dict[str, Region]
    province_names: dict[str, str]
    mobile_prefixes: frozenset[str]
    area_codes: dict[str, str]
    two_digit_areas: frozenset[str]
    context: dict[str, tuple[str, ...]]


@lru_cache(maxsize=1)
def load_resources() -> PIIResources:
    """Parse the data files (cached per process; steps call this in ``setup``)."""
    regions: dict[str, Region] = {}
    names: dict[str, str] = {}
    for code, name, kab_max, kota_max in _tsv_rows("provinces.tsv"):
        regions[code] = Region(int(kab_max), int(kota_max))
        names[code] = name
    prefixes = frozenset(row[0] for row in _tsv_rows("mobile_prefixes.tsv"))
    areas = {row[0]: row[1] for row in _tsv_rows("area_codes.tsv")}
    two_digit = frozenset(code for code in areas if len(code) == 2)
    raw = json.loads(_data_path("context.json").read_text(encoding="utf-8"))
    context = {k: tuple(v) for k, v in raw.items() if not k.startswith("_")}
    return PIIResources(regions, names, prefixes, areas, two_digit, context)
