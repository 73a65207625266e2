-- Mines and processing plants. Plain WGS84 lat/lon with range checks (no PostGIS); bbox filters are SQL ranges.
create table site (
    id               uuid          primary key,
    name             text          not null check (length(name) between 1 and 200),
    kind             text          not null check (kind in ('MINE', 'PROCESSING_PLANT', 'REFINERY', 'SMELTER')),
    country          varchar(2)    not null check (country ~ '^[A-Z]{2}$'),
    region           text          check (length(region) <= 200),
    latitude         numeric(9,6)  not null check (latitude between -90 and 90),
    longitude        numeric(10,6) not null check (longitude between -180 and 180),
    commodities      text[]        not null check (cardinality(commodities) >= 1),
    operator         text          check (length(operator) <= 200),
    status           text          not null check (status in ('PLANNED', 'DEVELOPMENT', 'OPERATING',
                                       'CARE_AND_MAINTENANCE', 'CLOSED')),
    capacity_value   numeric       check (capacity_value >= 0),
    capacity_unit    text          references unit (code),
    capacity_basis   text          check (length(capacity_basis) <= 300),
    source           text          check (length(source) <= 500),
    demo             boolean       not null default false,
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null default 0,
    check ((capacity_value is null) = (capacity_unit is null))
);

create index site_country on site (country);
create index site_commodities on site using gin (commodities);
create index site_position on site (latitude, longitude);

-- Transport corridors: ordered nodes (mines, border crossings, ports...) drawn as a line.
create table corridor (
    id          uuid        primary key,
    name        text        not null check (length(name) between 1 and 200),
    description text        check (length(description) <= 2000),
    countries   text[]      not null check (cardinality(countries) >= 1),
    commodities text[]      not null default '{}',
    mode        text        not null check (mode in ('RAIL', 'ROAD', 'RAIL_AND_ROAD', 'RIVER', 'PIPELINE', 'MULTIMODAL')),
    status      text        not null check (status in ('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATIONAL', 'UPGRADING', 'SUSPENDED')),
    source      text        check (length(source) <= 500),
    demo        boolean     not null default false,
    min_lat     numeric(9,6)  not null,
    max_lat     numeric(9,6)  not null,
    min_lon     numeric(10,6) not null,
    max_lon     numeric(10,6) not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0
);

create index corridor_countries on corridor using gin (countries);

create table corridor_node (
    corridor_id uuid          not null references corridor (id) on delete cascade,
    position    integer       not null,
    name        text          not null check (length(name) between 1 and 200),
    kind        text          not null check (kind in ('MINE', 'PROCESSING_PLANT', 'TOWN', 'RAIL_JUNCTION',
                                  'BORDER_CROSSING', 'PORT', 'DRY_PORT')),
    country     varchar(2)    not null check (country ~ '^[A-Z]{2}$'),
    latitude    numeric(9,6)  not null check (latitude between -90 and 90),
    longitude   numeric(10,6) not null check (longitude between -180 and 180),
    site_id     uuid          references site (id),
    primary key (corridor_id, position)
);
