"""Short codes people read out, copy from paper and type: join codes, concern references."""

import secrets

# Letters and digits that are hard to confuse with each other (no 0/O, 1/I/L).
READABLE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def readable_code(length):
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
