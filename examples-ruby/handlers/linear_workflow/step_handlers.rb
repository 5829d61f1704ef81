# frozen_string_literal: true

# Linear workflow: square the even number, add ten, multiply by three, halve. 6 -> 36 -> 46 -> 138 -> 69.0
module LinearWorkflow
  module StepHandlers
    class SquareHandler < TaskerCore::StepHandler::Base
      def call(context)
        number = context.get_input(:even_number)
        unless number.is_a?(Integer) && number.even?
          raise TaskerCore::Errors::PermanentError, "even_number must be an even integer, got #{number.inspect}"
        end

        success(result: number**2, metadata: { operation: 'square', input: number })
      end
    end

    class AddTenHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:square) + 10)
    end

    class TimesThreeHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:add_ten) * 3)
    end

    class HalveHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:times_three) / 2.0)
    end
  end
end
