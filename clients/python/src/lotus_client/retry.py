"""Bounded exponential back-off for UNAVAILABLE, applied only to idempotent calls."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RetryPolicy:
    """Attempts in total (first included); waits initial_backoff * multiplier**(n-1), capped.

    Retried: reads (every AnalyticsInputService rpc, GetIngestionJob), CreateExportJob (deduplicated
    by request fingerprint) and ingestion writes that carry an idempotency_key. Never a write without
    a key. Streams only before their first message, except the timeseries readers, which resume from
    the last page token. Durations are seconds (timing, not money).
    """

    max_attempts: int = 3
    initial_backoff: float = 0.2
    multiplier: float = 2.0
    max_backoff: float = 2.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False, repr=False)

    def backoff_after(self, attempt: int) -> float:
        """The wait after failed attempt number `attempt` (counting from 1)."""
        return min(self.initial_backoff * self.multiplier ** (attempt - 1), self.max_backoff)


NO_RETRY = RetryPolicy(max_attempts=1)
