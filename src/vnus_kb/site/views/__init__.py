"""The site's pages, one kind each: records, sources, overviews, home, explore, timeline."""
