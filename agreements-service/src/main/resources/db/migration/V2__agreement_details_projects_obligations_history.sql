-- Agreement details (treaty-register fields plus what minerals-for-security deals add), lifecycle dates,
-- full-text search, the commodity read model, projects with bilateral prioritisation, obligations,
-- and the revision history.

alter table agreement
    add column reference_code     text,
    add column summary            text        not null default '' check (length(summary) <= 10000),
    add column covered_minerals   text[]      not null default '{}',
    add column components         jsonb       not null default '[]',
    add column preconditions      jsonb       not null default '[]',
    add column source_documents   jsonb       not null default '[]',
    add column visibility         text        not null default 'PUBLIC' check (visibility in ('PUBLIC', 'PARTIES_ONLY')),
    add column negotiation_started_on date,
    add column signed_on          date,
    add column ratified_on        date,
    add column in_force_on        date,
    add column suspended_on       date,
    add column end_date           date,
    add column terminated_on      date,
    add column termination_reason text;

update agreement set reference_code = 'AGR-' || upper(substr(replace(id::text, '-', ''), 1, 12)) where reference_code is null;
alter table agreement alter column reference_code set not null;
alter table agreement add constraint agreement_reference_code_unique unique (reference_code);
alter table agreement add constraint agreement_reference_code_format check (reference_code ~ '^[A-Z0-9][A-Z0-9._/-]{1,63}$');
alter table agreement add constraint agreement_status_known check (status in
    ('DRAFT', 'UNDER_NEGOTIATION', 'SIGNED', 'RATIFIED', 'IN_FORCE', 'SUSPENDED', 'TERMINATED', 'EXPIRED'));
alter table agreement add constraint agreement_terminated_has_reason check (status <> 'TERMINATED' or termination_reason is not null);

alter table agreement add column search tsvector generated always as (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('english', coalesce(summary, '')), 'B')) stored;

create index agreement_search on agreement using gin (search);
create index agreement_covered_minerals on agreement using gin (covered_minerals);
create index agreement_status on agreement (status);
create index agreement_signed_on on agreement (signed_on);

-- Read model of minerals-service's commodities (from minerals.commodity.v1), and the events already applied.
create table commodity (
    code       text        primary key,
    name       text        not null,
    updated_at timestamptz not null
);

create table processed_event (
    event_id     text        primary key,
    topic        text        not null,
    processed_at timestamptz not null
);

-- Projects under an agreement, each party's designation and the joint committee's decision.
create table project (
    id                  uuid        primary key,
    agreement_id        uuid        not null references agreement (id) on delete cascade,
    name                text        not null check (length(name) between 1 and 300),
    sector              text        not null check (sector in ('ENERGY', 'TRANSPORT', 'MINING', 'PROCESSING', 'DIGITAL', 'OTHER')),
    country             varchar(2)  not null check (country ~ '^[A-Z]{2}$'),
    region              text,
    latitude            double precision check (latitude between -90 and 90),
    longitude           double precision check (longitude between -180 and 180),
    cost_amount         numeric(20, 2) check (cost_amount >= 0),
    cost_currency       varchar(3)  check (cost_currency ~ '^[A-Z]{3}$'),
    capacity_value      numeric(20, 3) check (capacity_value >= 0),
    capacity_unit       text,
    corridor            text,
    status              text        not null check (status in ('PROPOSED', 'PLANNED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'CANCELLED')),
    decision            text        check (decision in ('APPROVED', 'DEFERRED', 'REJECTED')),
    decided_on          date,
    minutes_reference   text,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             bigint      not null default 0,
    check ((cost_amount is null) = (cost_currency is null)),
    check ((capacity_value is null) = (capacity_unit is null)),
    check ((decision is null) = (decided_on is null))
);

create index project_agreement on project (agreement_id);

create table project_designation (
    project_id    uuid       not null references project (id) on delete cascade,
    country       varchar(2) not null check (country ~ '^[A-Z]{2}$'),
    designation   text       not null check (designation in ('STRATEGIC', 'CRITICAL')),
    designated_on date       not null,
    note          text,
    primary key (project_id, country)
);

-- Obligations (ESG and others) and the monitoring reports on them.
create table obligation (
    id                uuid        primary key,
    agreement_id      uuid        not null references agreement (id) on delete cascade,
    type              text        not null,
    description       text        not null check (length(description) between 1 and 2000),
    responsible_party varchar(2)  not null check (responsible_party ~ '^[A-Z]{2}$'),
    due_date          date        not null,
    status            text        not null check (status in ('PENDING', 'MET', 'WAIVED')),
    status_changed_on date,
    overdue_notified_at timestamptz,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0
);

create index obligation_agreement on obligation (agreement_id);
create index obligation_overdue_candidates on obligation (due_date) where status = 'PENDING' and overdue_notified_at is null;

create table monitoring_report (
    id            uuid        primary key,
    obligation_id uuid        not null references obligation (id) on delete cascade,
    reported_on   date        not null,
    verifier      text        not null check (length(verifier) between 1 and 300),
    independent   boolean     not null,
    finding       text        not null check (length(finding) between 1 and 5000),
    link          text,
    created_at    timestamptz not null
);

create index monitoring_report_obligation on monitoring_report (obligation_id);

-- Every change to an agreement or what hangs off it: who, when, what, and the agreement as it then stood.
create table agreement_revision (
    id           bigint      generated always as identity primary key,
    agreement_id uuid        not null references agreement (id) on delete cascade,
    revision     integer     not null,
    actor        text        not null,
    changed_at   timestamptz not null,
    operation    text        not null,
    changes      jsonb       not null,
    snapshot     jsonb       not null,
    unique (agreement_id, revision)
);

create index agreement_revision_as_of on agreement_revision (agreement_id, changed_at desc);
