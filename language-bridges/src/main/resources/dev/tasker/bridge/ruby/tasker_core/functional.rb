# TaskerCore::StepHandler::Functional: handlers as blocks. Each builder answers a handler class (assign it to a
# constant ending in Handler, as Tasker's examples do) registered under the builder's name; the block gets context:
# and one keyword per depends_on and inputs entry.
module TaskerCore
  module StepHandler
    module Functional
      class Decision
        attr_reader :type, :steps, :reason, :routing_context

        def initialize(type, steps, reason, routing_context)
          @type = type
          @steps = steps
          @reason = reason
          @routing_context = routing_context
          freeze
        end

        def self.route(steps, **routing_context) = new('create_steps', Array(steps), nil, routing_context)

        def self.skip(reason, **routing_context) = new('no_branches', [], reason, routing_context)
      end

      class BatchConfig
        attr_reader :total_items, :batch_size, :metadata

        def initialize(total_items:, batch_size:, metadata: {})
          @total_items = total_items
          @batch_size = batch_size
          @metadata = metadata
          freeze
        end
      end

      RESULTS = [Types::StepHandlerCallResult::Success, Types::StepHandlerCallResult::Error,
                 Types::StepHandlerCallResult::CheckpointYield].freeze

      module_function

      def _wrap_result(result)
        case result
        when *RESULTS then result
        when Hash then Types::StepHandlerCallResult.success(result: result)
        when nil then Types::StepHandlerCallResult.success(result: {})
        else Types::StepHandlerCallResult.success(result: result.respond_to?(:to_h) ? result.to_h : result)
        end
      end

      def _wrap_exception(exception) = Types::StepHandlerCallResult.from_exception(exception)

      def _inject_args(context, depends_on, inputs)
        args = { context: context }
        depends_on.each do |param, value|
          if value.is_a?(Array) && value.length == 2
            step, model = value
            raw = context.get_dependency_result(step.to_s)
            args[param.to_sym] = raw.is_a?(Hash) ? model.new(**raw.to_h.transform_keys(&:to_sym).slice(*model.attribute_names)) : raw
          else
            args[param.to_sym] = context.get_dependency_result(value.to_s)
          end
        end
        if inputs.is_a?(Class)
          data = inputs.attribute_names.to_h { |name| [name, context.get_input(name.to_s)] }.compact
          args[:inputs] = inputs.new(**data)
          args[:inputs].validate! if args[:inputs].respond_to?(:validate!)
        else
          Array(inputs).each { |key| args[key.to_sym] = context.get_input(key.to_s) }
        end
        args
      end

      # A block of keywords gets them all; a block of one positional parameter (this project's older form) the context.
      def _call_block(block, args)
        keywords = block.parameters.any? { |kind, _| %i[key keyreq keyrest].include?(kind) }
        keywords || block.parameters.empty? ? block.call(**args) : block.call(args[:context])
      end

      def _handler_class(name, version, mixin, &call)
        Class.new(Base) do
          include mixin if mixin
          const_set(:VERSION, version)
          define_method(:handler_name) { name }
          define_singleton_method(:functional?) { true }
          define_method(:call) do |context|
            instance_exec(context, &call)
          rescue StandardError => e
            Functional._wrap_exception(e)
          end
        end
      end

      def step_handler(name, depends_on: {}, inputs: [], version: '1.0.0', &block)
        raise ArgumentError, 'block required' unless block

        Functional._handler_class(name, version, nil) do |context|
          Functional._wrap_result(Functional._call_block(block, Functional._inject_args(context, depends_on, inputs)))
        end
      end

      def decision_handler(name, depends_on: {}, inputs: [], version: '1.0.0', &block)
        raise ArgumentError, 'block required' unless block

        Functional._handler_class(name, version, Mixins::Decision) do |context|
          raw = Functional._call_block(block, Functional._inject_args(context, depends_on, inputs))
          if raw.is_a?(Decision)
            data = {}
            data[:routing_context] = raw.routing_context unless raw.routing_context.empty?
            if raw.type == 'create_steps'
              decision_success(steps: raw.steps, result_data: data)
            else
              data[:reason] = raw.reason if raw.reason
              decision_no_branches(result_data: data)
            end
          else
            Functional._wrap_result(raw)
          end
        end
      end

      def batch_analyzer(name, worker_template:, depends_on: {}, inputs: [], version: '1.0.0', &block)
        raise ArgumentError, 'block required' unless block

        Functional._handler_class(name, version, Mixins::Batchable) do |context|
          raw = Functional._call_block(block, Functional._inject_args(context, depends_on, inputs))
          if raw.is_a?(BatchConfig)
            workers = (raw.total_items.to_f / raw.batch_size).ceil
            create_batches_outcome(worker_template_name: worker_template, total_items: raw.total_items,
                                   cursor_configs: workers.zero? ? [] : create_cursor_configs(raw.total_items, workers),
                                   metadata: raw.metadata)
          else
            Functional._wrap_result(raw)
          end
        end
      end

      def batch_worker(name, depends_on: {}, inputs: [], version: '1.0.0', &block)
        raise ArgumentError, 'block required' unless block

        Functional._handler_class(name, version, Mixins::Batchable) do |context|
          args = Functional._inject_args(context, depends_on, inputs)
          args[:batch_context] = get_batch_context(context)
          Functional._wrap_result(Functional._call_block(block, args))
        end
      end

      def api_handler(name, base_url:, depends_on: {}, inputs: [], version: '1.0.0', timeout: nil, open_timeout: nil,
                      headers: {}, &block)
        raise ArgumentError, 'block required' unless block

        klass = Functional._handler_class(name, version, Mixins::API) do |context|
          args = Functional._inject_args(context, depends_on, inputs)
          args[:api] = self
          Functional._wrap_result(Functional._call_block(block, args))
        end
        settings = { url: base_url, timeout: timeout, open_timeout: open_timeout, headers: headers }.compact
        klass.define_method(:initialize) { |config: {}, logger: nil| super(config: settings.merge(config || {}), logger: logger) }
        klass
      end
    end
  end
end
