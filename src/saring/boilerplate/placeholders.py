"""The placeholders of ``shape.tsv`` rows (a name, a credit label, a date, a time, a weekday, a
platform), shared by the shape rows and the head/tail grammars (``headgrammar.py``)."""

from __future__ import annotations

_MONTH = (
    r"(?i:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
    r"desember|january|february|march|may|june|july|august|october|december|mac|julai|ogos|"
    r"disember|jan|feb|mar|apr|jun|jul|agu|agt|aug|sept|sep|okt|oct|nov|des|dec)"
)
PLACEHOLDERS = {
    "{NAME}": r"[A-Z@][\w.'’@-]{0,30}(?:[ \t](?:[A-Za-z][\w.'’-]{0,30}|&)){0,6}",
    "{LABEL}": (
        r"(?i:penulis|editor|redaktur|reporter|pewarta|penyunting|penyelaras(?: bahasa)?|"
        r"kontributor|jurnalis|wartawan|koresponden|fotografer|videografer|teks|naskah|grafis|"
        r"infografis|ilustrator|desain|produser|uploader|copy ?editor|editor bahasa|penerjemah|"
        r"alih bahasa|penanggung ?jawab|laporan|liputan|redaksi|oleh|rep|red)"
    ),
    "{DATE}": (
        rf"(?:\d{{1,2}}[ \t]{_MONTH}[ \t]\d{{4}}|{_MONTH}[ \t]\d{{1,2}},?[ \t]\d{{4}}|"
        r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})"
    ),
    "{TIME}": r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ \t]?(?:WIB|WITA|WIT|MYT|SGT|[AaPp]\.?[Mm]\.?|pg|ptg|pagi|petang|malam))?",
    "{WEEKDAY}": (
        r"(?i:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|isnin|khamis|jumaat|"
        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    ),
    "{PLATFORM}": (
        r"(?i:google news|whats ?app(?: channel)?|wa channel|telegram|instagram|facebook|twitter|"
        r"tiktok|youtube|linkedin|line today|saluran (?:whatsapp|wa|telegram)|channel|kanal)"
    ),
}
