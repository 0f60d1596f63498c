-- The durable event log (ARCHITECTURE.md "Messaging"): Kafka-shaped topics, partitions and offsets
-- in PostgreSQL, so producers append in their own transaction (outbox) and consumers apply
-- effects and advance their position in one transaction.

-- Topics and their partition count (the key -> partition mapping depends on it).
CREATE TABLE event_topics (
    topic      text PRIMARY KEY,
    partitions integer NOT NULL CHECK (partitions > 0)
);

-- The next offset of each partition. Producers lock these rows until their transaction ends, so
-- offsets become visible in commit order with no gaps: a consumer never skips a late commit.
CREATE TABLE event_partition_heads (
    topic       text NOT NULL REFERENCES event_topics (topic),
    partition   integer NOT NULL,
    next_offset bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (topic, partition)
);

CREATE TABLE event_log (
    topic       text NOT NULL,
    partition   integer NOT NULL,
    "offset"    bigint NOT NULL,
    key         text NOT NULL,
    event_id    uuid NOT NULL,
    event_type  text NOT NULL,
    payload     bytea NOT NULL,
    headers     jsonb,
    produced_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition, "offset")
);

-- Consumer-group members, for a fair share of partitions among live processes.
CREATE TABLE event_consumer_members (
    group_name      text NOT NULL,
    member_id       text NOT NULL,
    heartbeat_until timestamptz NOT NULL,
    PRIMARY KEY (group_name, member_id)
);

-- Committed position and lease of each (group, topic, partition). The commit is a
-- compare-and-set on (owner, next_offset), which fences a consumer whose lease was taken over.
CREATE TABLE event_consumer_partitions (
    group_name  text NOT NULL,
    topic       text NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint NOT NULL DEFAULT 0,
    owner       text,
    lease_until timestamptz,
    PRIMARY KEY (group_name, topic, partition)
);

-- Failed attempts of the message at a partition's position (cleared when it succeeds or dead-letters).
CREATE TABLE event_consumer_failures (
    group_name text NOT NULL,
    topic      text NOT NULL,
    partition  integer NOT NULL,
    "offset"   bigint NOT NULL,
    attempts   integer NOT NULL,
    last_error text NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (group_name, topic, partition, "offset")
);

-- Messages a group gave up on, with the reason; status 'replay_requested' hands one back to the group.
CREATE TABLE event_dead_letters (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_name    text NOT NULL,
    topic         text NOT NULL,
    partition     integer NOT NULL,
    "offset"      bigint NOT NULL,
    key           text NOT NULL,
    event_id      uuid NOT NULL,
    event_type    text NOT NULL,
    payload       bytea NOT NULL,
    headers       jsonb,
    produced_at   timestamptz NOT NULL,
    attempts      integer NOT NULL,
    reason        text NOT NULL,
    status        text NOT NULL DEFAULT 'dead' CHECK (status IN ('dead', 'replay_requested', 'replayed')),
    dead_at       timestamptz NOT NULL DEFAULT now(),
    replayed_at   timestamptz
);

CREATE INDEX event_dead_letters_replay ON event_dead_letters (group_name, topic, partition, id)
    WHERE status = 'replay_requested';
