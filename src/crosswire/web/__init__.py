"""The web UI and JSON API (extra ``[web]``): ``crosswire serve`` runs ``serve(settings, host, port)``.

Pages: ``/`` and ``/stories``, ``/stories/{id}``, ``/articles``, ``/articles/{id}`` (and
``/raw``), ``/entities/{name}``, ``/search``; each has a ``.json`` twin. API:
``GET /api/export`` and, with a token, ``POST /api/articles`` and ``/api/entities/{merge,split}``.
Every page answers HEAD; every write passes ``guards.WriteGate`` (token first, bounded body).
"""

from crosswire.web.app import create_app, serve

__all__ = ["create_app", "serve"]
