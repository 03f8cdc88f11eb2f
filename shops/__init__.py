"""Shops: the profile a seller edits (`kedai shop show|load`), the one loader that turns a
shop row into a ShopRecord (profile + time zone), and setting a shop up (the demo on first run).

Rule: everything that needs a shop's profile or time zone gets it from `shops.loader`; nobody
else parses `shops.profile`. May import catalog (the demo catalog is imported here), storage and
language; nothing above.
"""
