# Tasker's handler API for Ruby handlers: TaskerCore::StepHandler::Base (alias Tasker::StepHandler),
# results, errors, the context, decision and batch helpers, and step_handler('name') { |context| ... }.
# The host calls TaskerCore::Host.load(path) and TaskerCore::Host.invoke(name, payload), the payload as host maps and lists.
require 'json'
require 'date'
require 'time'

module TaskerCore
  module Errors
    class Error < StandardError
      attr_reader :error_code, :metadata

      def initialize(message = nil, error_code: nil, metadata: nil)
        super(message)
        @error_code = error_code
        @metadata = metadata
      end
    end

    class PermanentError < Error; end

    class SandboxViolation < PermanentError; end

    class RetryableError < Error
      attr_reader :retry_after

      def initialize(message = nil, retry_after: nil, error_code: nil, metadata: nil)
        super(message, error_code: error_code, metadata: metadata)
        @retry_after = retry_after
      end
    end
  end

  module Types
    class StepHandlerCallResult
      attr_reader :result, :metadata, :message, :error_type, :retryable, :error_code

      def initialize(success, result: nil, metadata: nil, message: nil, error_type: nil, retryable: true, error_code: nil)
        @success = success
        @result = result
        @metadata = metadata
        @message = message
        @error_type = error_type
        @retryable = retryable
        @error_code = error_code
      end

      def success?
        @success
      end

      def self.success(result: nil, metadata: nil)
        new(true, result: result, metadata: metadata)
      end

      def self.failure(message:, error_type: 'StepFailure', retryable: true, metadata: nil, error_code: nil)
        new(false, message: message, error_type: error_type, retryable: retryable, metadata: metadata, error_code: error_code)
      end
    end
  end

  class StepContext
    attr_reader :task_uuid, :step_uuid, :step_name, :namespace_name, :input_data, :step_inputs, :step_config,
                :dependency_results, :retry_count, :max_retries, :checkpoint

    def initialize(payload)
      @task_uuid = payload['task_uuid']
      @step_uuid = payload['step_uuid']
      @step_name = payload['step_name']
      @namespace_name = payload['namespace_name']
      @input_data = payload['input_data'] || {}
      @step_inputs = payload['step_inputs'] || {}
      @step_config = payload['step_config'] || {}
      @dependency_results = payload['dependency_results'] || {}
      @retry_count = payload['retry_count'] || 0
      @max_retries = payload['max_retries'] || 1
      @checkpoint = payload['checkpoint']
    end

    def get_input(key) = @input_data[key.to_s]

    def get_input_or(key, default)
      value = @input_data[key.to_s]
      value.nil? ? default : value
    end

    def get_config(key) = @step_config[key.to_s]

    def get_dependency_result(step_name) = @dependency_results[step_name.to_s]

    def get_dependency_field(step_name, *path)
      path.reduce(get_dependency_result(step_name)) do |value, key|
        break nil if value.nil?

        value.is_a?(Array) ? value[key] : value[key.to_s]
      end
    end

    def is_retry? = @retry_count.positive?

    # A convergence step's view of a batch: the results of {worker_template}_001, _002, ... in order.
    def get_batch_results(worker_template)
      worker = /\A#{Regexp.escape(worker_template.to_s)}_\d{3,}\z/
      @dependency_results.keys.grep(worker).sort.map { |k| @dependency_results[k] }
    end

    # Saves progress now; a retry of this step starts with it as +checkpoint+.
    def checkpoint_yield(cursor, items_processed, accumulated_results = nil)
      checkpoint = { 'cursor' => cursor, 'items_processed' => items_processed, 'accumulated_results' => accumulated_results }
      Polyglot.import('tasker_checkpoint').call(JSON.generate(checkpoint))
      @checkpoint = JSON.parse(JSON.generate(checkpoint))
    end

    def is_last_retry? = @retry_count >= @max_retries - 1
  end

  # Writes to the host's log, tagged with the task and step being run.
  module Logger
    HOST = Polyglot.import('tasker_log')

    %w[debug info warn error].each do |level|
      define_singleton_method(level) { |message| HOST.call(level, message.to_s) }
    end
  end

  module StepHandler
    class Base
      @subclasses = []

      def logger = TaskerCore::Logger

      class << self
        attr_accessor :handler_name

        def inherited(subclass)
          super
          TaskerCore::Host.defined(subclass) if defined?(TaskerCore::Host)
        end
      end

      # Starts a child task of a registered template; this step completes with the child's result when it ends.
      def start_sub_workflow(namespace:, name:, context: {}, version: nil)
        request = { 'namespace' => namespace, 'name' => name, 'context' => context }
        request['version'] = version if version
        success(result: { 'sub_workflow' => request })
      end

      def success(result: nil, metadata: nil)
        Types::StepHandlerCallResult.success(result: result, metadata: metadata)
      end

      def failure(message:, error_type: 'StepFailure', retryable: true, metadata: nil, error_code: nil)
        Types::StepHandlerCallResult.failure(message: message, error_type: error_type, retryable: retryable,
                                             metadata: metadata, error_code: error_code)
      end
    end

    class Decision < Base
      def decision_success(step_names:, routing_context: {})
        success(result: { 'decision_point_outcome' => { 'type' => 'create_steps', 'step_names' => Array(step_names).map(&:to_s) },
                          'routing_context' => routing_context })
      end

      def skip_branches(reason: nil)
        success(result: { 'decision_point_outcome' => { 'type' => 'no_branches' }, 'reason' => reason })
      end
    end

    class Batchable < Base
      def create_cursor_configs(total_items, batch_size)
        (0...total_items).step(batch_size).each_with_index.map do |start, i|
          { 'batch_id' => format('%03d', i + 1), 'start_cursor' => start,
            'end_cursor' => [start + batch_size, total_items].min, 'batch_size' => batch_size }
        end
      end

      def batch_success(worker_template_name:, total_items:, batch_size:)
        return success(result: { 'batch_processing_outcome' => { 'type' => 'no_batches' } }) if total_items.zero?

        configs = create_cursor_configs(total_items, batch_size)
        success(result: { 'batch_processing_outcome' => {
                  'type' => 'create_batches', 'worker_template_name' => worker_template_name,
                  'worker_count' => configs.size, 'cursor_configs' => configs, 'total_items' => total_items
                } })
      end

      def batch_worker_success(items_processed:, results: {})
        success(result: { 'items_processed' => items_processed }.merge(results))
      end
    end

    # Calls HTTP APIs through the host's client. 429 and 5xx raise RetryableError (honouring Retry-After),
    # other 4xx PermanentError; refused connections and timeouts are retryable. A response is a hash with
    # 'status', 'headers' and 'body'.
    class Api < Base
      HTTP = Polyglot.import('tasker_http')

      def get(url, headers: {}, timeout: 30) = http('GET', url, nil, headers, timeout)

      def post(url, body = nil, headers: {}, timeout: 30) = http('POST', url, body, headers, timeout)

      def put(url, body = nil, headers: {}, timeout: 30) = http('PUT', url, body, headers, timeout)

      def delete(url, headers: {}, timeout: 30) = http('DELETE', url, nil, headers, timeout)

      private

      def http(method, url, body, headers, timeout)
        answer = JSON.parse(HTTP.call(method, url, JSON.generate(headers), body.nil? ? nil : JSON.generate(body), timeout.to_f))
        return answer['response'] if answer['ok']
        raise Errors::RetryableError.new(answer['message'], retry_after: answer['retry_after']) if answer['retryable']

        raise Errors::PermanentError, answer['message']
      end
    end
  end

  # The host's side of the prelude: registration, invocation, and JSON-safe results.
  module Host
    BASES = [StepHandler::Base, StepHandler::Decision, StepHandler::Batchable, StepHandler::Api].freeze
    @registry = {}
    @pending = []

    class << self
      attr_reader :registry

      def defined(klass)
        @pending << klass
      end

      def register_function(name, block)
        @registry[name.to_s] = block
      end

      def load(path)
        Kernel.load(path)
        names = []
        @pending.each do |klass|
          next if BASES.include?(klass) || klass.name.nil?

          aliases = [klass.name, klass.name.split('::').last]
          aliases << klass.handler_name.to_s if klass.handler_name
          aliases.uniq.each do |name|
            @registry[name] = klass
            names << name
          end
        end
        @pending = []
        JSON.generate(names)
      end

      def registered = JSON.generate(@registry.keys)

      # payload: the host's polyglot hash of the step (Ruby's JSON parser is pure Ruby here, and slow).
      def invoke(name, payload)
        target = @registry[name]
        raise Errors::PermanentError, "no Ruby handler is registered as '#{name}'" if target.nil?

        context = StepContext.new(from_host(payload))
        value = if target.is_a?(Proc)
                  target.call(context)
                else
                  handler = target.new
                  if handler.respond_to?(:call)
                    handler.call(context)
                  elsif handler.respond_to?(:process)
                    output = handler.process(context)
                    handler.respond_to?(:process_results) ? handler.process_results(output) : output
                  else
                    raise Errors::PermanentError, "handler '#{name}' has neither call(context) nor process(context)"
                  end
                end
        JSON.generate(answer(value))
      rescue StandardError, ScriptError, SecurityError => e
        JSON.generate(describe(e))
      end

      # The host's hashes, arrays and strings as Ruby ones (numbers, booleans arrive as Ruby's already).
      def from_host(value)
        return value unless Truffle::Interop.foreign?(value)
        return value.to_s if Truffle::Interop.string?(value)
        return nil if Truffle::Interop.null?(value)
        return value.to_i if Truffle::Interop.number?(value) # an integer beyond a long; others arrive as Ruby numbers

        if Truffle::Interop.has_hash_entries?(value)
          out = {}
          entries = Truffle::Interop.hash_entries_iterator(value)
          while Truffle::Interop.has_iterator_next_element?(entries)
            entry = Truffle::Interop.iterator_next_element(entries)
            out[from_host(Truffle::Interop.read_array_element(entry, 0))] =
              from_host(Truffle::Interop.read_array_element(entry, 1))
          end
          out
        elsif Truffle::Interop.has_array_elements?(value)
          Array.new(Truffle::Interop.array_size(value)) { |i| from_host(Truffle::Interop.read_array_element(value, i)) }
        else
          value
        end
      end

      def answer(value)
        if value.is_a?(Types::StepHandlerCallResult)
          unless value.success?
            return { 'success' => false, 'error_type' => value.error_type, 'message' => value.message,
                     'retryable' => value.retryable != false, 'error_code' => value.error_code,
                     'metadata' => json_safe(value.metadata, 'metadata'), 'backtrace' => [] }
          end

          return { 'success' => true, 'result' => json_safe(value.result, 'result'),
                   'metadata' => json_safe(value.metadata, 'metadata') }
        end
        { 'success' => true, 'result' => json_safe(value, 'result'), 'metadata' => nil }
      end

      def json_safe(value, path)
        case value
        when nil, true, false, String, Integer then value
        when Float
          raise Errors::PermanentError, "#{path} is #{value}, which JSON cannot hold" if value.nan? || value.infinite?

          value
        when Symbol then value.to_s
        when Hash then value.each_with_object({}) { |(k, v), out| out[k.to_s] = json_safe(v, "#{path}.#{k}") }
        when Array then value.each_with_index.map { |v, i| json_safe(v, "#{path}[#{i}]") }
        when Time, DateTime then value.iso8601
        when Date then value.iso8601
        else
          raise Errors::PermanentError, "#{path} is a #{value.class}, which cannot be a step result"
        end
      end

      def describe(error)
        { 'success' => false, 'error_type' => error.class.name.split('::').last, 'message' => error.message,
          'retryable' => !error.is_a?(Errors::PermanentError),
          'retry_after_seconds' => error.respond_to?(:retry_after) ? error.retry_after : nil,
          'error_code' => error.respond_to?(:error_code) ? error.error_code : nil,
          'metadata' => error.respond_to?(:metadata) ? error.metadata : nil,
          'backtrace' => (error.backtrace || []).reject { |l| l.include?('tasker_core.rb') }.first(30) }
      end
    end
  end
end

module Tasker
  StepHandler = TaskerCore::StepHandler::Base
end

# TruffleRuby needs native access (for require), which would let it start processes past the polyglot
# sandbox; the ways Ruby code starts them are closed here.
module TaskerCore
  module Sandbox
    REFUSED = %i[` system spawn exec fork].freeze

    def self.refuse(what)
      raise Errors::SandboxViolation, "#{what} is not allowed in a Tasker handler: handlers may not start processes"
    end
  end
end

module Kernel
  TaskerCore::Sandbox::REFUSED.each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
    private name
    define_singleton_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse(name) }
  end
end

class << Process
  %i[spawn fork exec daemon].each do |name|
    define_method(name) { |*_args, **_opts| TaskerCore::Sandbox.refuse("Process.#{name}") }
  end
end

class << IO
  define_method(:popen) { |*_args, **_opts| TaskerCore::Sandbox.refuse('IO.popen') }
end

def step_handler(name, &block)
  TaskerCore::Host.register_function(name, block)
end
