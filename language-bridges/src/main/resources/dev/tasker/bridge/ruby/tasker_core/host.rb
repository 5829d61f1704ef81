# The host's side of the prelude: loading handler files, registering handlers, running them, and the JSON that crosses
# back. The host calls TaskerCore::Host.load(path) and TaskerCore::Host.invoke(name, payload).
module TaskerCore
  module Host
    BASES = [StepHandler::Base, StepHandler::Decision, StepHandler::Batchable, StepHandler::Api].freeze

    # Raised in a call's thread when it ran past its timeout or its task was cancelled; not a StandardError, so that a
    # handler's plain rescue does not swallow it.
    class Stopped < Exception; end # rubocop:disable Lint/InheritException

    @registry = {}
    @calls = {}
    @calls_lock = Mutex.new
    @pending = []

    class << self
      attr_reader :registry

      def defined(klass)
        @pending << klass
      end

      def register(name, klass)
        @registry[name.to_s] = klass
      end

      # Loads a handler file (unless a require already did) and answers [name, defining file] for each handler class
      # defined since: its constant path, its last segment, and its handler_name.
      def load(path)
        Kernel.load(path) unless $LOADED_FEATURES.include?(path)
        found = []
        @pending.each do |klass|
          next if BASES.include?(klass) || !(klass.method_defined?(:call) || klass.method_defined?(:process))

          file = (klass.name && Object.const_source_location(klass.name)&.first) || path
          names_of(klass).each do |name|
            @registry[name] = klass
            found << [name, file]
          end
        end
        @pending = []
        JSON.generate(found)
      end

      def names_of(klass)
        names = klass.name ? [klass.name, klass.name.split('::').last] : []
        declared = begin
          klass.allocate.handler_name
        rescue StandardError
          nil
        end
        declared = klass.handler_name if declared.nil? || declared.to_s.empty?
        names << declared.to_s if declared && !declared.to_s.empty?
        names.uniq
      end

      def registered = JSON.generate(@registry.keys)

      def save_checkpoint(cursor, items_processed, accumulated_results)
        checkpoint = { 'cursor' => cursor, 'items_processed' => items_processed, 'accumulated_results' => accumulated_results }
        Polyglot.import('tasker_checkpoint').call(JSON.generate(json_safe(checkpoint, 'checkpoint')))
        JSON.parse(JSON.generate(json_safe(checkpoint, 'checkpoint')))
      end

      # payload: the host's polyglot hash of the step (Ruby's JSON parser is pure Ruby here, and slow).
      def interrupt(call_id)
        thread = @calls_lock.synchronize { @calls[call_id] }
        thread&.raise(Stopped, 'the step ran past its timeout or was cancelled')
        !thread.nil?
      end

      def invoke(name, payload, call_id = nil)
        @calls_lock.synchronize { @calls[call_id] = Thread.current } if call_id
        target = @registry[name]
        raise Errors::PermanentError, "no Ruby handler is registered as '#{name}'" if target.nil?

        step = from_host(payload)
        context = Types::StepContext.new(step, handler_name: name)
        handler = instantiate(target, step['step_config'] || {})
        JSON.generate(answer(run(handler, step['handler_method'] || 'call', context, name)))
      rescue StandardError, ScriptError, SecurityError, SystemStackError => e
        JSON.generate(describe(e))
      rescue Stopped => e
        JSON.generate({ 'success' => false, 'error_type' => 'Timeout', 'message' => e.message, 'retryable' => true })
      ensure
        @calls_lock.synchronize { @calls.delete(call_id) } if call_id
      end

      def instantiate(klass, initialization)
        takes_config = klass.instance_method(:initialize).parameters.any? { |kind, arg| arg == :config && kind.to_s.start_with?('key') }
        takes_config ? klass.new(config: initialization) : klass.new
      end

      def run(handler, method, context, name)
        # a block handler has one entry point, whatever method the template names
        method = 'call' if method != 'call' && handler.class.respond_to?(:functional?) && !handler.respond_to?(method)
        if method != 'call'
          raise Errors::PermanentError, "handler '#{name}' has no method '#{method}' (handler.method)" unless handler.respond_to?(method)

          return handler.public_send(method, context)
        end
        return handler.call(context) if handler.class.instance_method(:call).owner != StepHandler::Base
        raise Errors::PermanentError, "handler '#{name}' has neither call(context) nor process(context)" unless handler.respond_to?(:process)

        output = handler.process(context)
        handler.respond_to?(:process_results) ? handler.process_results(output) : output
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
        value = Types::StepHandlerCallResult.from_handler_output(value)
        case value
        when Types::StepHandlerCallResult::CheckpointYield
          { 'success' => true, 'checkpoint_yield' => json_safe({ 'cursor' => value.cursor, 'items_processed' => value.items_processed,
                                                                 'accumulated_results' => value.accumulated_results }, 'checkpoint') }
        when Types::StepHandlerCallResult::Error
          metadata = value.metadata || {}
          { 'success' => false, 'error_type' => value.error_type, 'message' => value.message,
            'retryable' => value.retryable == true, 'error_code' => value.error_code,
            'retry_after_seconds' => metadata[:retry_after] || metadata['retry_after'],
            'metadata' => json_safe(metadata, 'metadata'), 'backtrace' => [] }
        else
          { 'success' => true, 'result' => json_safe(value.result, 'result'), 'metadata' => json_safe(value.metadata, 'metadata') }
        end
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
        when Time then value.iso8601
        else
          return value.iso8601 if defined?(DateTime) && (value.is_a?(DateTime) || value.is_a?(Date))
          return value.to_f if defined?(BigDecimal) && value.is_a?(BigDecimal)
          return value.to_s if value.is_a?(Rational)

          raise Errors::PermanentError, "#{path} is a #{value.class}, which cannot be a step result"
        end
      end

      def describe(error)
        { 'success' => false, 'error_type' => error.class.name.split('::').last, 'message' => error.message,
          'retryable' => Errors::ErrorClassifier.retryable?(error),
          'retry_after_seconds' => error.respond_to?(:retry_after) ? error.retry_after : nil,
          'error_code' => error.respond_to?(:error_code) ? error.error_code : nil,
          'metadata' => error.respond_to?(:metadata) ? json_safe(error.metadata, 'metadata') : nil,
          'backtrace' => (error.backtrace || []).reject { |l| l.include?('tasker_core/') }.first(30) }
      rescue StandardError
        { 'success' => false, 'error_type' => error.class.name, 'message' => error.message.to_s, 'retryable' => true,
          'backtrace' => [] }
      end
    end
  end
end

# Handler files that require Tasker's own gem (require 'tasker_core', require_relative '.../lib/tasker_core/errors')
# get this prelude, which is loaded already.
module Kernel
  TASKER_GEM_FILE = %r{(\A|/)tasker_core(\.rb|/[\w/]+(\.rb)?)?\z}

  alias tasker_original_require require
  alias tasker_original_require_relative require_relative

  def require(name)
    return false if name.to_s.match?(TASKER_GEM_FILE) && !File.exist?(name.to_s)

    tasker_original_require(name)
  end

  def require_relative(name)
    base = caller_locations(1, 1).first&.absolute_path
    full = base ? File.expand_path(name.to_s, File.dirname(base)) : name.to_s
    return false if full.match?(TASKER_GEM_FILE) && !File.exist?(full) && !File.exist?("#{full}.rb")

    tasker_original_require(full)
  end
  private :require, :require_relative
end

# This project's top-level form: step_handler('name') { |context| ... }, as Tasker's after `include Functional`.
def step_handler(name, **options, &block) = TaskerCore::StepHandler::Functional.step_handler(name, **options, &block)
