"""Russian language data (lexicon only; the engine is language-agnostic)."""
