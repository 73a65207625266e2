-- The agreement's current API representation, written with every change (in the change's transaction) so that
-- GET by id and search pages are served from one column, without assembling the entity and its collections.
-- Null for rows not changed since before V3: readers then build the representation from the entity.
alter table agreement add column current_view text;
