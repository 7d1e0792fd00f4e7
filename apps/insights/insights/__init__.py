"""Tally's forecasting and risk service: stock-out forecasts and late-payment risk, computed from
history that Tally's API sends with each request (the service holds no database credentials)."""
