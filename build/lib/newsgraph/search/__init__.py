"""Passage search: a dense (faiss) and a lexical (tantivy) index, fused with the graph."""
