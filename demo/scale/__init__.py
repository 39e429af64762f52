"""Synthetic partnership-scale data for benchmarks, written with bulk inserts."""
