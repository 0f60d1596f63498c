-- Canonical entities written by the ingestion service (contracts §1.3, semantics §1) and the
-- ingestion job ledger (contracts §1.1, §1.6).
--
-- Decimal columns are NUMERIC(28,10): 18 integer digits and 10 decimal places, the original's
-- scale 10 (semantics §0, §2.6) with a precision that always fits System.Decimal exactly. The
-- ingestion validator refuses values that do not fit, so nothing is rounded silently; reads return
-- the normalised scale-10 text ("1025000.12" is read back as "1025000.1200000000").
-- Optional text is NULL when the contract field is empty. There are no foreign keys between the
-- canonical tables: entities arrive in any order and the calculators wait for what they need.

CREATE TABLE portfolios (
    portfolio_id            text PRIMARY KEY,
    base_currency           text NOT NULL,
    cost_basis_method       text NOT NULL CHECK (cost_basis_method IN ('FIFO', 'AVCO')),
    open_date               date NOT NULL,
    close_date              date,
    tenant_id               text,
    booking_center_code     text,
    client_id               text,
    portfolio_type          text,
    objective               text,
    risk_exposure           text,
    investment_time_horizon text,
    is_leverage_allowed     boolean NOT NULL DEFAULT false,
    advisor_id              text,
    status                  text,
    legal_book_id           text,
    ingestion_job_id        text NOT NULL,
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX portfolios_client ON portfolios (client_id, portfolio_id);
CREATE INDEX portfolios_booking_center ON portfolios (booking_center_code, portfolio_id);

CREATE TABLE instruments (
    security_id                 text PRIMARY KEY,
    name                        text,
    isin                        text,
    currency                    text NOT NULL,
    product_type                text NOT NULL,
    asset_class                 text,
    sector                      text,
    country_of_risk             text,
    rating                      text,
    liquidity_tier              text,
    maturity_date               date,
    issuer_id                   text,
    issuer_name                 text,
    ultimate_parent_issuer_id   text,
    ultimate_parent_issuer_name text,
    ingestion_job_id            text NOT NULL,
    updated_at                  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX instruments_product_type ON instruments (product_type, security_id);

-- Booked transactions as ingested (amounts non-negative; direction from transaction_type).
CREATE TABLE transactions (
    transaction_id                   text PRIMARY KEY,
    portfolio_id                     text NOT NULL,
    instrument_id                    text NOT NULL,
    security_id                      text NOT NULL,
    transaction_date                 date NOT NULL,
    settlement_date                  date,
    transaction_type                 text NOT NULL,
    quantity                         numeric(28, 10) NOT NULL,
    price                            numeric(28, 10) NOT NULL,
    gross_transaction_amount         numeric(28, 10) NOT NULL,
    trade_currency                   text NOT NULL,
    currency                         text NOT NULL,
    transaction_fx_rate              numeric(28, 10),
    trade_fee                        numeric(28, 10),
    brokerage                        numeric(28, 10),
    stamp_duty                       numeric(28, 10),
    exchange_fee                     numeric(28, 10),
    gst                              numeric(28, 10),
    other_fees                       numeric(28, 10),
    movement_direction               text,
    interest_direction               text,
    cash_entry_mode                  text,
    settlement_cash_instrument_id    text,
    economic_event_id                text,
    linked_transaction_group_id      text,
    source_system                    text,
    settlement_cash_account_id       text,
    withholding_tax_amount           numeric(28, 10),
    other_interest_deductions_amount numeric(28, 10),
    net_interest_amount              numeric(28, 10),
    ingestion_job_id                 text NOT NULL,
    updated_at                       timestamptz NOT NULL DEFAULT now()
);

-- Keyset reads of ListTransactions: (transaction_date, transaction_id) within a portfolio,
-- optionally narrowed to a security.
CREATE INDEX transactions_portfolio_date ON transactions (portfolio_id, transaction_date, transaction_id);
CREATE INDEX transactions_portfolio_security_date ON transactions (portfolio_id, security_id, transaction_date, transaction_id);

CREATE TABLE market_prices (
    security_id      text NOT NULL,
    price_date       date NOT NULL,
    price            numeric(28, 10) NOT NULL CHECK (price > 0),
    currency         text NOT NULL,
    ingestion_job_id text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (security_id, price_date)
);

-- amount_to = amount_from x rate; only the direct pair is ever looked up (semantics §1).
CREATE TABLE fx_rates (
    from_currency    text NOT NULL,
    to_currency      text NOT NULL,
    rate_date        date NOT NULL,
    rate             numeric(28, 10) NOT NULL CHECK (rate > 0),
    ingestion_job_id text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (from_currency, to_currency, rate_date)
);

CREATE TABLE business_dates (
    calendar_code    text NOT NULL,
    business_date    date NOT NULL,
    market_code      text,
    source_system    text,
    ingestion_job_id text NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (calendar_code, business_date)
);

-- One row per accepted write. The idempotency key is global across rpcs (the fingerprint covers
-- the rpc name, so a key reused on another rpc is a conflict). The acknowledgement is stored as
-- the serialized lotus.core.v1.IngestionAck so that a replay returns exactly the original.
CREATE TABLE ingestion_jobs (
    job_id              text PRIMARY KEY CHECK (job_id ~ '^job_[0-9a-f]{32}$'),
    endpoint            text NOT NULL,
    entity_type         text NOT NULL,
    status              text NOT NULL CHECK (status IN ('accepted', 'processing', 'completed', 'failed')),
    accepted_count      integer NOT NULL,
    total_event_count   bigint NOT NULL,
    idempotency_key     text,
    request_fingerprint text NOT NULL,
    ack                 bytea NOT NULL,
    correlation_id      text NOT NULL,
    submitted_at        timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    failure_reason      text
);

CREATE UNIQUE INDEX ingestion_jobs_idempotency_key ON ingestion_jobs (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX ingestion_jobs_submitted ON ingestion_jobs (submitted_at, job_id);
