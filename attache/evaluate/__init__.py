"""Gold readers and scorers behind `attache evaluate`."""
