"""Quotes in languages other than English, by each language's conventions (issue #26).

``stage.add_foreign_quotes`` is what the quotes stage runs for an article whose
``language`` is set and is not English; ``vocab`` reads the per-language word lists,
``marks`` pairs quotation marks and dialogue dashes, ``speakers`` names who speaks.
"""
