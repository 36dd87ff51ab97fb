"""Fetching pages over HTTP: the only stage that touches the network."""
