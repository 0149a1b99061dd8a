"""The published dataset: ``kept/<lang>/part-*`` in the Hugging Face datasets layout, per-document
training records with provenance, and the dataset card (``README.md``) at the output root."""

from saring.dataset.read import read_kept, read_records
from saring.dataset.records import FIELDS, to_document, training_record

__all__ = ["FIELDS", "read_kept", "read_records", "to_document", "training_record"]
