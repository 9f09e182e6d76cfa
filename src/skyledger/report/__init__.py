"""Views of the ledger for people and other tools: figures, daily statistics and exports."""
