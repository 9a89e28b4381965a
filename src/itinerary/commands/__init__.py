"""One module per command; each registers its own sub-parser and imports heavy libraries lazily."""

COMMANDS = ("build", "check", "resolve", "export", "embed", "snapshot", "extract", "stats")
