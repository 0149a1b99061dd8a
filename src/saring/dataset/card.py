"""The dataset card (``README.md`` at the output root): YAML front matter for the Hugging Face
Hub and ``datasets`` (one config per language partition, licence placeholder, languages,
features), then a human summary of what is in the dataset and how the pipeline made it.

Everything in the card comes from the run's own records (``stats.json`` figures, the manifest's
config and versions), so the card and ``stats.json`` cannot disagree.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from saring.dataset.records import QUALITY_FIELDS, hf_features
from saring.languages import OTHER

_FIELD_DOCS = [
    ("id", "string", "document id (from the input, else `<shard>:<line>`)"),
    ("text", "string", "the cleaned text (after every edit)"),
    ("lang", "string", "detected language (else declared by the source, else `und`); in "
     "`other` the actual language"),
    ("lang_score", "float64", "language-ID confidence"),
    ("url", "string", "source URL when known"),
    ("domain", "string", "registered domain of the source site, e.g. `kompas.com`"),
    ("date", "string", "the source's date string, verbatim"),
    ("mt_damage", "float64", "machine-translation damage score, 0 (clean) .. 1"),
    ("quality", "struct", "quality measurements: " + ", ".join(f"`{f[0]}`" for f in QUALITY_FIELDS)),
    ("dup_cluster", "string", "duplicate cluster this document was kept for (dedup), else null"),
    ("provenance", "string", "JSON: `metadata`, `edits` (step, kind, offsets, before/after, "
     "confidence), `annotations`, `flags`, `decision`; `saring.dataset.to_document(row)` "
     "rebuilds the full document"),
]


def _cell(value: Any) -> str:
    """A Markdown table cell: no pipes, no line breaks, no raw HTML."""
    s = str(value).replace("\\", "\\\\").replace("|", "\\|")
    s = s.replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s+", " ", s).strip()


def _code(value: Any) -> str:
    """A Markdown code span for a table cell (renderers escape its content; no pipes, no
    backticks, no line breaks)."""
    s = re.sub(r"\s+", " ", str(value)).strip().replace("`", "'").replace("|", "\\|")
    return f"`{s}`"


def _fenced(text: str, info: str = "") -> str:
    """A fenced code block whose fence is longer than any backtick run inside."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{text.rstrip()}\n{fence}"


def _share(n: int, total: int) -> str:
    return f"{100.0 * n / total:.2f}%" if total else "-"


def _size_category(n: int) -> str:
    for limit, name in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                        (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M"),
                        (100_000_000, "10M<n<100M"), (1_000_000_000, "100M<n<1B")):
        if n < limit:
            return name
    return "n>1B"


def front_matter(languages: dict[str, dict[str, Any]], fmt: str) -> dict[str, Any]:
    """The card's YAML metadata: configs per kept partition with their data files."""
    parts = [k for k, v in languages.items() if v["kept"]]
    default = max(parts, key=lambda k: (languages[k]["kept"], k == "id")) if parts else None
    configs, infos = [], []
    for k in parts:
        cfg: dict[str, Any] = {"config_name": k,
                               "data_files": [{"split": "train", "path": f"kept/{k}/part-*.{fmt}"}]}
        if k == default:
            cfg["default"] = True
        configs.append(cfg)
        infos.append({"config_name": k, **hf_features()})
    total = sum(languages[k]["kept"] for k in parts)
    return {
        "pretty_name": "saring corpus",
        "license": "other",  # placeholder: the licence of the sources decides (see the card)
        "license_name": "to-be-determined",
        "language": [k for k in parts if k != OTHER],
        "multilinguality": "multilingual" if len(parts) > 1 else "monolingual",
        "task_categories": ["text-generation"],
        "size_categories": [_size_category(total)],
        "configs": configs,
        "dataset_info": infos,
    }


def _language_table(languages: dict[str, dict[str, Any]]) -> list[str]:
    rows = ["| config | documents | words | characters | files | bytes |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in languages.items():
        if v["kept"]:
            rows.append(f"| {_code(k)} | {v['kept']:,} | {v['words']:,} | {v['characters']:,} | "
                        f"{len(v['files'])} | {v['bytes']:,} |")
    return rows


def _removal_tables(stats: dict[str, Any], languages: dict[str, dict[str, Any]]) -> list[str]:
    counts = stats["counts"]
    total = counts["input"]
    out = ["| language | input | kept | rejected | errors | kept share |", "|---|---:|---:|---:|---:|---:|"]
    for k, v in languages.items():
        out.append(f"| {_code(k)} | {v['input']:,} | {v['kept']:,} | {v['rejected']:,} | "
                   f"{v['errors']:,} | {_share(v['kept'], v['input'])} |")
    out.append(f"| **all** | {total:,} | {counts['kept']:,} | {counts['rejected']:,} | "
               f"{counts['errors']:,} | {_share(counts['kept'], total)} |")
    out += ["", "Removed documents by step and reason (share of all input documents):", "",
            "| step:reason | documents | share |", "|---|---:|---:|"]
    for reason, n in stats.get("rejected_by_reason", {}).items():
        out.append(f"| {_code(reason)} | {n:,} | {_share(n, total)} |")
    for kind, n in stats.get("errors_by_kind", {}).items():
        out.append(f"| error {_code(kind)} | {n:,} | {_share(n, total)} |")
    return out


_THRESHOLDS = (  # (section, key, column)
    ("gopher_quality", "min_doc_words", "min words"),
    ("gopher_quality", "min_alpha_words_ratio", "min alpha-word share"),
    ("gopher_quality", "min_stop_words", "min stop words"),
    ("gopher_repetition", "dup_line_frac", "max dup-line share"),
    ("fineweb_quality", "line_punct_thr", "min line-punct share"),
    ("fineweb_quality", "char_duplicates_ratio", "max dup-char share"),
)


def _quality_overrides(steps: Any) -> dict[str, dict[str, Any]] | None:
    """Per-section overrides of the quality filters in a config (``None``: no quality filter)."""
    found = False
    out: dict[str, dict[str, Any]] = {}
    for entry in steps or []:
        if not isinstance(entry, dict) or len(entry) != 1:
            continue
        (name, params), = entry.items()
        params = params if isinstance(params, dict) else {}
        if name == "quality":
            found = True
            for sec, ov in (params.get("overrides") or {}).items():
                out.setdefault(sec, {}).update(ov or {})
        elif name in ("gopher_quality", "gopher_repetition", "fineweb_quality"):
            found = True
            out.setdefault(name, {}).update(params.get("overrides") or {})
    return out if found else None


def _threshold_table(config: dict[str, Any], parts: list[str]) -> list[str]:
    """Main quality thresholds each partition's documents were held to (profile + overrides)."""
    from saring.quality import profiles

    overrides = _quality_overrides(config.get("steps"))
    if overrides is None or not parts:
        return []
    names = set(profiles.profile_names())
    rows = ["| config | profile | " + " | ".join(c for _, _, c in _THRESHOLDS) + " |",
            "|---|---|" + "---:|" * len(_THRESHOLDS)]
    for k in parts:
        prof = k if k in names else OTHER
        cells = []
        for sec, key, _ in _THRESHOLDS:
            try:
                v = profiles.section(prof, sec, overrides.get(sec)).get(key)
            except ValueError:
                v = None
            cells.append("off" if v in (None, 0, False) else _cell(v))
        rows.append(f"| {_code(k)} | {_code(prof)} | " + " | ".join(cells) + " |")
    return ["", "Main quality thresholds per partition (each language's FineWeb-2 profile with the "
            "overrides above; documents of a language without a profile use `other`):", "", *rows]


def render(
    stats: dict[str, Any], manifest: dict[str, Any], languages: dict[str, dict[str, Any]], fmt: str,
) -> str:
    """The whole card: ``---`` YAML ``---`` then Markdown."""
    meta = yaml.safe_dump(front_matter(languages, fmt), sort_keys=False, allow_unicode=True)
    config = manifest.get("config", {})
    versions = manifest.get("versions", {})
    parts = [k for k, v in languages.items() if v["kept"]]
    example = parts[0] if parts else "id"
    lines = [
        "---", meta.rstrip(), "---", "",
        "# saring corpus", "",
        f"Text in {len(parts)} language partition(s), cleaned by saring "
        f"{_cell(versions.get('saring', '?'))} from "
        f"{len(manifest.get('inputs', []))} input file(s); run started {_cell(manifest.get('started', '?'))}.",
        "", "## Languages", "", *_language_table(languages), "",
        "Words are whitespace-separated tokens; characters are Unicode code points of `text`.",
        "", "## Loading", "",
        _fenced(f'from datasets import load_dataset\n\nds = load_dataset("path/to/this/folder", '
                f'"{example}", split="train")', "python"),
        "", "## Fields", "", "| field | type | meaning |", "|---|---|---|",
        *[f"| `{n}` | {t} | {d} |" for n, t, d in _FIELD_DOCS],
        "", "## What was removed", "", *_removal_tables(stats, languages),
        "", "`rejected/` (every removed document with step, reason, measured value and threshold) "
        "and `errors/` (records that could not be processed) are beside `kept/` for auditing; they "
        "are not part of any config. `stats.json` has the same figures as this card.",
        "", "## How it was made", "",
        "Steps in order, with their parameters (thresholds of the quality filters come from "
        "per-language profiles in `saring/data/quality/profiles.yaml`, overridden as shown):", "",
        _fenced(yaml.safe_dump({"languages": config.get("languages"), "steps": config.get("steps")},
                               sort_keys=False, allow_unicode=True), "yaml"),
        *_threshold_table(config, parts),
        "", "Versions: " + ", ".join(f"{_cell(k)} {_cell(v)}" for k, v in versions.items()) + ".",
        "", "## Licence", "",
        "Not set: `license: other` above is a placeholder. The licence of this dataset is decided "
        "by the licences of its sources; set it before publishing.", "",
    ]
    return "\n".join(lines)
