-- Indexes for the RFC-063 analytics reads over the calculated state (0200).
-- Stale prices are rare: diagnostics and observations find them without scanning every position day.
CREATE INDEX analytics_position_timeseries_stale ON calc_position_timeseries (portfolio_id, valuation_date) WHERE price_staleness_days > 0;
-- Superseded rows (restatements) of a window, loaded once per read instead of probed per row.
CREATE INDEX analytics_position_timeseries_superseded ON calc_position_timeseries (portfolio_id, valuation_date) WHERE valid_to IS NOT NULL;
CREATE INDEX analytics_portfolio_timeseries_superseded ON calc_portfolio_timeseries (portfolio_id, valuation_date) WHERE valid_to IS NOT NULL;
