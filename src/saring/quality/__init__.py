"""Quality, spam and opt-out filters with per-language threshold profiles (id/ms/jv/su/en)."""
