"""The rule families. Importing this package registers every rule in ``engine.REGISTRY``.

One module per family: loading (GC0xx, raised by the loader), governance (GC1xx), exchanges
(GC2xx), funding (GC3xx), crossgroup (GC4xx), waivers (GC5xx).
"""

from groupcheck.checks import crossgroup, exchanges, funding, governance, loading, waivers

__all__ = ["crossgroup", "exchanges", "funding", "governance", "loading", "waivers"]
