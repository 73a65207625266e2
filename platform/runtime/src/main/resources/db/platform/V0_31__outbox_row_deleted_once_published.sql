-- ADR 20: the relay deletes an outbox row in the transaction that learns Kafka acknowledged its record, instead of
-- setting published_at and purging the row days later. Setting published_at rewrote the row and an entry in each of
-- its four indexes (the partial index below names the column, so the update could never be HOT); a delete touches
-- no index. Kafka is the log of record for published events.
-- published_at stays for one release, no longer written by this one: a relay of the previous release still running
-- during a rolling update marks rows instead of deleting them; this release skips and purges those (OutboxPurge).
drop index outbox_event_unpublished;
delete from outbox_event where published_at is not null;
