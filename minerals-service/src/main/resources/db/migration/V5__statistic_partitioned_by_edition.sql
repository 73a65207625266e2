-- statistic becomes a table partitioned by edition (ADR 0103, amendment of 2026-11-30, night): one partition per edition
-- that has facts, named statistic_e<edition id>. The first import of an edition builds its partition as a plain
-- table (rows first, then the primary key by one sort, then the foreign keys validated by one query each) and
-- attaches it, instead of inserting a million rows one by one through the key's index and three foreign-key
-- triggers. An edition without facts has no partition; every import of an edition that has one merges into it.
-- Same columns, keys, checks, foreign keys and trigger as before; the facts stored so far are moved over.

alter table statistic rename to statistic_before_partitioning;
alter index statistic_pkey rename to statistic_before_partitioning_pkey;
drop trigger statistic_keep_old on statistic_before_partitioning;

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
) partition by list (edition_id);

create trigger statistic_keep_old before update on statistic
    for each row execute function statistic_keep_old();

do $$
declare
    e integer;
begin
    for e in select distinct edition_id from statistic_before_partitioning order by 1 loop
        execute format('create table %I partition of statistic for values in (%s)', 'statistic_e' || e, e);
    end loop;
end $$;

insert into statistic (commodity_id, measure, year, area, edition_id, value, unit, estimated, lower_bound, note,
                       import_id, updated_at)
select commodity_id, measure, year, area, edition_id, value, unit, estimated, lower_bound, note, import_id, updated_at
from statistic_before_partitioning;

drop table statistic_before_partitioning;
