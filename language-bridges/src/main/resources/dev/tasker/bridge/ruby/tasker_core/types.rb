# TaskerCore::Types: what handlers return (StepHandlerCallResult and its Success, Error and CheckpointYield),
# the error types, and the decision and batch outcomes the engine reads from a result.
module TaskerCore
  module Types
    module ErrorTypes
      PERMANENT_ERROR = 'PermanentError'
      RETRYABLE_ERROR = 'RetryableError'
      VALIDATION_ERROR = 'ValidationError'
      UNEXPECTED_ERROR = 'UnexpectedError'
      STEP_COMPLETION_ERROR = 'StepCompletionError'
      ALL = [PERMANENT_ERROR, RETRYABLE_ERROR, VALIDATION_ERROR, UNEXPECTED_ERROR, STEP_COMPLETION_ERROR].freeze

      def self.valid?(type) = ALL.include?(type.to_s)

      def self.typically_retryable?(type) = [RETRYABLE_ERROR, UNEXPECTED_ERROR].include?(type.to_s)

      def self.typically_permanent?(type) = [PERMANENT_ERROR, VALIDATION_ERROR].include?(type.to_s)
    end

    module StepHandlerCallResult
      class Success
        attr_reader :result, :metadata

        def initialize(success: true, result: nil, metadata: {})
          @result = result
          @metadata = metadata || {}
        end

        def success = true
        def success? = true
        def checkpoint? = false
        def to_h = { success: true, result: result, metadata: metadata }
      end

      class Error
        attr_reader :error_type, :message, :error_code, :retryable, :metadata

        def initialize(success: false, error_type: 'UnexpectedError', message: '', error_code: nil, retryable: false,
                       metadata: {})
          @error_type = error_type.to_s
          @message = message.to_s
          @error_code = error_code
          @retryable = retryable
          @metadata = metadata || {}
        end

        def success = false
        def success? = false
        def checkpoint? = false

        def to_h = { success: false, error_type: error_type, message: message, error_code: error_code,
                     retryable: retryable, metadata: metadata }
      end

      class CheckpointYield
        attr_reader :cursor, :items_processed, :accumulated_results

        def initialize(cursor:, items_processed:, accumulated_results: nil)
          raise ArgumentError, "items_processed must be >= 0, not #{items_processed}" if items_processed.to_i.negative?

          @cursor = cursor
          @items_processed = items_processed
          @accumulated_results = accumulated_results
        end

        def success? = false
        def checkpoint? = true

        def to_checkpoint_data(event_id:, step_uuid:)
          { event_id: event_id, step_uuid: step_uuid, cursor: cursor, items_processed: items_processed,
            accumulated_results: accumulated_results }
        end
      end

      class << self
        def success(result: nil, metadata: {}) = Success.new(result: result, metadata: metadata)

        def error(error_type: 'UnexpectedError', message: '', error_code: nil, retryable: false, metadata: {})
          Error.new(error_type: error_type, message: message, error_code: error_code, retryable: retryable,
                    metadata: metadata)
        end

        # Not in Tasker's gem (its examples call it on failure paths); the same as error.
        alias failure error

        def checkpoint_yield(cursor:, items_processed:, accumulated_results: nil)
          CheckpointYield.new(cursor: cursor, items_processed: items_processed, accumulated_results: accumulated_results)
        end

        def from_handler_output(output)
          case output
          when Success, Error, CheckpointYield then output
          when Hash
            flag = output.key?(:success) ? output[:success] : output['success']
            if flag == true
              success(result: output[:result] || output['result'] || output,
                      metadata: output[:metadata] || output['metadata'] || {})
            elsif flag == false
              error(error_type: output[:error_type] || output['error_type'] || 'UnexpectedError',
                    message: output[:message] || output['message'] || 'Unknown error',
                    error_code: output[:error_code] || output['error_code'],
                    retryable: output[:retryable] || output['retryable'] || false,
                    metadata: output[:metadata] || output['metadata'] || {})
            else
              success(result: output, metadata: {})
            end
          else
            success(result: output, metadata: {})
          end
        end

        def from_exception(exception)
          case exception
          when Errors::ValidationError
            error(error_type: 'ValidationError', message: exception.message, error_code: exception.error_code,
                  retryable: false, metadata: { context: exception.context, field: exception.field }.compact)
          when Errors::PermanentError
            error(error_type: 'PermanentError', message: exception.message, error_code: exception.error_code,
                  retryable: false, metadata: { context: exception.context }.compact)
          when Errors::RetryableError
            Error.new(error_type: 'RetryableError', message: exception.message, retryable: true,
                      metadata: { context: exception.context, retry_after: exception.retry_after }.compact)
          else
            error(error_type: 'UnexpectedError', message: exception.message, retryable: true,
                  metadata: { exception_class: exception.class.name,
                              stack_trace: exception.backtrace&.first(10)&.join("\n") }.compact)
          end
        end
      end
    end

    class DecisionPointOutcome
      attr_reader :type, :step_names

      def initialize(type, step_names = [])
        @type = type
        @step_names = step_names
      end

      def self.no_branches = new('no_branches')

      def self.create_steps(step_names) = new('create_steps', Array(step_names).map(&:to_s))

      def self.from_hash(hash)
        type = hash[:type] || hash['type']
        type == 'create_steps' ? create_steps(hash[:step_names] || hash['step_names']) : no_branches
      end

      def to_h = type == 'create_steps' ? { 'type' => type, 'step_names' => step_names } : { 'type' => type }
    end

    class BatchProcessingOutcome
      attr_reader :type, :worker_template_name, :worker_count, :cursor_configs, :total_items

      def initialize(type, worker_template_name: nil, worker_count: 0, cursor_configs: [], total_items: 0)
        @type = type
        @worker_template_name = worker_template_name
        @worker_count = worker_count
        @cursor_configs = cursor_configs
        @total_items = total_items
      end

      def self.no_batches = new('no_batches')

      def self.create_batches(worker_template_name:, worker_count:, cursor_configs:, total_items:)
        new('create_batches', worker_template_name: worker_template_name, worker_count: worker_count,
                              cursor_configs: cursor_configs, total_items: total_items)
      end

      def to_h
        return { 'type' => 'no_batches' } if type == 'no_batches'

        { 'type' => type, 'worker_template_name' => worker_template_name, 'worker_count' => worker_count,
          'cursor_configs' => cursor_configs, 'total_items' => total_items }
      end
    end
  end
end
