"""Diamond: square, then +25 and x2 side by side, then their average. 6 -> 36 -> (61, 72) -> 66.5"""
from tasker_core import StepContext, StepHandler


class SquareHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_input("even_number") ** 2


class AddTwentyFiveHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("square") + 25


class DoubleHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("square") * 2


class AverageHandler(StepHandler):
    def call(self, context: StepContext) -> float:
        branches = [context.get_dependency_result(step) for step in ("add_twenty_five", "double")]
        return sum(branches) / len(branches)
