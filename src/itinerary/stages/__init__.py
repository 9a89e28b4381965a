"""Stages of the pipeline that read and shape the stops table: load, dates, order, review."""
