"""The schema step: files -> raw records (with their positions) -> models; nothing across records."""
