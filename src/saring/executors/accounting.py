"""Nothing lost: per shard and in total, ``input == kept + rejected + errors``, and ``stats.json``.

Every segment counts its documents in flight (:class:`ShardResult`); corpus stages pass every
document through with its decision, so the segment after a stage must read exactly what the
segment before it kept. Any difference is a mismatch and fails the run.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from saring.executors.observe import merge_observed
from saring.io import atomic
from saring.step import StepStats


@dataclass
class ShardResult:
    """What one segment did to one shard: counts, reasons, per-step stats, time."""

    shard: str
    segment: int
    input: int = 0
    kept: int = 0
    rejected: int = 0
    errors: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # "step:reason" -> n
    error_kinds: dict[str, int] = field(default_factory=dict)
    stats: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: bool = False
    observed: dict[str, Any] = field(default_factory=dict)  # observer name -> per-shard result

    def balanced(self) -> bool:
        return self.input == self.kept + self.rejected + self.errors


@dataclass
class RunResult:
    """Outcome of a run; ``counts`` = input/kept/rejected/errors in total."""

    output: Path
    counts: dict[str, int]
    stats: dict[str, dict[str, Any]]
    ok: bool
    balanced: bool
    mismatches: list[str]
    rejected_by_reason: dict[str, int]
    errors_by_kind: dict[str, int]
    shards: dict[str, dict[str, int]]
    skipped_shards: list[str]
    seconds: float
    observed: dict[str, Any] = field(default_factory=dict)
    work_bytes: int = 0
    skipped_inputs: list[dict[str, str]] = field(default_factory=list)  # files not read, and why
    # {"documents", "duplicates" (documents whose id occurred before), "ids_repeated",
    #  "ids_in_several_files"}; None when it could not be counted
    duplicate_ids: dict[str, int] | None = None
    languages: dict[str, dict[str, Any]] = field(default_factory=dict)  # stats.json "languages"

    @property
    def docs_per_second(self) -> float:
        return self.counts["input"] / self.seconds if self.seconds > 0 else 0.0


def _check(results: list[list[ShardResult]], i: int, name: str) -> list[str]:
    out = []
    first, final = results[0][i], results[-1][i]
    rej = sum(seg[i].rejected for seg in results)
    err = sum(seg[i].errors for seg in results)
    if first.input != final.kept + rej + err:
        out.append(f"{name}: input {first.input} != kept {final.kept} + rejected {rej} + errors {err}")
    for k, seg in enumerate(results):
        r = seg[i]
        if not r.balanced():
            out.append(f"{name} segment {r.segment}: input {r.input} != kept {r.kept} + rejected "
                       f"{r.rejected} + errors {r.errors}")
        if k > 0 and r.input != results[k - 1][i].kept:
            prev = results[k - 1][i]
            out.append(f"{name} segment {r.segment}: read {r.input} docs but segment {prev.segment} "
                       f"kept {prev.kept}")
    return out


def account(
    out: Path, results: list[list[ShardResult]], names: list[str],
    stage_stats: dict[str, StepStats], skipped: list[str], strict: bool, seconds: float,
    observers: Sequence[Any] = (), work_bytes: int = 0,
    skipped_inputs: list[dict[str, str]] | None = None,
    duplicate_ids: dict[str, int] | None = None,
) -> RunResult:
    """Merge stats, check the balance per shard and segment, write ``stats.json``.

    ``results[k][i]`` is segment ``k``'s result for shard ``names[i]``."""
    merged: dict[str, StepStats] = {}
    reasons: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    mismatches: list[str] = []
    shards: dict[str, dict[str, int]] = {}
    for i, n in enumerate(names):
        final = results[-1][i]
        shards[n] = {"input": results[0][i].input, "kept": final.kept,
                     "rejected": sum(seg[i].rejected for seg in results),
                     "errors": sum(seg[i].errors for seg in results)}
        mismatches += _check(results, i, n)
        for seg in results:
            r = seg[i]
            reasons.update(r.reasons)
            kinds.update(r.error_kinds)
            for label, sd in r.stats.items():
                if sd:
                    merged.setdefault(label, StepStats()).merge(StepStats.from_dict(sd))
    merged.update(stage_stats)
    counts = {k: sum(s[k] for s in shards.values()) for k in ("input", "kept", "rejected", "errors")}
    balanced = not mismatches
    skipped_inputs = skipped_inputs or []
    ok = balanced and not (strict and (counts["errors"] or skipped_inputs))
    observed = merge_observed(observers, [r for seg in results for r in seg])
    result = RunResult(
        output=out, counts=counts, stats={k: v.to_dict() for k, v in merged.items()}, ok=ok,
        balanced=balanced, mismatches=mismatches, rejected_by_reason=dict(reasons.most_common()),
        errors_by_kind=dict(kinds.most_common()), shards=shards, skipped_shards=skipped,
        seconds=seconds, observed=observed, work_bytes=work_bytes, skipped_inputs=skipped_inputs,
        duplicate_ids=duplicate_ids,
    )
    atomic.write_json(out / "stats.json", {
        "counts": counts,
        "accounting": {"balanced": balanced, "mismatches": mismatches},
        "ok": ok, "strict": strict,
        "rejected_by_reason": result.rejected_by_reason,
        "errors_by_kind": result.errors_by_kind,
        "duplicate_ids": duplicate_ids,
        "steps": result.stats, "shards": shards, "skipped": skipped,
        "skipped_inputs": skipped_inputs,
        "observed": observed,
        "seconds": round(seconds, 3), "docs_per_second": round(result.docs_per_second, 1),
    })
    return result


def load_stats(output: str | Path) -> dict[str, Any]:
    """The ``stats.json`` of a finished run."""
    return json.loads((Path(output) / "stats.json").read_text(encoding="utf-8"))
