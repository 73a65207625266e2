-- The parties' country codes on the agreement row itself, in the parties' order (ADR 0018, update "party filter"):
-- searches by party and the partner visibility filter read them through a GIN index instead of a semi-join on
-- agreement_party for every candidate row. agreement_party stays the parties' record (roles, order, one party per
-- country); the service writes this column in the same flush as the parties (Agreement.parties is only changed
-- through AgreementService, which sets both).
alter table agreement add column party_countries text[] not null default '{}';
update agreement a set party_countries = array(select p.country from agreement_party p
                                               where p.agreement_id = a.id order by p.position);
create index agreement_party_countries on agreement using gin (party_countries);
-- nothing filters agreement_party by country any more
drop index agreement_party_country;
