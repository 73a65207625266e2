-- A publication that statistics come from, e.g. "USGS MCS 2025". The newest edition (highest published_year)
-- is the default answer for a fact that several editions report.
create table edition (
    id             integer     generated always as identity primary key,
    code           text        not null unique check (length(code) between 1 and 100),
    published_year integer     not null check (published_year between 1900 and 2200),
    citation       text,
    created_at     timestamptz not null default now()
);

insert into edition (code, published_year, citation) values
    ('USGS MCS 2025', 2025, 'U.S. Geological Survey, 2025, Mineral Commodity Summaries 2025 World Data Release, doi:10.5066/P13XCP3R');

-- One value: commodity x area x year x measure x edition. Area is an ISO 3166-1 alpha-2 code, or WORLD
-- (the published world total) or ROW (rest of world: the "Other countries" residual).
create table statistic (
    commodity_id bigint      not null references commodity (id),
    measure      text        not null check (measure in ('MINE_PRODUCTION', 'REFINERY_PRODUCTION', 'RESERVES',
                                 'MINE_CAPACITY', 'REFINERY_CAPACITY')),
    year         smallint    not null check (year between 1900 and 2200),
    area         text        not null check (area ~ '^[A-Z]{2}$' or area in ('WORLD', 'ROW')),
    edition_id   integer     not null references edition (id),
    value        numeric     not null check (value >= 0),
    unit         text        not null references unit (code),
    estimated    boolean     not null default false,
    lower_bound  boolean     not null default false,
    note         text,
    import_id    uuid,
    updated_at   timestamptz not null default now(),
    primary key (commodity_id, measure, year, area, edition_id)
);

-- Corrections of a value within one edition (re-imports that change it): the old value is kept here.
create table statistic_change (
    id           bigint      generated always as identity primary key,
    commodity_id bigint      not null,
    measure      text        not null,
    year         smallint    not null,
    area         text        not null,
    edition_id   integer     not null,
    value        numeric     not null,
    unit         text        not null,
    estimated    boolean     not null,
    lower_bound  boolean     not null,
    note         text,
    import_id    uuid,
    replaced_at  timestamptz not null default now(),
    replaced_by  uuid
);

create index statistic_change_fact on statistic_change (commodity_id, measure, year, area);

create function statistic_keep_old() returns trigger language plpgsql as $$
begin
    insert into statistic_change (commodity_id, measure, year, area, edition_id, value, unit, estimated, lower_bound,
                                  note, import_id, replaced_by)
    values (old.commodity_id, old.measure, old.year, old.area, old.edition_id, old.value, old.unit, old.estimated,
            old.lower_bound, old.note, old.import_id, new.import_id);
    return new;
end $$;

create trigger statistic_keep_old before update on statistic
    for each row execute function statistic_keep_old();

-- Imports that changed something (an import that changes nothing leaves no trace).
create table statistic_import (
    id           uuid        primary key,
    format       text        not null check (format in ('USGS_MCS', 'NORMALIZED')),
    sha256       text        not null,
    rows_read    integer     not null,
    values_read  integer     not null,
    inserted     integer     not null,
    updated      integer     not null,
    unchanged    integer     not null,
    skipped      integer     not null,
    report       jsonb       not null,
    editions     text[]      not null,
    commodities  text[]      not null,
    created_at   timestamptz not null
);

create index statistic_import_created on statistic_import (created_at desc, id);

-- Worldwide Governance Indicator per country, rescaled 0-10 (higher = weaker governance), for supply risk.
create table governance_score (
    country    varchar(2)   not null check (country ~ '^[A-Z]{2}$'),
    year       smallint     not null check (year between 1990 and 2200),
    score      numeric(6,4) not null check (score between 0 and 10),
    source     text         check (length(source) <= 300),
    updated_at timestamptz  not null,
    version    bigint       not null default 0,
    primary key (country, year)
);

-- Stored inputs of the EU supply-risk indicator for one commodity.
create table supply_risk_input (
    commodity_id         bigint       primary key references commodity (id),
    import_reliance      numeric(6,5) check (import_reliance between 0 and 1),
    eol_rir              numeric(6,5) check (eol_rir between 0 and 1),
    substitution_index   numeric(6,5) check (substitution_index between 0 and 1),
    economic_importance  numeric(8,4) check (economic_importance >= 0),
    eu_sourcing          jsonb        not null default '[]',
    trade_restrictions   jsonb        not null default '[]',
    source               text         check (length(source) <= 300),
    updated_at           timestamptz  not null,
    version              bigint       not null default 0
);
