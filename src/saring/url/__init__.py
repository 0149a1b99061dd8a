"""URL and domain metadata and filters (registered domain, blocklist, URL-path spam)."""
