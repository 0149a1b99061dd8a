"""Reading inputs (JSONL/Parquet/text) and writing outputs (JSONL gz/zst, Parquet) atomically."""

from saring.io.readers import ReaderConfig, ReadError, expand_inputs, read_documents, read_source
from saring.io.writers import FORMATS, open_writer, write_documents

__all__ = [
    "FORMATS", "ReadError", "ReaderConfig", "expand_inputs", "open_writer", "read_documents",
    "read_source", "write_documents",
]
