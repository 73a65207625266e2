-- Monthly roll-up of incidents, kept in the transaction of every recorded incident, so the monthly aggregate reads at
-- most one row per month, place, type and commodity instead of every incident (bench/security). Commodity and unit are
-- '' when absent (part of the key); quantified counts the incidents that carried a quantity.
create table incident_month (
    month      date          not null,
    country    varchar(2)    not null,
    region     text          not null,
    type       text          not null,
    commodity  text          not null default '',
    unit       text          not null default '',
    incidents  bigint        not null check (incidents > 0),
    quantified bigint        not null default 0,
    quantity   numeric(24,3) not null default 0,
    primary key (month, country, region, type, commodity, unit)
);

insert into incident_month (month, country, region, type, commodity, unit, incidents, quantified, quantity)
select date_trunc('month', occurred_on)::date, country, region, type, coalesce(commodity, ''), coalesce(unit, ''),
       count(*), count(quantity), coalesce(sum(quantity), 0)
from incident group by 1, 2, 3, 4, 5, 6;
