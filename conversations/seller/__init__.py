"""The seller's flows (run only for registered sellers, see handlers.seller): stock and price
changes, new products and photos, lists and recaps, staff, undo, order commands, promotions
and broadcasts. Their states are "seller_<flow>:state"; their effects are in changes.py
(catalog and staff) or next to the flow (orders, promo, broadcast).
"""
