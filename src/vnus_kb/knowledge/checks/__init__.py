"""Checks over the loaded KnowledgeBase: citations and quotes, values, duplicates, dates, coverage."""
