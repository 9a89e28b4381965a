"""Benchmarks: ``python -m benchmarks`` runs them side by side and writes the README's table."""
