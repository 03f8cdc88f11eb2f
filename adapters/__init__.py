"""The database behind the flows' read ports: what a conversation may ask (the catalog, the
customer's orders, the shop's promotions, a seller's desk) answered from storage.

Rule: one class per port, reads only (writes are effects). Implements the Protocols declared in
catalog.products and conversations; may import conversations, orders, marketing, shops, catalog,
storage and language. The engine builds them; flows never import this package.
"""
