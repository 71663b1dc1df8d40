"""Faults and recovery: an internal error's one line and its log (failure.py), the ledger's and
the blobs' check (check.py), backup and restore of IMPACT_HOME (backup.py)."""
