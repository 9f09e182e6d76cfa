"""Reading sources into RawItems: plain text, HTML, JSONL batches, standard input."""
