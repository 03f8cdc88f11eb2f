"""Marketing: promotions and their pricing, who a broadcast reaches and when it runs, WhatsApp's
24-hour window, promos and broadcasts as sellers manage them (chat and CLI), and their wording.

Rule: no channel adapters and no conversation state here. May import shops, catalog, storage,
language and texts; orders imports marketing (an order is priced with its promotions), never
the other way round.
"""
