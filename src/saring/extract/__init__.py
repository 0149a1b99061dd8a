"""HTML to text: the ``extract`` step and its page-level helpers."""
