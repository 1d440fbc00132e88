"""Rule packs shipped with mt-cleanup (data only; read with importlib.resources)."""
