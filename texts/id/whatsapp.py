"""What WhatsApp adds to our replies, in Indonesian: plain messages have no buttons there,
so choices become a numbered list or a hint of what to type."""

NUMBERED_HINT = "_Balas dengan angkanya ya, Kak (mis. 1)._"
TYPE_HINT = "_Ketik salah satu:_ {options}"
TYPE_SEPARATOR = " · "
