"""Ingest: from files, folders, stdin, URLs, feeds, JSONL and WARC to cleaned articles."""
