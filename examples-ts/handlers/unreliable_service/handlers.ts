// A step that fails twice and then succeeds: what retries with backoff are for.
import { RetryableError, StepContext, StepHandler } from '@tasker-systems/tasker';

export class FlakyCallHandler extends StepHandler {
  call(context: StepContext) {
    const failures = context.getConfig<number>('fail_times') ?? 2;
    if (context.retryCount < failures) {
      throw new RetryableError(`service unavailable (attempt ${context.retryCount + 1} of ${failures + 1})`);
    }
    return { succeeded_on_attempt: context.retryCount + 1 };
  }
}
