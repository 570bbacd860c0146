"""Data to try the site with: demo accounts per role, and bulk data for the benchmark.

Seeding builds on the services like any other caller; nothing in the site imports it.
"""
