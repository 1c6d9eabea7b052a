"""Markdown building blocks: escaping, words, pages and their paging, pictures; no kind of page."""
