-- The parties' country codes on the agreement row itself, in the parties' order (ADR 0018, update "the party
-- filter"): searches by party and the partner visibility filter read them through a GIN index instead of a
-- semi-join on agreement_party for every candidate row. agreement_party stays the parties' record (roles, order, one
-- party per country).
alter table agreement add column party_countries text[] not null default '{}';
update agreement a set party_countries = array(select p.country from agreement_party p
                                               where p.agreement_id = a.id order by p.position);
create index agreement_party_countries on agreement using gin (party_countries);

-- The service sets the column with the parties in the same flush. So that it matches them whoever writes
-- agreement_party (the previous release during a rolling upgrade, docs/operations.md; an operator's SQL), each
-- transaction that changed an agreement's parties sets it again at commit where it differs. When the service wrote
-- both, the statement finds nothing to change and writes nothing.
create function agreement_party_countries_sync() returns trigger language plpgsql as $$
declare
    target uuid;
    countries text[];
begin
    target := case when tg_op = 'DELETE' then old.agreement_id else new.agreement_id end;
    countries := array(select p.country from agreement_party p where p.agreement_id = target order by p.position);
    update agreement set party_countries = countries
     where id = target and party_countries is distinct from countries;
    return null;
end $$;
create constraint trigger agreement_party_countries_sync after insert or update or delete on agreement_party
    deferrable initially deferred for each row execute function agreement_party_countries_sync();

-- agreement_party_country (the index the semi-join used) stays while the previous release may run beside this one
-- (expand, then contract: a later release drops it)
