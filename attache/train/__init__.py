"""Training data and trained models: `attache train events` (the events corpus and its coder)."""
