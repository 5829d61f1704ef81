# TaskerCore::StepHandler::Base and its Decision, Batchable and Api kinds (Tasker's mixins), the logger, and the
# batch helpers of TaskerCore::BatchProcessing.
module TaskerCore
  # Writes to the host's log, tagged with the task and step being run.
  class Logger
    HOST = Polyglot.import('tasker_log')

    def self.instance = @instance ||= new

    %w[debug info warn error fatal].each do |level|
      define_method(level) { |message = nil, &block| HOST.call(level == 'fatal' ? 'error' : level, (message || block&.call).to_s) }
      define_singleton_method(level) { |message = nil, &block| instance.public_send(level, message, &block) }
    end

    def log_step(level, operation, **data)
      public_send(level.to_s, "#{operation} #{data.map { |k, v| "#{k}=#{v}" }.join(' ')}".strip)
    end

    def level = 'info'

    def self.log_step(*args, **data) = instance.log_step(*args, **data)
  end

  module BatchProcessing
    class BatchWorkerContext
      attr_reader :cursor, :batch_metadata, :is_no_op, :checkpoint

      def self.from_step_data(workflow_step) = new(workflow_step)

      def initialize(workflow_step)
        inputs = (workflow_step.inputs || {}).deep_symbolize_keys
        @is_no_op = inputs[:is_no_op] == true
        @checkpoint = (workflow_step.checkpoint || {}).with_indifferent_access
        @cursor = @is_no_op ? {} : (inputs[:cursor] || {})
        @batch_metadata = @is_no_op ? {} : (inputs[:batch_metadata] || {})
        validate_cursor! unless @is_no_op
      end

      def start_cursor = cursor[:start_cursor].to_i

      def end_cursor = cursor[:end_cursor].to_i

      def batch_id = cursor[:batch_id] || 'unknown'

      def no_op? = @is_no_op

      def checkpoint_cursor = checkpoint[:cursor]

      def accumulated_results = checkpoint[:accumulated_results]

      def has_checkpoint? = checkpoint.present? && !checkpoint[:cursor].nil?

      def checkpoint_items_processed = checkpoint[:items_processed] || 0

      private

      def validate_cursor!
        raise ArgumentError, 'Missing cursor configuration' if cursor.empty?
        raise ArgumentError, 'Missing batch_id' unless cursor[:batch_id]
        raise ArgumentError, 'Missing start_cursor' unless cursor.key?(:start_cursor)
        raise ArgumentError, 'Missing end_cursor' unless cursor.key?(:end_cursor)

        from = cursor[:start_cursor]
        to = cursor[:end_cursor]
        return unless from.is_a?(Integer) && to.is_a?(Integer)
        raise ArgumentError, "start_cursor (#{from}) must be <= end_cursor (#{to})" if from > to || from.negative?
      end
    end

    class BatchAggregationScenario
      attr_reader :type, :batchable_result, :batch_results, :worker_count

      def self.detect(dependency_results, batchable_step_name, batch_worker_prefix)
        new(dependency_results, batchable_step_name, batch_worker_prefix)
      end

      def initialize(dependency_results, batchable_step_name, batch_worker_prefix)
        @batchable_result = dependency_results.get_results(batchable_step_name)
        @batch_results = {}
        dependency_results.each_key do |name|
          @batch_results[name] = dependency_results.get_results(name) if name.start_with?(batch_worker_prefix)
        end
        @worker_count = @batch_results.size
        @type = @batch_results.empty? ? :no_batches : :with_batches
      end

      def no_batches? = @type == :no_batches

      def with_batches? = @type == :with_batches
    end
  end

  module StepHandler
    class Base
      attr_reader :config, :logger

      class << self
        # This project's class-level name (Tasker's handlers override the instance method handler_name instead).
        attr_writer :handler_name

        def handler_name(name = nil)
          name.nil? ? @handler_name : (@handler_name = name)
        end

        def inherited(subclass)
          super
          TaskerCore::Host.defined(subclass) if defined?(TaskerCore::Host)
        end
      end

      def initialize(config: {}, logger: nil)
        @config = config || {}
        @logger = logger || TaskerCore::Logger.instance
      end

      def handler_name
        self.class.handler_name || (self.class.name || 'anonymous_handler').split('::').last.underscore
      end

      def orchestration_system = nil

      def rust_integration = nil

      def call(_context)
        raise NotImplementedError, "#{self.class.name} must implement call(context)"
      end

      def capabilities = %w[process]

      def metadata = { handler_name: handler_name, capabilities: capabilities }

      def config_schema = { type: 'object', properties: {} }

      def validate_config(config_hash) = config_hash.is_a?(Hash)

      def success(result: nil, result_data: nil, metadata: {})
        Types::StepHandlerCallResult.success(result: result.nil? ? result_data : result, metadata: metadata)
      end

      def failure(message:, error_type: 'UnexpectedError', error_code: nil, retryable: false, metadata: {})
        Types::StepHandlerCallResult.error(error_type: error_type, message: message, error_code: error_code,
                                           retryable: retryable, metadata: metadata)
      end

      # Starts a child task of a registered template; this step completes with the child's result when it ends.
      def start_sub_workflow(namespace:, name:, context: {}, version: nil)
        request = { 'namespace' => namespace, 'name' => name, 'context' => context }
        request['version'] = version if version
        success(result: { 'sub_workflow' => request })
      end
    end

    module Mixins
      module Decision
        def capabilities = super + %w[decision_point dynamic_workflow step_creation]

        # Tasker's decision_success(steps:, result_data:, metadata:); this project's (step_names:, routing_context:).
        def decision_success(steps: nil, step_names: nil, result_data: {}, routing_context: nil, metadata: {})
          names = Array(steps || step_names)
          validate_step_names!(names)
          outcome = Types::DecisionPointOutcome.create_steps(names)
          data = result_data.dup
          data[:routing_context] = routing_context unless routing_context.nil?
          Types::StepHandlerCallResult.success(result: data.merge(decision_point_outcome: outcome.to_h),
                                               metadata: decision_metadata(metadata, outcome))
        end

        def decision_no_branches(result_data: {}, metadata: {}, reason: nil)
          outcome = Types::DecisionPointOutcome.no_branches
          data = result_data.dup
          data[:reason] = reason unless reason.nil?
          Types::StepHandlerCallResult.success(result: data.merge(decision_point_outcome: outcome.to_h),
                                               metadata: decision_metadata(metadata, outcome))
        end

        alias skip_branches decision_no_branches

        def decision_with_custom_outcome(outcome:, result_data: {}, metadata: {})
          validated = validate_decision_outcome!(outcome)
          Types::StepHandlerCallResult.success(result: result_data.merge(decision_point_outcome: validated),
                                               metadata: decision_metadata(metadata, Types::DecisionPointOutcome.from_hash(validated)))
        end

        def validate_decision_outcome!(outcome)
          hash = outcome.respond_to?(:to_h) ? outcome.to_h : outcome
          invalid!('Outcome must be Hash or DecisionPointOutcome') unless hash.is_a?(Hash)
          type = hash[:type] || hash['type'] || hash[:outcome_type] || hash['outcome_type']
          invalid!("Invalid outcome_type: #{type}") unless %w[NoBranches CreateSteps no_branches create_steps].include?(type)
          validate_step_names!(hash[:step_names] || hash['step_names']) if type.to_s.downcase.delete('_') == 'createsteps'
          hash
        end

        private

        def validate_step_names!(names)
          invalid!('step_names must be non-empty array') unless names.is_a?(Array) && !names.empty?
          invalid!('All step names must be non-empty strings') unless names.all? { |n| (n.is_a?(String) || n.is_a?(Symbol)) && !n.empty? }
          true
        end

        def decision_metadata(custom, outcome)
          { decision_point: true, outcome_type: outcome.type, branches_created: outcome.step_names.size,
            processed_at: Time.now.utc.iso8601, processed_by: handler_name }.merge(custom || {})
        end

        def invalid!(message)
          raise Errors::PermanentError.new("Invalid decision point outcome: #{message}",
                                           error_code: 'INVALID_DECISION_OUTCOME', context: { error_category: 'validation' })
        end
      end

      module Batchable
        def capabilities = super + %w[batchable batch_processing parallel_execution cursor_based deferred_convergence]

        def get_batch_context(context) = BatchProcessing::BatchWorkerContext.from_step_data(context.workflow_step)

        def detect_aggregation_scenario(dependency_results, analyzer_step_name, batch_worker_prefix)
          BatchProcessing::BatchAggregationScenario.detect(dependency_results, analyzer_step_name, batch_worker_prefix)
        end

        def handle_no_op_worker(context)
          batch = context.respond_to?(:no_op?) ? context : get_batch_context(context)
          return nil unless batch.no_op?

          success(result: { 'batch_id' => batch.batch_id, 'no_op' => true, 'processed_count' => 0 })
        end

        # Cursors for worker_count workers over total_items (0-based, end exclusive), batch ids 001, 002, ...
        def create_cursor_configs(total_items, worker_count)
          raise ArgumentError, 'worker_count must be > 0' if worker_count <= 0

          per_worker = (total_items.to_f / worker_count).ceil
          (0...worker_count).map do |i|
            from = i * per_worker
            to = [from + per_worker, total_items].min
            config = { 'batch_id' => format('%03d', i + 1), 'start_cursor' => from, 'end_cursor' => to,
                       'batch_size' => to - from }
            yield(config, i) if block_given?
            config
          end
        end

        def no_batches_outcome(reason:, metadata: {})
          success(result: { 'batch_processing_outcome' => Types::BatchProcessingOutcome.no_batches.to_h,
                            'reason' => reason }.merge(metadata))
        end

        def create_batches_outcome(worker_template_name:, cursor_configs:, total_items:, metadata: {})
          outcome = Types::BatchProcessingOutcome.create_batches(worker_template_name: worker_template_name,
                                                                 worker_count: cursor_configs.size,
                                                                 cursor_configs: cursor_configs, total_items: total_items)
          success(result: { 'batch_processing_outcome' => outcome.to_h, 'worker_count' => cursor_configs.size,
                            'total_items' => total_items }.merge(metadata))
        end

        # This project's shorthand: workers of batch_size items each, or no batches for no items.
        def batch_success(worker_template_name:, total_items:, batch_size:, metadata: {})
          return no_batches_outcome(reason: 'no items', metadata: metadata) if total_items.zero?

          create_batches_outcome(worker_template_name: worker_template_name, total_items: total_items, metadata: metadata,
                                 cursor_configs: create_cursor_configs(total_items, (total_items.to_f / batch_size).ceil))
        end

        def batch_worker_success(items_processed:, items_succeeded: nil, items_failed: 0, items_skipped: 0,
                                 last_cursor: nil, results: nil, errors: nil, metadata: {})
          data = { 'items_processed' => items_processed, 'items_succeeded' => items_succeeded || items_processed,
                   'items_failed' => items_failed, 'items_skipped' => items_skipped }
          data['last_cursor'] = last_cursor if last_cursor
          data['results'] = results if results
          data['errors'] = errors if errors
          success(result: data.merge(metadata), metadata: { batch_worker: true })
        end

        # Saves the checkpoint and runs this step again from it, without counting an attempt.
        def checkpoint_yield(cursor:, items_processed:, accumulated_results: nil)
          Types::StepHandlerCallResult.checkpoint_yield(cursor: cursor, items_processed: items_processed,
                                                        accumulated_results: accumulated_results)
        end

        def no_batches_aggregation_result(metadata: {})
          success(result: { 'worker_count' => 0, 'scenario' => 'no_batches' }.merge(metadata))
        end

        def aggregate_batch_worker_results(scenario, zero_metrics: {})
          return no_batches_aggregation_result(metadata: zero_metrics) if scenario.no_batches?

          aggregated = block_given? ? yield(scenario.batch_results) : { 'batch_results' => scenario.batch_results }
          success(result: aggregated.merge('worker_count' => scenario.worker_count, 'scenario' => 'with_batches'))
        end
      end

      # Calls HTTP APIs through the host's client. 429 and 5xx raise RetryableError (honouring Retry-After), other 4xx
      # PermanentError; refused connections and timeouts are retryable. A response is a hash with status, headers, body.
      module API
        HTTP = Polyglot.import('tasker_http')

        def get(url, headers: {}, timeout: 30) = http('GET', url, nil, headers, timeout)

        def post(url, body = nil, headers: {}, timeout: 30) = http('POST', url, body, headers, timeout)

        def put(url, body = nil, headers: {}, timeout: 30) = http('PUT', url, body, headers, timeout)

        def patch(url, body = nil, headers: {}, timeout: 30) = http('PATCH', url, body, headers, timeout)

        def delete(url, headers: {}, timeout: 30) = http('DELETE', url, nil, headers, timeout)

        private

        def http(method, url, body, headers, timeout)
          base = config.is_a?(Hash) ? (config[:url] || config['url']) : nil
          url = "#{base.chomp('/')}/#{url.sub(%r{\A/}, '')}" if base && url !~ %r{\Ahttps?://}
          answer = JSON.parse(HTTP.call(method, url, JSON.generate(headers), body.nil? ? nil : JSON.generate(body),
                                        timeout.to_f))
          return answer['response'] if answer['ok']
          raise Errors::RetryableError.new(answer['message'], retry_after: answer['retry_after']) if answer['retryable']

          raise Errors::PermanentError, answer['message']
        end
      end
    end

    class Decision < Base
      include Mixins::Decision
    end

    class Batchable < Base
      include Mixins::Batchable
    end

    class Api < Base
      include Mixins::API
    end

    API = Api
  end

  module Handlers
    module Steps
      Base = StepHandler::Base
      Decision = StepHandler::Decision
      Batchable = StepHandler::Batchable
      API = StepHandler::Api
    end
  end
end

module Tasker
  StepHandler = TaskerCore::StepHandler::Base
end
