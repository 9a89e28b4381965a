"""The journeys between stops: which kind each is, how far, and its great-circle arc."""
