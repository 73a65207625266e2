-- The staging table of statistics imports (ADR 0103, 2026-11-30). A regular table rather than a temporary one, so
-- that PostgreSQL can scan it with parallel workers when it compares a file with the stored facts (a temporary
-- table is private to its session). Unlogged: never written to the WAL, emptied by crash recovery. It is empty
-- outside an import: the import (one at a time, under its advisory lock) truncates it in its transaction, fills it
-- by COPY ... (freeze) and truncates it again before committing; a failed import rolls back to the empty table.
create unlogged table import_stage (
    line         integer,
    commodity_id bigint,
    measure      text,
    year         smallint,
    area         text,
    edition      smallint, -- the edition's number in the file (1, 2, ...), not its code
    value        numeric,
    unit         text,
    estimated    boolean,
    lower_bound  boolean,
    note         text
) with (autovacuum_enabled = false);
