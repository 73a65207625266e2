-- Event consumers (platform, org.mfs.platform.consumer): what each consumer has applied, written in the
-- transaction of the effect. Event ids deduplicate redeliveries (purged after a retention); the last applied
-- sequence per aggregate (never purged) makes an older event that arrives after a newer one a no-op.
create table consumer_processed_event (
    consumer     text        not null,
    event_id     text        not null,
    topic        text        not null,
    processed_at timestamptz not null,
    primary key (consumer, event_id)
);

create index consumer_processed_event_processed_at on consumer_processed_event (processed_at);

create table consumer_sequence (
    consumer      text        not null,
    topic         text        not null,
    subject       text        not null,
    last_sequence bigint      not null,
    updated_at    timestamptz not null,
    primary key (consumer, topic, subject)
);
