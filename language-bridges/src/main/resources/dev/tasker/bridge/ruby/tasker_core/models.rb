# The step as a Tasker handler sees it: TaskerCore::Types::StepContext over Tasker's object tree (task, workflow_step,
# dependency_results, step_definition), every hash in it readable with string or symbol keys.
module TaskerCore
  module Models
    INDIFFERENT = ActiveSupport::HashWithIndifferentAccess

    class TaskWrapper
      attr_reader :task_uuid, :namespace_name, :task_name, :task_version, :correlation_id

      def initialize(task_data)
        data = INDIFFERENT.new(task_data || {})
        inner = data[:task] || data
        @task_uuid = inner[:task_uuid]
        @raw_context = inner[:context]
        @correlation_id = inner[:correlation_id]
        @namespace_name = data[:namespace_name] || inner[:namespace_name]
        @task_name = data[:task_name] || inner[:task_name]
        @task_version = data[:task_version] || inner[:task_version]
      end

      def context = @context ||= INDIFFERENT.new(@raw_context || {})
    end

    class WorkflowStepWrapper
      FIELDS = %i[workflow_step_uuid task_uuid named_step_uuid name template_step_name retryable max_attempts in_process
                  processed processed_at attempts last_attempted_at backoff_request_seconds created_at updated_at].freeze
      attr_reader(*FIELDS)

      def initialize(step_data)
        data = step_data.is_a?(INDIFFERENT) ? step_data : INDIFFERENT.new(step_data || {})
        FIELDS.each { |f| instance_variable_set("@#{f}", data[f]) }
        @raw_inputs = data[:inputs]
        @raw_results = data[:results]
        @raw_checkpoint = data[:checkpoint]
      end

      def inputs = @inputs ||= INDIFFERENT.new(@raw_inputs || {})

      def results = @results ||= INDIFFERENT.new(@raw_results || {})

      def checkpoint
        return nil if @raw_checkpoint.nil?

        @checkpoint ||= INDIFFERENT.new(@raw_checkpoint)
      end
    end

    class DependencyResultsWrapper
      include Enumerable

      def initialize(results_data)
        @results = INDIFFERENT.new(results_data || {})
      end

      def get_result(step_name) = @results[step_name]

      def get_results(step_name)
        entry = @results[step_name]
        return nil unless entry

        entry.is_a?(Hash) && entry.key?('result') ? entry['result'] : entry
      end

      def [](step_name) = get_result(step_name)

      def keys = @results.keys

      def key?(step_name) = @results.key?(step_name)

      alias include? key?

      def each_key(&) = @results.keys.each(&)

      def each(&) = @results.each(&)

      def size = @results.size

      def empty? = @results.empty?

      def to_h = @results
    end

    class HandlerWrapper
      attr_reader :callable, :handler_method, :resolver

      def initialize(handler_data)
        data = INDIFFERENT.new(handler_data || {})
        @callable = data[:callable]
        @raw_initialization = data[:initialization]
        @handler_method = data[:method]
        @resolver = data[:resolver]
      end

      def initialization = @initialization ||= INDIFFERENT.new(@raw_initialization || {})

      alias method_name handler_method
    end

    class StepDefinitionWrapper
      attr_reader :name, :description, :handler, :dependencies, :retry, :timeout_seconds, :publishes_events

      def initialize(definition_data)
        data = INDIFFERENT.new(definition_data || {})
        @name = data[:name]
        @description = data[:description]
        @handler = HandlerWrapper.new(data[:handler])
        @dependencies = data[:dependencies] || []
        @retry = data[:retry] || INDIFFERENT.new
        @timeout_seconds = data[:timeout_seconds]
        @publishes_events = data[:publishes_events] || []
      end
    end

    class TaskSequenceStepWrapper
      attr_reader :task, :workflow_step, :dependency_results, :step_definition

      def initialize(step_data)
        data = INDIFFERENT.new(step_data || {})
        @task = TaskWrapper.new(data[:task])
        @workflow_step = WorkflowStepWrapper.new(data[:workflow_step])
        @dependency_results = DependencyResultsWrapper.new(data[:dependency_results])
        @step_definition = StepDefinitionWrapper.new(data[:step_definition])
      end

      def get_task_field(field_name) = @task.context[field_name.to_s]

      def get_dependency_result(step_name) = @dependency_results.get_result(step_name)

      def get_results(step_name) = @dependency_results.get_results(step_name)
    end
  end

  module Types
    class StepContext
      attr_reader :handler_name

      # payload: the host's step (flat, string keys), or Tasker's TaskSequenceStep tree.
      def initialize(payload, handler_name: nil)
        if payload.is_a?(Models::TaskSequenceStepWrapper)
          @tree = payload
        elsif payload.key?('workflow_step') || payload.key?(:workflow_step)
          @tree = Models::TaskSequenceStepWrapper.new(payload)
        else
          @payload = payload
        end
        @handler_name = handler_name
      end

      def task
        @task ||= @tree ? @tree.task : Models::TaskWrapper.new(
          'task' => { 'task_uuid' => @payload['task_uuid'], 'context' => @payload['input_data'] || {},
                      'correlation_id' => @payload['correlation_id'] || @payload['task_uuid'] },
          'namespace_name' => @payload['namespace_name'], 'task_name' => @payload['task_name'],
          'task_version' => @payload['task_version']
        )
      end

      def workflow_step
        @workflow_step ||= @tree ? @tree.workflow_step : Models::WorkflowStepWrapper.new(
          'workflow_step_uuid' => @payload['step_uuid'], 'task_uuid' => @payload['task_uuid'],
          'name' => @payload['step_name'], 'attempts' => @payload['retry_count'] || 0,
          'max_attempts' => @payload['max_retries'], 'retryable' => step_definition.retry['retryable'] != false,
          'inputs' => @payload['step_inputs'] || {}, 'checkpoint' => @checkpoint_override || @payload['checkpoint']
        )
      end

      def dependency_results
        @dependency_results ||= @tree ? @tree.dependency_results : Models::DependencyResultsWrapper.new(
          (@payload['dependency_results'] || {}).transform_values do |result|
            { 'result' => result, 'success' => true, 'status' => 'completed', 'metadata' => {} }
          end
        )
      end

      def step_definition
        @step_definition ||= @tree ? @tree.step_definition
                                   : Models::StepDefinitionWrapper.new(@payload['step_definition'] || {})
      end

      def handler_name = @handler_name || step_definition.handler&.callable

      def task_uuid = task.task_uuid

      def step_uuid = workflow_step.workflow_step_uuid

      def step_name = workflow_step.name

      def namespace_name = task.namespace_name

      def context = task.context

      # Tasker's Ruby input_data is the step's own inputs (a batch worker's cursor), not the task's context.
      def input_data = workflow_step.inputs

      alias step_inputs input_data

      def step_config
        @step_config ||= if @payload
                           Models::INDIFFERENT.new(@payload['step_config'] || {})
                         else
                           step_definition.handler&.initialization || Models::INDIFFERENT.new
                         end
      end

      def retry_count = workflow_step.attempts || 0

      def max_retries = workflow_step.max_attempts || 3

      def get_task_field(field_name) = task.context[field_name.to_s]

      alias get_input get_task_field

      def get_input_or(field_name, default = nil)
        value = get_task_field(field_name)
        value.nil? ? default : value
      end

      def get_config(key) = step_config[key.to_s]

      def get_dependency_result(step_name) = dependency_results.get_results(step_name.to_s)

      def get_dependency_field(step_name, *path)
        path.reduce(get_dependency_result(step_name)) do |value, key|
          case value
          when Hash then value[key.to_s]
          when Array then key.is_a?(Integer) ? value[key] : nil
          end
        end
      end

      def is_retry? = retry_count.positive?

      def is_last_retry? = retry_count >= max_retries - 1

      def retryable? = workflow_step.retryable

      def checkpoint = workflow_step.checkpoint

      def checkpoint_cursor = checkpoint&.dig('cursor')

      def checkpoint_items_processed = checkpoint&.dig('items_processed') || 0

      def accumulated_results = checkpoint&.dig('accumulated_results')

      def has_checkpoint? = !checkpoint_cursor.nil?

      # A convergence step's view of a batch: the results of {worker_template}_001, _002, ... in order.
      def get_batch_results(worker_template)
        worker = /\A#{Regexp.escape(worker_template.to_s)}_\d{3,}\z/
        dependency_results.keys.grep(worker).sort.map { |k| dependency_results.get_results(k) }
      end

      # Saves progress now and goes on running; a retry of this step starts from it. (Tasker's checkpoint_yield
      # of the Batchable mixin returns instead, and the step runs again from the checkpoint.)
      def checkpoint_yield(cursor, items_processed, accumulated_results = nil)
        saved = TaskerCore::Host.save_checkpoint(cursor, items_processed, accumulated_results)
        @checkpoint_override = saved
        @workflow_step = nil
        saved
      end

      def to_s = "#<StepContext task_uuid=#{task_uuid} step_uuid=#{step_uuid} step_name=#{step_name}>"

      alias inspect to_s
    end
  end

  StepContext = Types::StepContext
end
