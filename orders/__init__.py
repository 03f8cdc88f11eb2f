"""Orders: placing one (stock taken in product-id order, totals in whole Rupiah, the payment
deadline), the lifecycle state machine with its audit trail, unique transfer codes and payment
proofs, codes as people type them, and orders as JSON for the CLI.

Rule: domain rules and their statements, no wording and no channel. May import books (an order move
posts its ledger entries), marketing (an order is priced with its promotions), shops, catalog,
storage and language. QRIS payloads (qris.py) and their pictures (qris_image.py) live here.
"""
