"""KnowledgeBase -> {page path: Markdown} and downloads; knows nothing of MkDocs."""
