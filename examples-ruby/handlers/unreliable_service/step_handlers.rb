# frozen_string_literal: true

# A step that fails twice and then succeeds: what retries with backoff are for.
module UnreliableService
  module StepHandlers
    class FlakyCallHandler < TaskerCore::StepHandler::Base
      def call(context)
        failures = context.get_config(:fail_times) || 2
        if context.retry_count < failures
          raise TaskerCore::Errors::RetryableError, "service unavailable (attempt #{context.retry_count + 1} of #{failures + 1})"
        end

        success(result: { succeeded_on_attempt: context.retry_count + 1 })
      end
    end
  end
end
