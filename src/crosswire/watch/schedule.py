"""When to poll a feed next: its interval with jitter, exponential backoff after failures,
and a server's Retry-After.

Jitter only ever lengthens the wait (up to ``JITTER`` of the interval): feeds listed together
drift apart instead of all hitting the network in the same second, and no feed is ever
polled more often than its interval asks.
"""

from __future__ import annotations

import random
from email.utils import parsedate_to_datetime

JITTER = 0.1
# Backoff doubles the interval per failure in a row, up to this many seconds (a day): a feed
# that is down is still tried daily, so it comes back by itself once it is up again.
MAX_BACKOFF = 86_400.0
# A Retry-After longer than this is taken as this: a misconfigured server must not silence
# a feed for a year.
MAX_RETRY_AFTER = 7 * 86_400.0


def jittered(seconds: float, rng: random.Random) -> float:
    return seconds * (1.0 + rng.uniform(0.0, JITTER))


def next_after_success(now: float, interval: float, rng: random.Random) -> float:
    return now + jittered(interval, rng)


def backoff(interval: float, failures: int) -> float:
    """The wait after ``failures`` failures in a row: the interval doubled per failure, capped
    at ``MAX_BACKOFF`` (but never shorter than the interval itself)."""
    return max(interval, min(MAX_BACKOFF, interval * 2.0 ** min(failures, 40)))


def next_after_failure(
    now: float, interval: float, failures: int, retry_after: str | None, rng: random.Random
) -> float:
    wait = jittered(backoff(interval, failures), rng)
    asked = retry_after_seconds(retry_after, now)
    return now + max(wait, asked or 0.0)


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from ``now``: either delay-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None  # unreadable: the backoff alone decides
    return min(max(0.0, when - now), MAX_RETRY_AFTER)
