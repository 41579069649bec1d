"""Thin ipywidgets views on top of the exercise models. Each view exposes
its widgets as attributes so that tests can set values and click."""
