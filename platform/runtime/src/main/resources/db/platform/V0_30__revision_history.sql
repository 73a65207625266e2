-- Revision history (platform, org.mfs.platform.history): every change to an aggregate adds a revision with who,
-- when, what changed (field-level, in the API's field names) and the aggregate's full API representation after the
-- change, in the transaction that made the change. "As of" reads return the snapshot of the last revision at or
-- before an instant. One table for every aggregate type of a service.
create table revision (
    id             bigint      generated always as identity primary key,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    revision       integer     not null check (revision > 0),
    actor          text        not null,
    changed_at     timestamptz not null,
    operation      text        not null,
    changes        jsonb       not null,
    snapshot       jsonb       not null,
    unique (aggregate_type, aggregate_id, revision)
);

create index revision_as_of on revision (aggregate_type, aggregate_id, changed_at desc);
