"""Serving benchmarks and the helpers that start gunicorn and nginx on loopback (also used by the tests)."""
