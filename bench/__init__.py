"""Benchmarks (python3 dev.py bench / python -m bench); not part of the tests."""
