"""Who may see and do what in the shared service: accounts with a role and projects, API tokens,
sign-in throttling, and the append-only audit trail, kept in an embedded SQLite store under
IMPACT_HOME/access (apart from the DuckDB files, so that no build or upload can lock it)."""
