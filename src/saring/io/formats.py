"""Output formats, in a module of their own so the command line can list them without
importing the writers."""

FORMATS = ("jsonl.gz", "jsonl.zst", "jsonl", "parquet")
