-- Calculated state written by the calculator worker (src/Lotus.Calculators), versioned per portfolio.
--
-- Data versions (docs/calculated-state.md): every committed recompute of a portfolio gets the next
-- data_version. A calculated row carries valid_from (the version that wrote it) and valid_to (the
-- version that superseded it, NULL while current); superseded rows are kept. Reading at version V:
-- valid_from <= V AND (valid_to IS NULL OR valid_to > V). Current rows: valid_to IS NULL.
-- Decimals are unconstrained NUMERIC: the domain quantises outputs to scale 10 (semantics §0).

CREATE TABLE calc_portfolio_state (
    portfolio_id text PRIMARY KEY,
    data_version bigint NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- business_date_known: the latest GLOBAL business date when the version committed. An as_of_date D
-- reads the newest version with business_date_known <= D ("as the system knew things on D").
CREATE TABLE portfolio_data_versions (
    portfolio_id        text NOT NULL,
    data_version        bigint NOT NULL,
    business_date_known date,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (portfolio_id, data_version)
);

CREATE TABLE calc_transaction_costs (
    portfolio_id             text NOT NULL,
    security_id              text NOT NULL,
    transaction_id           text NOT NULL,
    transaction_date         date NOT NULL,
    valid_from               bigint NOT NULL,
    valid_to                 bigint,
    net_cost                 numeric,
    net_cost_local           numeric,
    gross_cost               numeric,
    realized_gain_loss       numeric,
    realized_gain_loss_local numeric,
    transaction_fx_rate      numeric,
    processing_status        text NOT NULL CHECK (processing_status IN ('processed', 'failed')),
    failure_reason           text
);
CREATE INDEX calc_transaction_costs_key ON calc_transaction_costs (portfolio_id, security_id, transaction_date, valid_from);

-- The position after each transaction (semantics §3), seq = index in the key's timeline.
CREATE TABLE calc_position_history (
    portfolio_id     text NOT NULL,
    security_id      text NOT NULL,
    seq              integer NOT NULL,
    transaction_id   text NOT NULL,
    position_date    date NOT NULL,
    valid_from       bigint NOT NULL,
    valid_to         bigint,
    quantity         numeric NOT NULL,
    cost_basis       numeric NOT NULL,
    cost_basis_local numeric NOT NULL
);
CREATE INDEX calc_position_history_key ON calc_position_history (portfolio_id, security_id, position_date, valid_from);

-- One cashflow per transaction (semantics §4); transaction_date drives restatement.
CREATE TABLE calc_cashflows (
    portfolio_id      text NOT NULL,
    security_id       text NOT NULL,
    transaction_id    text NOT NULL,
    transaction_date  date NOT NULL,
    cashflow_date     date NOT NULL,
    valid_from        bigint NOT NULL,
    valid_to          bigint,
    amount            numeric NOT NULL,
    currency          text NOT NULL,
    classification    text NOT NULL,
    timing            text NOT NULL,
    is_position_flow  boolean NOT NULL,
    is_portfolio_flow boolean NOT NULL,
    cash_flow_type    text NOT NULL,
    flow_scope        text NOT NULL
);
CREATE INDEX calc_cashflows_key ON calc_cashflows (portfolio_id, security_id, transaction_date, valid_from);

-- One row per position-day: the daily valuation snapshot (semantics §5) and the position
-- timeseries row (§6.2, local currency) together. Unvalued days have NULL market values and a
-- timeseries_gap_reason: never zeros. epoch (RFC-063 vocabulary) = valid_from.
CREATE TABLE calc_position_timeseries (
    portfolio_id                 text NOT NULL,
    security_id                  text NOT NULL,
    valuation_date               date NOT NULL,
    valid_from                   bigint NOT NULL,
    valid_to                     bigint,
    quantity                     numeric NOT NULL,
    cost_basis                   numeric NOT NULL,
    cost_basis_local             numeric NOT NULL,
    market_price                 numeric,
    price_date                   date,
    price_staleness_days         integer,
    fx_rate                      numeric,
    market_value_local           numeric,
    market_value                 numeric,
    unrealized_gain_loss         numeric,
    unrealized_gain_loss_local   numeric,
    valuation_status             text NOT NULL,
    status_reason                text,
    bod_market_value             numeric,
    eod_market_value             numeric,
    bod_cashflow_position        numeric,
    eod_cashflow_position        numeric,
    bod_cashflow_portfolio       numeric,
    eod_cashflow_portfolio       numeric,
    fees                         numeric,
    average_cost                 numeric,
    timeseries_gap_reason        text
);
CREATE INDEX calc_position_timeseries_key ON calc_position_timeseries (portfolio_id, security_id, valuation_date, valid_from);
-- Keyset reads of the analytics contracts: (valuation_date, security_id) within a portfolio.
CREATE INDEX calc_position_timeseries_date ON calc_position_timeseries (portfolio_id, valuation_date, security_id);

-- Portfolio timeseries (semantics §6.3, base currency). A date where a position is unvalued or an
-- FX rate is missing is stored with NULL values and gap_reason.
CREATE TABLE calc_portfolio_timeseries (
    portfolio_id            text NOT NULL,
    valuation_date          date NOT NULL,
    valid_from              bigint NOT NULL,
    valid_to                bigint,
    bod_market_value        numeric,
    eod_market_value        numeric,
    bod_cashflow            numeric,
    eod_cashflow            numeric,
    fees                    numeric,
    position_count          integer NOT NULL,
    unvalued_position_count integer NOT NULL,
    gap_reason              text
);
CREATE INDEX calc_portfolio_timeseries_key ON calc_portfolio_timeseries (portfolio_id, valuation_date, valid_from);

-- Progress of ingestion jobs: events the ingestion sink emitted for a job vs events processed.
CREATE TABLE calc_job_progress (
    job_id           text PRIMARY KEY,
    emitted_events   bigint NOT NULL DEFAULT 0,
    processed_events bigint NOT NULL DEFAULT 0,
    failure_reason   text,
    completed_at     timestamptz
);

-- Fan-out of prices and instruments to the portfolios that hold them (ingestion sink).
CREATE INDEX calc_transactions_security ON transactions (security_id, portfolio_id);
CREATE INDEX calc_transactions_settlement_cash ON transactions (settlement_cash_instrument_id, portfolio_id) WHERE settlement_cash_instrument_id IS NOT NULL;
