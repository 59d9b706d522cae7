"""Training of crosswire's learned components: ``make train-quotes``, ``make train-entities``.

Each module reads the public data in ../shared (never copied into the project), trains on
2 CPU cores, and writes the weights, a hash manifest of its inputs and configuration, and
its model card's figures into ``src/crosswire/models/<name>/``. Nothing here runs at
analysis time.
"""
