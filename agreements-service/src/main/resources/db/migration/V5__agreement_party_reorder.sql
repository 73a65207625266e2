-- Parties are an ordered collection updated by position: replacing [CD, US] with [US, CD] (or removing a party that
-- is not the last) rewrites country values row by row, so the one-party-per-country rule is checked at commit,
-- when the list is whole again, instead of after each row.
alter table agreement_party drop constraint agreement_party_agreement_id_country_key;
alter table agreement_party add constraint agreement_party_agreement_id_country_key
    unique (agreement_id, country) deferrable initially deferred;
