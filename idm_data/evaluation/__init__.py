"""Evaluation: how accurate the extraction is, against gold made by hand.

The gold ships with the package as data, so a deployed Method page can score
the packaged corpus. `score` compares gold and output; `report` chooses what
to score and shapes the results.
"""
