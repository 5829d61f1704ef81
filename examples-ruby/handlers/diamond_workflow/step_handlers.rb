# frozen_string_literal: true

# Diamond: square, then +25 and x2 side by side, then their average. 6 -> 36 -> (61, 72) -> 66.5
module DiamondWorkflow
  module StepHandlers
    class SquareHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_input(:even_number)**2)
    end

    class AddTwentyFiveHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:square) + 25)
    end

    class DoubleHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:square) * 2)
    end

    class AverageHandler < TaskerCore::StepHandler::Base
      def call(context)
        branches = %i[add_twenty_five double].map { |step| context.get_dependency_result(step) }
        success(result: branches.sum / 2.0)
      end
    end
  end
end
