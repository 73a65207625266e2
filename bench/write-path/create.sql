-- pgbench -f: the transaction of one POST /api/v1/agreements with an Idempotency-Key, statement for statement as
-- agreements-service sends it (ADR 0017; PostgreSQL's statement log of a create), with the same sizes of text.
-- Keep it in step with the service when the create path changes.
-- JSON literals carry a space after each colon and \u003a inside times: pgbench reads ":name" as a variable.
\set r random(1, 9223372036854775806)
BEGIN;
insert into idempotency_key (scope, key, request_hash, status, created_at)
    values ('POST /api/v1/agreements', md5(:r::text || 'k'), '41de9382292822f2b1a57c171947670c2772f5b33b8ab783c22484984c4be558', 0, now())
    on conflict (scope, key) do nothing;
select code from commodity where code in ('cobalt', 'coltan');
insert into agreement (components, covered_minerals, created_at, end_date, in_force_on, negotiation_started_on, preconditions,
    ratified_on, reference_code, signed_on, source_documents, status, summary, suspended_on, terminated_on, termination_reason,
    title, type, updated_at, version, visibility, id)
    values (cast('[{"type": "MINERAL_ACCESS","description": "Access","implementationMethod": "Joint committee"}]' as jsonb),
    '{cobalt,coltan}', now(), null, null, null, cast('[]' as jsonb), null, 'AGR-' || upper(substr(md5(:r::text), 1, 16)), null,
    cast('[]' as jsonb), 'DRAFT', 'Critical minerals partnership with infrastructure and security cooperation', null, null, null,
    'Bench agreement CD-US', 'MINERALS_FOR_SECURITY', now(), 0, 'PUBLIC', md5(:r::text)::uuid);
insert into agreement_party (agreement_id, position, country, role) values (md5(:r::text)::uuid, 0, 'CD', 'RESOURCE_HOLDER');
insert into agreement_party (agreement_id, position, country, role) values (md5(:r::text)::uuid, 1, 'US', 'INVESTOR_PARTNER');
with revision as (
    insert into agreement_revision (agreement_id, revision, actor, changed_at, operation, changes, snapshot)
    values (md5(:r::text)::uuid, 1, 'bench-admin (5b0c2d1e-bench)', now(), 'created', cast('[{"field": "id","from": null,"to": "f0730581-77b0-4a5b-9967-c659fc9bd9d6"},{"field": "referenceCode","from": null,"to": "AGR-F073058177B0"},{"field": "title","from": null,"to": "Bench agreement CD-US"},{"field": "type","from": null,"to": "MINERALS_FOR_SECURITY"},{"field": "status","from": null,"to": "DRAFT"},{"field": "parties","from": null,"to": [{"country": "CD","role": "RESOURCE_HOLDER"},{"country": "US","role": "INVESTOR_PARTNER"}]},{"field": "summary","from": null,"to": "Critical minerals partnership with infrastructure and security cooperation"},{"field": "coveredMinerals","from": null,"to": ["cobalt","coltan"]},{"field": "components","from": null,"to": [{"type": "MINERAL_ACCESS","description": "Access","implementationMethod": "Joint committee"}]},{"field": "preconditions","from": null,"to": []},{"field": "sourceDocuments","from": null,"to": []},{"field": "visibility","from": null,"to": "PUBLIC"},{"field": "dates","from": null,"to": {"negotiationStartedOn": null,"signedOn": null,"ratifiedOn": null,"inForceOn": null,"suspendedOn": null,"endDate": null,"terminatedOn": null}}]' as jsonb),
    cast('{"id": "f0730581-77b0-4a5b-9967-c659fc9bd9d6","referenceCode": "AGR-F073058177B0","title": "Bench agreement CD-US","type": "MINERALS_FOR_SECURITY","status": "DRAFT","parties": [{"country": "CD","role": "RESOURCE_HOLDER"},{"country": "US","role": "INVESTOR_PARTNER"}],"summary": "Critical minerals partnership with infrastructure and security cooperation","coveredMinerals": ["cobalt","coltan"],"components": [{"type": "MINERAL_ACCESS","description": "Access","implementationMethod": "Joint committee"}],"preconditions": [],"sourceDocuments": [],"visibility": "PUBLIC","dates": {"negotiationStartedOn": null,"signedOn": null,"ratifiedOn": null,"inForceOn": null,"suspendedOn": null,"endDate": null,"terminatedOn": null},"terminationReason": null,"createdAt": "2026-11-29T13\u003a04\u003a00.922292Z","updatedAt": "2026-11-29T13\u003a04\u003a00.922292Z","version": 0}' as jsonb)))
update agreement set current_view = '{"id": "f0730581-77b0-4a5b-9967-c659fc9bd9d6","referenceCode": "AGR-F073058177B0","title": "Bench agreement CD-US","type": "MINERALS_FOR_SECURITY","status": "DRAFT","parties": [{"country": "CD","role": "RESOURCE_HOLDER"},{"country": "US","role": "INVESTOR_PARTNER"}],"summary": "Critical minerals partnership with infrastructure and security cooperation","coveredMinerals": ["cobalt","coltan"],"components": [{"type": "MINERAL_ACCESS","description": "Access","implementationMethod": "Joint committee"}],"preconditions": [],"sourceDocuments": [],"visibility": "PUBLIC","dates": {"negotiationStartedOn": null,"signedOn": null,"ratifiedOn": null,"inForceOn": null,"suspendedOn": null,"endDate": null,"terminatedOn": null},"terminationReason": null,"createdAt": "2026-11-29T13\u003a04\u003a00.922292Z","updatedAt": "2026-11-29T13\u003a04\u003a00.922292Z","version": 0}'
    where id = md5(:r::text)::uuid;
with seq as (
    insert into outbox_sequence (aggregate_type, aggregate_id, last_sequence) values ('agreement', md5(:r::text)::uuid::text, 1)
    on conflict (aggregate_type, aggregate_id) do update set last_sequence = outbox_sequence.last_sequence + 1
    returning last_sequence)
insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source, occurred_at, payload)
    select md5(:r::text || 'e')::uuid, 'agreements.agreement.v1', 'agreement', md5(:r::text)::uuid::text, seq.last_sequence,
    'agreement.created.v1', '/agreements-service', now(), cast('{"agreementId": "f0730581-77b0-4a5b-9967-c659fc9bd9d6","referenceCode": "AGR-F073058177B0","title": "Bench agreement CD-US","type": "MINERALS_FOR_SECURITY","status": "DRAFT","parties": [{"country": "CD","role": "RESOURCE_HOLDER"},{"country": "US","role": "INVESTOR_PARTNER"}],"coveredMinerals": ["cobalt","coltan"],"createdAt": "2026-11-29T13\u003a04\u003a00.922292Z"}' as json)
    from seq;
update idempotency_key set status = 201, body = '{"id": "f0730581-77b0-4a5b-9967-c659fc9bd9d6","referenceCode": "AGR-F073058177B0","title": "Bench agreement CD-US","type": "MINERALS_FOR_SECURITY","status": "DRAFT","parties": [{"country": "CD","role": "RESOURCE_HOLDER"},{"country": "US","role": "INVESTOR_PARTNER"}],"summary": "Critical minerals partnership with infrastructure and security cooperation","coveredMinerals": ["cobalt","coltan"],"components": [{"type": "MINERAL_ACCESS","description": "Access","implementationMethod": "Joint committee"}],"preconditions": [],"sourceDocuments": [],"visibility": "PUBLIC","dates": {"negotiationStartedOn": null,"signedOn": null,"ratifiedOn": null,"inForceOn": null,"suspendedOn": null,"endDate": null,"terminatedOn": null},"terminationReason": null,"createdAt": "2026-11-29T13\u003a04\u003a00.922292Z","updatedAt": "2026-11-29T13\u003a04\u003a00.922292Z","version": 0}',
    location = concat('http', chr(58), '//127.0.0.1', chr(58), '46513/api/v1/agreements/', md5(:r::text)::uuid), etag = '0'
    where scope = 'POST /api/v1/agreements' and key = md5(:r::text || 'k');
END;
