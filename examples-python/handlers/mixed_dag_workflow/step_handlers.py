"""A mixed DAG: a fan-out, a join, a side chain and a final join over both.

start = n^2; left = start + 10; right = start * 2; merge = left + right; side = start - 1; finish = merge + side
6 -> 36 -> (46, 72) -> 118; side 35 -> finish 153
"""
from tasker_core import StepContext, StepHandler


class StartHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_input("even_number") ** 2


class LeftHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("start") + 10


class RightHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("start") * 2


class MergeHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("left") + context.get_dependency_result("right")


class SideHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("start") - 1


class FinishHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("merge") + context.get_dependency_result("side")
