"""The weights of crosswire's learned components, shipped with the package.

One folder per model (``quotes/``, ``entities/``): the weights, ``MODEL_CARD.md`` (data and
licence, date, figures, limits) and ``manifest.json`` (hashes of the training inputs and
configuration that produced them; a test fails when they drift apart). They are written by
``training/`` (``make train-…``) and read by the stage that uses them; nothing is
downloaded at run time.
"""
