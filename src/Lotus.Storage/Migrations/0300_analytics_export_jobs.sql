-- RFC-063 export jobs (contracts §3.2 "Export jobs"), durable and resumable.
--
-- One job per (request_fingerprint, dataset_type): the same request returns the same job. A runner
-- claims an accepted job, or a running one whose lease expired (its runner died), by taking the lease
-- and bumping attempt; it writes the result as ordered chunks under that attempt and completes the job
-- only while it still holds the lease (fencing by lease_owner and attempt). Readers read the chunks of
-- the completing attempt, so a crashed attempt's partial chunks are never served.

CREATE TABLE analytics_export_jobs (
    job_id              text PRIMARY KEY CHECK (job_id ~ '^aexp_[0-9a-f]{24}$'),
    dataset_type        text NOT NULL CHECK (dataset_type IN ('portfolio_timeseries', 'position_timeseries')),
    portfolio_id        text NOT NULL,
    request_fingerprint text NOT NULL,
    request             bytea NOT NULL,
    result_format       text NOT NULL CHECK (result_format IN ('json', 'ndjson')),
    compression         text NOT NULL CHECK (compression IN ('none', 'gzip')),
    status              text NOT NULL CHECK (status IN ('accepted', 'running', 'completed', 'failed')),
    attempt             integer NOT NULL DEFAULT 0,
    lease_owner         text,
    lease_expires_at    timestamptz,
    result_row_count    bigint NOT NULL DEFAULT 0,
    result_bytes        bigint NOT NULL DEFAULT 0,
    estimated_row_count bigint NOT NULL DEFAULT 0,
    generated_at        timestamptz,
    error_message       text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    completed_at        timestamptz
);

CREATE UNIQUE INDEX analytics_export_jobs_fingerprint ON analytics_export_jobs (request_fingerprint, dataset_type);
CREATE INDEX analytics_export_jobs_claimable ON analytics_export_jobs (created_at) WHERE status IN ('accepted', 'running');
CREATE INDEX analytics_export_jobs_portfolio ON analytics_export_jobs (portfolio_id, created_at);

-- Result rows as NDJSON lines of the records (proto field names), in traversal order, uncompressed;
-- the result rpc wraps them as JSON or NDJSON and gzips while streaming.
CREATE TABLE analytics_export_chunks (
    job_id  text NOT NULL REFERENCES analytics_export_jobs (job_id) ON DELETE CASCADE,
    attempt integer NOT NULL,
    seq     integer NOT NULL,
    rows    integer NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (job_id, attempt, seq)
);
