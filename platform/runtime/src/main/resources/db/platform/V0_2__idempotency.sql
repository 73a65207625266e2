-- Idempotency-Key (platform): the first response to a keyed POST, replayed to retries of the same request.
-- The row is written in the transaction that makes the change, so a key exists exactly when its effect does.
create table idempotency_key (
    scope        text        not null,
    key          text        not null check (length(key) between 1 and 200),
    request_hash text        not null,
    status       integer     not null,
    body         text,
    location     text,
    etag         text,
    created_at   timestamptz not null,
    primary key (scope, key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
