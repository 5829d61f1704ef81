# frozen_string_literal: true

# Conditional approval: a decision picks the approvals an amount needs; the final step waits for those that exist.
#   under 1,000: auto_approve; 1,000 up to 5,000: manager_approval; 5,000 and more: manager_approval + finance_review
module ApprovalRouting
  module StepHandlers
    class ValidateRequestHandler < TaskerCore::StepHandler::Base
      def call(context)
        amount = context.get_input(:amount)
        raise TaskerCore::Errors::PermanentError, "amount must be a positive number, got #{amount.inspect}" unless amount.is_a?(Numeric) && amount.positive?

        success(result: { amount: amount, requester: context.get_input_or(:requester, 'unknown') })
      end
    end

    class RoutingDecisionHandler < TaskerCore::StepHandler::Decision
      def call(context)
        amount = context.get_dependency_field(:validate_request, 'amount')
        steps = if amount < 1000 then %w[auto_approve]
                elsif amount < 5000 then %w[manager_approval]
                else %w[manager_approval finance_review]
                end
        decision_success(step_names: steps, routing_context: { amount: amount })
      end
    end

    class ApproveHandler < TaskerCore::StepHandler::Base
      def call(context)
        success(result: { approved: true, approver: context.get_config(:approver),
                          amount: context.get_dependency_field(:validate_request, 'amount') })
      end
    end

    class FinalizeApprovalHandler < TaskerCore::StepHandler::Base
      APPROVALS = %w[auto_approve manager_approval finance_review].freeze

      def call(context)
        decisions = APPROVALS.filter_map { |step| context.get_dependency_result(step) }
        success(result: { approved: decisions.all? { |d| d['approved'] }, approvers: decisions.map { |d| d['approver'] } })
      end
    end
  end
end
