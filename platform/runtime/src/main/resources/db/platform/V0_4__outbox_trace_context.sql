-- Trace context and correlation id of the request (or consumed event) that caused an outbox row (ADR 16). The relay
-- sends them as the Kafka headers ce_traceparent (CloudEvents distributed tracing extension) and ce_requestid.
-- Both nullable: rows written outside a traced request, and rows written before this migration, have none.
alter table outbox_event add column traceparent text, add column request_id text;
