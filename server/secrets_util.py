"""Token secrets: generated at random, stored only as hashes, compared in constant time."""
import hashlib
import hmac
import secrets
import uuid


def new_token_secret() -> str:
    """A secret in LaunchDarkly's shape: "api-" and a lowercase UUID (40 characters)."""
    return f"api-{uuid.UUID(bytes=secrets.token_bytes(16), version=4)}"


def derived_token_secret(key: bytes, label: str) -> str:
    """A secret derived from a key, for the demo members' tokens that --demo-tokens prints."""
    digest = hmac.new(key, label.encode(), hashlib.sha256).digest()[:16]
    return f"api-{uuid.UUID(bytes=digest, version=4)}"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_secret(secret), stored_hash)


def new_object_id() -> str:
    """A 24-hex-character id, like the API's ObjectIds."""
    return secrets.token_hex(12)
