"""Benchmarks: extraction quality, scale, and the synthetic corpora they run on."""
