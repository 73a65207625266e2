-- Units of mass the statistics use, with their size in metric tons (analytics convert through this table).
create table unit (
    code   text    primary key check (code ~ '^[A-Za-z]{1,8}$'),
    name   text    not null,
    tonnes numeric not null check (tonnes > 0)
);

insert into unit (code, name, tonnes) values
    ('kg', 'kilograms', 0.001),
    ('t', 'metric tons', 1),
    ('kt', 'thousand metric tons', 1000),
    ('Mt', 'million metric tons', 1000000);

-- The commodity catalogue (aggregate root: commodity, identified by its stable code).
create table commodity (
    id          bigint      generated always as identity primary key,
    code        text        not null unique check (code ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$' and length(code) <= 40),
    name        text        not null check (length(name) between 1 and 100),
    symbol      text        check (symbol ~ '^[A-Z][a-z]?$'),
    category    text        not null check (category in ('BASE_METAL', 'PRECIOUS_METAL', 'BATTERY_MATERIAL',
                                 'TECHNOLOGY_METAL', 'RARE_EARTH_ELEMENTS', 'ORE', 'OTHER')),
    unit        text        not null references unit (code),
    unit_basis  text        not null check (length(unit_basis) between 1 and 300),
    ore_of      text        references commodity (code),
    hs_codes    text[]      not null default '{}',
    listings    text[]      not null default '{}',
    aliases     text[]      not null default '{}',
    description text        check (length(description) <= 2000),
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    version     bigint      not null default 0,
    check (ore_of is null or ore_of <> code),
    check (listings <@ array['US_CRITICAL_2022', 'US_CRITICAL_2025', 'EU_CRITICAL_2023', 'EU_STRATEGIC_2023',
                             'CONFLICT_MINERAL_3TG']::text[])
);

create index commodity_listings on commodity using gin (listings);

-- Seed: the seven commodities of the USGS MCS 2025 world data excerpt, plus coltan (the traded ore of tantalum).
-- HS codes: Harmonized System 2022 headings/subheadings; listings: see docs/adr/0101-minerals-service.md.
insert into commodity (code, name, symbol, category, unit, unit_basis, ore_of, hs_codes, listings, aliases, description,
                       created_at, updated_at) values
('cobalt', 'Cobalt', 'Co', 'BATTERY_MATERIAL', 't',
 'metric tons of contained cobalt (mine: cobalt content of ores and concentrates; refinery: refined cobalt)', null,
 '{2605,8105,2822}', '{US_CRITICAL_2022,US_CRITICAL_2025,EU_CRITICAL_2023,EU_STRATEGIC_2023}', '{Cobalt}',
 'Battery cathodes and superalloys. The DRC mined about three quarters of the world''s cobalt in 2024 (USGS MCS 2025).',
 now(), now()),
('copper', 'Copper', 'Cu', 'BASE_METAL', 'kt',
 'thousand metric tons of copper (mine: recoverable copper content; refinery: refined copper)', null,
 '{2603,7402,7403}', '{US_CRITICAL_2025,EU_CRITICAL_2023,EU_STRATEGIC_2023}', '{Copper}',
 'Added to the US critical minerals list in 2025.', now(), now()),
('gold', 'Gold', 'Au', 'PRECIOUS_METAL', 't', 'metric tons of gold content', null,
 '{7108}', '{CONFLICT_MINERAL_3TG}', '{Gold}',
 'A conflict mineral (3TG) under US Dodd-Frank section 1502 and Regulation (EU) 2017/821.', now(), now()),
('lithium', 'Lithium', 'Li', 'BATTERY_MATERIAL', 't', 'metric tons of lithium content', null,
 '{2825.20,2836.91}', '{US_CRITICAL_2022,US_CRITICAL_2025,EU_CRITICAL_2023,EU_STRATEGIC_2023}', '{Lithium}',
 'EU strategic raw material as battery-grade lithium.', now(), now()),
('natural-graphite', 'Natural graphite', 'C', 'BATTERY_MATERIAL', 't', 'metric tons of natural graphite', null,
 '{2504}', '{US_CRITICAL_2022,US_CRITICAL_2025,EU_CRITICAL_2023,EU_STRATEGIC_2023}',
 '{Graphite,Natural graphite,"Graphite (natural)"}',
 'EU strategic raw material as battery-grade natural graphite; listed as graphite in the US lists.', now(), now()),
('rare-earths', 'Rare earths', null, 'RARE_EARTH_ELEMENTS', 't', 'metric tons of rare-earth-oxide (REO) equivalent', null,
 '{2805.30,2846}', '{US_CRITICAL_2022,US_CRITICAL_2025,EU_CRITICAL_2023,EU_STRATEGIC_2023}',
 '{Rare earths,Rare earth elements,Rare-earth elements}',
 'Each element is listed separately in the US lists; EU lists heavy and light REE, strategic for magnets.', now(), now()),
('tantalum', 'Tantalum', 'Ta', 'TECHNOLOGY_METAL', 't', 'metric tons of tantalum content', null,
 '{8103,2615.90}', '{US_CRITICAL_2022,US_CRITICAL_2025,EU_CRITICAL_2023,CONFLICT_MINERAL_3TG}', '{Tantalum}',
 'Capacitors and superalloys; mined mostly as coltan in Central Africa.', now(), now()),
('coltan', 'Coltan (columbite-tantalite)', null, 'ORE', 't',
 'metric tons of ore, gross weight (statistics of contained tantalum are kept under tantalum)', 'tantalum',
 '{2615.90}', '{CONFLICT_MINERAL_3TG}', '{Coltan,Columbite-tantalite}',
 'The traded ore name of tantalum; columbite-tantalite is named as a conflict mineral by Dodd-Frank section 1502.',
 now(), now());

-- Publish the seeded rows once, in this same transaction, through the platform outbox: every consumer of
-- minerals.commodity.v1 can build its full read model from the topic alone (each event carries the full state).
insert into outbox_sequence (aggregate_type, aggregate_id, last_sequence)
select 'commodity', code, 1 from commodity;

insert into outbox_event (id, topic, aggregate_type, aggregate_id, sequence, event_type, source, occurred_at, payload)
select gen_random_uuid(), 'minerals.commodity.v1', 'commodity', c.code, 1, 'commodity.created.v1', '/minerals-service',
       c.created_at,
       json_build_object(
           'code', c.code, 'name', c.name, 'symbol', c.symbol, 'category', c.category,
           'unit', c.unit, 'unitBasis', c.unit_basis, 'oreOf', c.ore_of,
           'hsCodes', to_json(c.hs_codes), 'listings', to_json(c.listings), 'aliases', to_json(c.aliases),
           'description', c.description, 'version', c.version,
           'updatedAt', to_char(c.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
from commodity c
order by c.id;
