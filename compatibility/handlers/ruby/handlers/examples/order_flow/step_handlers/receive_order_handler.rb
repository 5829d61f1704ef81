# frozen_string_literal: true

require_relative '../../../../lib/tasker_core/errors'

module OrderFlow
  module StepHandlers
    # Reads the task's context through Tasker's object tree, with symbol and string keys.
    class ReceiveOrderHandler < TaskerCore::StepHandler::Base
      def call(context)
        order = context.task.context[:order].deep_symbolize_keys
        raise TaskerCore::Errors::PermanentError.new('order has no lines', error_code: 'EMPTY_ORDER') if order[:lines].blank?

        total = order[:lines].sum { |line| line[:qty] * line[:unit_cents] }
        TaskerCore::Types::StepHandlerCallResult.success(
          result: { order_id: context.task.context['order']['id'], total_cents: total, line_count: order[:lines].size,
                    due_at: (Time.at(0).utc + 2.days).iso8601 },
          metadata: { step: context.workflow_step.name, callable: context.step_definition.handler.callable }
        )
      end
    end
  end
end
