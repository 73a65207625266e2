-- statistic becomes a table partitioned by edition (ADR 0103, amendment of 2026-11-30, night): one partition per edition
-- that has facts, named statistic_e<edition id>. The first import of an edition builds its partition as a plain
-- table (rows first, then the primary key by one sort, then the foreign keys validated by one query each) and
-- attaches it, instead of inserting a million rows one by one through the key's index and three foreign-key
-- triggers. An edition without facts has no partition; every import of an edition that has one merges into it.
-- Same columns, keys, checks, foreign keys and trigger as before; the facts stored so far are moved over.

alter table statistic rename to statistic_before_partitioning;
alter index statistic_pkey rename to statistic_before_partitioning_pkey;
drop trigger statistic_keep_old on statistic_before_partitioning;

-- the same columns, defaults, checks and primary key (the key holds edition_id, as a partitioned table's must)
create table statistic (like statistic_before_partitioning including all) partition by list (edition_id);
-- foreign keys are not copied by like; named as before (a generated name would avoid the old table's: ..._fkey1)
alter table statistic
    add constraint statistic_commodity_id_fkey foreign key (commodity_id) references commodity (id),
    add constraint statistic_edition_id_fkey foreign key (edition_id) references edition (id),
    add constraint statistic_unit_fkey foreign key (unit) references unit (code);

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
