-- The security-cooperation model: programmes (with classification, target regions and sources), budget lines per
-- fiscal year and disbursements, indicators with monitoring reports, incidents, and the read models of
-- agreements-service's agreements and minerals-service's sites. V1's placeholder table is replaced.
drop table programme;

create table programme (
    id                uuid        primary key,
    reference_code    text        not null unique check (reference_code ~ '^[A-Z0-9][A-Z0-9._/-]{1,63}$'),
    title             text        not null check (length(title) between 1 and 300),
    provider_country  varchar(2)  not null check (provider_country ~ '^[A-Z]{2}$'),
    recipient_country varchar(2)  not null check (recipient_country ~ '^[A-Z]{2}$'),
    agreement_id      uuid,
    category          text        not null check (category in ('TRAINING', 'EQUIPMENT', 'INTELLIGENCE_SHARING',
                          'JOINT_OPERATIONS', 'LAW_ENFORCEMENT_CAPACITY', 'BORDER_SECURITY', 'ANTI_SMUGGLING', 'GOVERNANCE')),
    objectives        text        not null default '' check (length(objectives) <= 10000),
    start_date        date,
    end_date          date,
    status            text        not null check (status in ('PLANNED', 'ACTIVE', 'ON_HOLD', 'COMPLETED', 'CANCELLED')),
    classification    text        not null check (classification in ('PUBLIC', 'RESTRICTED', 'CONFIDENTIAL')),
    target_regions    jsonb       not null default '[]',
    sources           jsonb       not null default '[]',
    status_reason     text,
    -- set when the agreement rule put the programme on hold (the agreement event that did it); cleared otherwise
    held_by_event     text,
    demo              boolean     not null default false,
    created_at        timestamptz not null,
    updated_at        timestamptz not null,
    version           bigint      not null default 0,
    check (end_date is null or start_date is null or end_date >= start_date),
    check (held_by_event is null or status = 'ON_HOLD')
);

create index programme_agreement on programme (agreement_id);
create index programme_visibility on programme (classification, provider_country, recipient_country);

-- Budget line: what a programme may spend in one fiscal year, in one currency. disbursed is kept by the same
-- statement that records a disbursement, and the check makes overspending impossible even for concurrent writers.
create table budget_line (
    id           uuid          primary key,
    programme_id uuid          not null references programme (id),
    fiscal_year  integer       not null check (fiscal_year between 1990 and 2100),
    currency     varchar(3)    not null check (currency ~ '^[A-Z]{3}$'),
    amount       numeric(20,2) not null check (amount >= 0),
    disbursed    numeric(20,2) not null default 0 check (disbursed >= 0),
    source       jsonb         not null,
    created_at   timestamptz   not null,
    updated_at   timestamptz   not null,
    version      bigint        not null default 0,
    unique (programme_id, fiscal_year, currency),
    check (disbursed <= amount)
);

create table disbursement (
    id             uuid          primary key,
    programme_id   uuid          not null references programme (id),
    budget_line_id uuid          not null references budget_line (id),
    fiscal_year    integer       not null,
    disbursed_on   date          not null,
    amount         numeric(20,2) not null check (amount > 0),
    currency       varchar(3)    not null check (currency ~ '^[A-Z]{3}$'),
    purpose        text          not null check (length(purpose) between 1 and 2000),
    source         jsonb         not null,
    created_at     timestamptz   not null
);

create index disbursement_programme on disbursement (programme_id, disbursed_on desc);
create index disbursement_totals on disbursement (programme_id, fiscal_year, currency) include (amount);

create table indicator (
    id           uuid          primary key,
    programme_id uuid          not null references programme (id),
    name         text          not null check (length(name) between 1 and 300),
    unit         text          not null check (length(unit) between 1 and 50),
    baseline     numeric(20,3) not null,
    target       numeric(20,3) not null,
    direction    text          not null check (direction in ('INCREASE', 'DECREASE')),
    created_at   timestamptz   not null,
    check ((direction = 'INCREASE' and target > baseline) or (direction = 'DECREASE' and target < baseline))
);

create index indicator_programme on indicator (programme_id);

create table indicator_report (
    id           uuid          primary key,
    indicator_id uuid          not null references indicator (id),
    period_end   date          not null,
    value        numeric(20,3) not null,
    note         text,
    source       jsonb         not null,
    reported_by  text          not null,
    created_at   timestamptz   not null,
    unique (indicator_id, period_end)
);

create table incident (
    id            uuid          primary key,
    occurred_on   date          not null,
    country       varchar(2)    not null check (country ~ '^[A-Z]{2}$'),
    region        text          not null check (length(region) between 1 and 200),
    latitude      numeric(9,6)  check (latitude between -90 and 90),
    longitude     numeric(10,6) check (longitude between -180 and 180),
    site_id       uuid,
    type          text          not null check (type in ('ATTACK_ON_MINE_SITE', 'ILLEGAL_MINING', 'SMUGGLING_SEIZURE',
                      'BORDER_INTERCEPTION', 'ARMED_GROUP_TAXATION', 'OTHER')),
    commodity     text,
    quantity      numeric(20,3) check (quantity >= 0),
    unit          text,
    description   text          not null default '' check (length(description) <= 5000),
    source        jsonb         not null,
    demo          boolean       not null default false,
    created_at    timestamptz   not null,
    check ((latitude is null) = (longitude is null)),
    check ((quantity is null) = (unit is null)),
    check (quantity is null or commodity is not null)
);

create index incident_occurred on incident (occurred_on, country, region);
create index incident_filters on incident (country, type, occurred_on desc);

create table incident_programme (
    incident_id  uuid not null references incident (id) on delete cascade,
    programme_id uuid not null references programme (id),
    primary key (incident_id, programme_id)
);

create index incident_programme_programme on incident_programme (programme_id);

-- Read model of agreements-service's agreements (agreements.agreement.v1): the latest known status, applied in
-- the order of the events' per-agreement sequence (an older event arriving late changes nothing).
create table agreement_ref (
    id              uuid        primary key,
    reference_code  text,
    title           text,
    status          text        not null,
    last_sequence   bigint      not null,
    updated_at      timestamptz not null
);

-- Read model of minerals-service's sites (minerals.site.v1), full state per event.
create table site_ref (
    id            uuid          primary key,
    name          text          not null,
    country       varchar(2)    not null,
    latitude      numeric(9,6),
    longitude     numeric(10,6),
    commodities   text[]        not null default '{}',
    last_sequence bigint        not null,
    updated_at    timestamptz   not null
);

