"""The files beside the pages: downloads, statements, the feed, JSON-LD and the search index."""
