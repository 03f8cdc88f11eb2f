"""The customer's flows: browsing, cart, checkout, payment (proofs, cancelling), tracking and
order status, promo codes and the promo-consent question. Each flow module names its states
after itself ("checkout:name") and declares the effects it asks for.
"""
