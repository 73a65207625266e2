-- Security-assistance programmes; the full model arrives with the security-cooperation issue.
create table programme (
    id         uuid        primary key,
    name       text        not null check (length(name) between 1 and 300),
    created_at timestamptz not null
);
