"""Indicator formulas: pure functions on pandas tables, each with its formula and reference."""
