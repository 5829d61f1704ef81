# frozen_string_literal: true

# A mixed DAG: a fan-out, a join, a side chain and a final join over both.
#   start = n^2; left = start + 10; right = start * 2; merge = left + right; side = start - 1; finish = merge + side
# 6 -> 36 -> (46, 72) -> 118; side 35 -> finish 153
module MixedDagWorkflow
  module StepHandlers
    class StartHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_input(:even_number)**2)
    end

    class LeftHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:start) + 10)
    end

    class RightHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:start) * 2)
    end

    class MergeHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:left) + context.get_dependency_result(:right))
    end

    class SideHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:start) - 1)
    end

    class FinishHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:merge) + context.get_dependency_result(:side))
    end
  end
end
