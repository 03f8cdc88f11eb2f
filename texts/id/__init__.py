"""Indonesian texts, one module per area (customer, payment, promo, seller, seller_orders,
telegram, whatsapp, simulator).
"""
