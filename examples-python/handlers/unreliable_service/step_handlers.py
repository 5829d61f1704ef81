"""A step that fails twice and then succeeds: what retries with backoff are for."""
from typing import Any

from tasker_core import RetryableError, StepContext, StepHandler


class FlakyCallHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        failures = context.get_config("fail_times") or 2
        if context.retry_count < failures:
            raise RetryableError(f"service unavailable (attempt {context.retry_count + 1} of {failures + 1})")
        return {"succeeded_on_attempt": context.retry_count + 1}
