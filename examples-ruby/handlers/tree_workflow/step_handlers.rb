# frozen_string_literal: true

# A tree: a root, two branches, four leaves, and a final step that sums the leaves.
#   root = n^2; branch_left = root + 1; branch_right = root + 2
#   leaf_left_a = left * 2, leaf_left_b = left * 3, leaf_right_a = right * 2, leaf_right_b = right * 3
# 6 -> 36 -> (37, 38) -> (74, 111, 76, 114) -> 375
module TreeWorkflow
  module StepHandlers
    class RootHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_input(:even_number)**2)
    end

    # One handler, two branches: the offset comes from the step's handler.initialization.
    class BranchHandler < TaskerCore::StepHandler::Base
      def call(context) = success(result: context.get_dependency_result(:root) + context.get_config(:offset))
    end

    class LeafHandler < TaskerCore::StepHandler::Base
      def call(context)
        branch = context.get_config(:branch)
        success(result: context.get_dependency_result(branch) * context.get_config(:factor))
      end
    end

    class SumLeavesHandler < TaskerCore::StepHandler::Base
      LEAVES = %w[leaf_left_a leaf_left_b leaf_right_a leaf_right_b].freeze

      def call(context) = success(result: LEAVES.sum { |leaf| context.get_dependency_result(leaf) })
    end
  end
end
