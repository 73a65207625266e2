-- The commodity read model now uses the platform consumer (db/platform V0_3): its processed event ids move to
-- consumer_processed_event under the consumer's name, so events applied before the upgrade stay deduplicated.
insert into consumer_processed_event (consumer, event_id, topic, processed_at)
select 'commodities', event_id, topic, processed_at from processed_event
on conflict do nothing;

drop table processed_event;
