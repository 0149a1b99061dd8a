"""``saring clean FILE|-``: repair one text (MT link glue, revision duplicates) and show what changed.

Prints the repaired text; ``--diff`` shows a line diff plus one line per edit (kind, confidence,
before -> after); ``--json`` prints one object with ``text``, ``edits``, ``flags``, ``scores``
(including ``mt_damage``) and ``removed_paragraphs``.

No click here: ``saring.cli.main`` runs the command without it when the arguments are plain
(:func:`run_clean` with :func:`plain_echo`); the click command (``clean_cmd.py``, also
``saring.cli.clean.clean``) runs the same function with ``click.echo``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from saring.cli.errors import DEFAULT_MAX_BYTES, read_text_input
from saring.cli.main import resume_gc
from saring.document import Document
from saring.repair.step import Repair


class Option:
    """One option of ``saring clean``: the click command (``clean_cmd.py``) and the click-free
    reader (``saring.cli.main.clean_args``) are both built from :data:`OPTIONS`.

    A plain class, not a dataclass: ``@dataclass`` compiles its generated methods from source
    at import (a frozen one six of them, ~0.5 ms), on the path of every ``saring clean``."""

    __slots__ = ("flag", "dest", "kind", "default", "help", "low", "high")

    def __init__(self, flag: str, dest: str, kind: type, default: Any, help: str,  # noqa: A002
                 low: float | int | None = None, high: float | int | None = None) -> None:
        self.flag = flag  # "--json"
        self.dest = dest  # keyword argument of run_clean
        self.kind = kind  # bool (a flag), float, int or str
        self.default = default
        self.help = help
        self.low = low  # inclusive bounds of a number
        self.high = high

    def __repr__(self) -> str:
        return f"Option({self.flag!r}, {self.dest!r})"

    def accepts(self, value: Any) -> bool:
        """Whether a converted value is within bounds (NaN is not: click decides then)."""
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


OPTIONS = (
    Option("--diff", "show_diff", bool, False, "Show a readable diff and the edit log."),
    Option("--json", "as_json", bool, False, "Print one JSON object (text, edits, ...)."),
    Option("--min-confidence", "min_confidence", float, 0.75,
           "Repair at or above this confidence; below it only flag.", 0.01, 1.0),
    Option("--url", "url", str, None, "Source URL (recorded as the document's site)."),
    Option("--max-bytes", "max_bytes", int, DEFAULT_MAX_BYTES,
           "Refuse larger input (memory use is about 35x the input size).", 1),
)


def clean_text(text: str, *, min_confidence: float = 0.75, url: str | None = None) -> Document:
    """Run the repair step on one text and return the document with edits and annotations."""
    return repair_text(repair_step(min_confidence), text, url=url)


def repair_step(min_confidence: float = 0.75) -> Repair:
    """The repair step, set up (its language resources loaded)."""
    step = Repair(min_confidence=min_confidence)
    step.ensure_setup()
    return step


def repair_text(step: Repair, text: str, *, url: str | None = None) -> Document:
    """``step`` run on one text as document ``stdin``."""
    doc = Document(id="stdin", text=text, metadata={"url": url} if url else {})
    step.process(doc)
    return doc


def result_dict(doc: Document, label: str = "repair") -> dict[str, Any]:
    """The ``--json`` shape: repaired text, edits, flags, scores and removed paragraphs."""
    ann = dict(doc.annotations.get(label, {}))
    removed = ann.pop("removed_paragraphs", [])
    return {
        "text": doc.text,
        "edits": [
            {"kind": e.kind, "start": e.start, "end": e.end, "before": e.before,
             "after": e.after, "confidence": e.confidence}
            for e in doc.edits
        ],
        "flags": [{k: v for k, v in f.items() if k != "step"} for f in doc.flags],
        "scores": ann,
        "removed_paragraphs": removed,
    }


def render_diff(original: str, doc: Document) -> str:
    """A unified line diff (no context) followed by one readable line per edit."""
    import difflib  # only for --diff: kept out of the start-up of a plain ``saring clean``

    lines = list(difflib.unified_diff(
        original.splitlines(), doc.text.splitlines(), "original", "repaired", lineterm="", n=0
    ))
    out = [*lines, ""] if lines else ["(no changes)"]
    for e in doc.edits:
        before = e.before.replace("\n", "\\n")
        after = e.after.replace("\n", "\\n")
        if len(before) > 80:
            before = before[:77] + "..."
        out.append(f"@{e.start} {e.kind} ({e.confidence:.2f}): {before!r} -> {after!r}")
    for f in doc.flags:
        what = f.get("text", "")
        sugg = f.get("suggestion")
        tail = f" -> {sugg!r}" if sugg is not None else ""
        out.append(f"? {f['kind']} ({f.get('confidence', f.get('similarity', 0)):.2f}): {what!r}{tail}")
    return "\n".join(out)


Echo = Callable[..., None]


def plain_echo(message: str, nl: bool = True) -> None:
    """``click.echo(message, nl=nl)`` without importing click, for text click would write as
    it is: no escape character (click strips ANSI styles off a terminal; such text goes to
    click itself) to a standard output that is not ASCII (checked by ``saring.cli.main``)."""
    out = message + "\n" if nl else message
    if "\x1b" in out:
        import click

        click.echo(message, nl=nl)
        return
    if out:
        sys.stdout.write(out)
    sys.stdout.flush()


def run_clean(file: Any, show_diff: bool, as_json: bool, min_confidence: float, url: str | None,
              max_bytes: int, echo: Echo) -> None:
    """The command: read, repair, print (``echo``: ``click.echo`` or :func:`plain_echo`)."""
    name = "stdin" if getattr(file, "name", "-") in ("-", "<stdin>") else repr(file.name)
    original = read_text_input(file, f"input {name}", max_bytes)
    step = repair_step(min_confidence)
    resume_gc()  # set up: from here on, garbage made from the input is collected as usual
    doc = repair_text(step, original, url=url)
    if as_json:
        import orjson

        sys.stdout.write(orjson.dumps(result_dict(doc)).decode() + "\n")
    elif show_diff:
        echo(render_diff(original, doc))
    else:
        echo(doc.text, nl=not doc.text.endswith("\n"))


def __getattr__(name: str) -> Any:
    if name == "clean":  # the click command, for code that imported it from here
        from saring.cli.clean_cmd import clean

        return clean
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
