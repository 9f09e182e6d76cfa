"""English language data: lexicon.yaml and examples.jsonl beside this file."""
