"""The catalog: products and categories as plain data, the search index (fuzzy, pure), the read
port flows use (CatalogReader), SKUs, and the CSV import/export.

Rule: no channel, no conversation, no wording. May import storage and language only.
"""
