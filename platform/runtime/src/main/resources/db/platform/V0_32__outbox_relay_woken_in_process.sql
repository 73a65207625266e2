-- The relay is woken in-process after the commit of a transaction that wrote events (ADR 0028), no longer by
-- pg_notify: committing a transaction that notified takes PostgreSQL's database-wide notification lock and holds it
-- through the commit's WAL flush, so every writing transaction of the database committed one after the other.
drop trigger if exists outbox_event_notify on outbox_event;
drop function if exists outbox_event_notify();
