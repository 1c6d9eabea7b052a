"""Load -> validate -> resolve -> check: the knowledge base, knowing nothing of pages."""
