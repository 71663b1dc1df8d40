"""Funder reporting: the shapes `impact export` writes (long table, SFC2021 Tables 6 and 10,
the workbook), disclosure control for the public export, and text safety for spreadsheets.

Pure functions on plain data and polars frames; pipelines/exports/run.py reads the published copy
and writes the files.
"""
