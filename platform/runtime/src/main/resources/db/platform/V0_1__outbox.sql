-- Transactional outbox (platform): every service publishes its events through this table.
-- A state change and its event row are written in one transaction; the relay publishes unsent rows
-- to Kafka in position order and marks them sent.
create table outbox_event (
    id             uuid        primary key,
    position       bigint      generated always as identity unique,
    topic          text        not null,
    aggregate_type text        not null,
    aggregate_id   text        not null,
    sequence       bigint      not null check (sequence > 0),
    event_type     text        not null,
    source         text        not null,
    occurred_at    timestamptz not null,
    payload        json        not null,
    published_at   timestamptz,
    attempts       integer     not null default 0,
    last_error     text,
    unique (aggregate_type, aggregate_id, sequence)
);

create index outbox_event_unpublished on outbox_event (position) where published_at is null;

-- Last sequence number handed out per aggregate; the upsert row lock orders concurrent writers.
create table outbox_sequence (
    aggregate_type text   not null,
    aggregate_id   text   not null,
    last_sequence  bigint not null,
    primary key (aggregate_type, aggregate_id)
);

-- Wake the relay when a transaction that wrote events commits (NOTIFY is delivered on commit).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('mfs_outbox', '');
    return null;
end $$;

create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();
