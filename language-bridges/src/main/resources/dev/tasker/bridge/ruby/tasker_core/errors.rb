# TaskerCore::Errors: a PermanentError (or a Configuration, Database or FFI error) fails the step at once; a
# RetryableError, and any other exception, retries it.
module TaskerCore
  module Errors
    class Error < StandardError
      attr_reader :context

      def initialize(message = nil, context: {}, **_options)
        super(message)
        @context = context || {}
      end

      def error_class = self.class.name.split('::').last

      def metadata = context.empty? ? nil : context
    end

    class ConfigurationError < Error; end

    class ProceduralError < Error; end

    class OrchestrationError < Error; end

    class DatabaseError < Error; end

    class RetryableError < ProceduralError
      attr_reader :retry_after, :error_code

      def initialize(message = nil, retry_after: nil, context: {}, error_code: nil, metadata: nil)
        super(message, context: metadata || context)
        @retry_after = retry_after
        @error_code = error_code
      end
    end

    class PermanentError < ProceduralError
      attr_reader :error_code

      def initialize(message = nil, error_code: nil, context: {}, metadata: nil)
        super(message, context: metadata || context)
        @error_code = error_code
      end
    end

    class TimeoutError < ProceduralError
      attr_reader :timeout_duration

      def initialize(message = nil, timeout_duration: nil, context: {})
        super(message, context: context)
        @timeout_duration = timeout_duration
      end
    end

    class NetworkError < ProceduralError
      attr_reader :status_code

      def initialize(message = nil, status_code: nil, context: {})
        super(message, context: context)
        @status_code = status_code
      end
    end

    class ValidationError < PermanentError
      attr_reader :field

      def initialize(message = nil, field: nil, error_code: nil, context: {})
        super(message, error_code: error_code, context: context)
        @field = field
      end
    end

    class NotFoundError < PermanentError
      attr_reader :resource_type

      def initialize(message = nil, resource_type: nil, error_code: nil, context: {})
        super(message, error_code: error_code, context: context)
        @resource_type = resource_type
      end
    end

    class FFIError < Error
      attr_reader :operation

      def initialize(message = nil, operation: nil, context: {})
        super(message, context: context)
        @operation = operation
      end
    end

    class ServerError < Error
      attr_reader :operation

      def initialize(message = nil, operation: nil, context: {})
        super(message, context: context)
        @operation = operation
      end
    end

    class SandboxViolation < PermanentError; end

    # Tasker's rule for a raised exception: everything retries but the permanent kinds.
    module ErrorClassifier
      PERMANENT = [ConfigurationError, PermanentError, DatabaseError, FFIError].freeze

      def self.retryable?(error) = PERMANENT.none? { |kind| error.is_a?(kind) }

      def self.permanent?(error) = !retryable?(error)
    end
  end

  PermanentError = Errors::PermanentError
  RetryableError = Errors::RetryableError
end
