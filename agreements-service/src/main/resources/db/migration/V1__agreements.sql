create table agreement (
    id         uuid        primary key,
    title      text        not null check (length(title) between 1 and 300),
    type       text        not null,
    status     text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    version    bigint      not null default 0
);

create index agreement_created_at on agreement (created_at desc, id);

create table agreement_party (
    agreement_id uuid    not null references agreement (id) on delete cascade,
    position     integer not null,
    country      varchar(2) not null check (country ~ '^[A-Z]{2}$'),
    role         text    not null,
    primary key (agreement_id, position),
    unique (agreement_id, country)
);

create index agreement_party_country on agreement_party (country);
