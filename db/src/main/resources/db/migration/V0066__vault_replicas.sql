-- Which vault keys each running replica knows (docs/vault.md "Rotation in two phases"). Every replica upserts its row
-- every 30 s and deletes it on shutdown; a replica seals with its primary key only once every live replica knows
-- that key, so a new primary shipped to some replicas only is never used before the others can decrypt it.
create table vault_replica (
    instance_id    text        primary key,
    key_ids        bigint[]    not null,
    primary_key_id bigint      not null,
    seen_at        timestamptz not null
);
