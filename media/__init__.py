"""The one media store: every picture a person sends, checked by its bytes, kept once per shop,
served from the shop's media URL (public pictures) or through signed links (private proofs)."""
