"""A tree: a root, two branches, four leaves, and a final step that sums the leaves.

root = n^2; branch_left = root + 1; branch_right = root + 2
leaf_left_a = left * 2, leaf_left_b = left * 3, leaf_right_a = right * 2, leaf_right_b = right * 3
6 -> 36 -> (37, 38) -> (74, 111, 76, 114) -> 375
"""
from tasker_core import StepContext, StepHandler

LEAVES = ("leaf_left_a", "leaf_left_b", "leaf_right_a", "leaf_right_b")


class RootHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_input("even_number") ** 2


class BranchHandler(StepHandler):
    """One handler, two branches: the offset comes from the step's handler.initialization."""

    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("root") + context.get_config("offset")


class LeafHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result(context.get_config("branch")) * context.get_config("factor")


class SumLeavesHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return sum(context.get_dependency_result(leaf) for leaf in LEAVES)
