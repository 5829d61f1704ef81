"""Linear workflow: square the even number, add ten, multiply by three, halve. 6 -> 36 -> 46 -> 138 -> 69.0"""
from tasker_core import PermanentError, StepContext, StepHandler, StepHandlerResult


class SquareHandler(StepHandler):
    def call(self, context: StepContext) -> StepHandlerResult:
        number = context.get_input("even_number")
        if not isinstance(number, int) or isinstance(number, bool) or number % 2:
            raise PermanentError(f"even_number must be an even integer, got {number!r}")
        return self.success(number**2, {"operation": "square", "input": number})


class AddTenHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("square") + 10


class TimesThreeHandler(StepHandler):
    def call(self, context: StepContext) -> int:
        return context.get_dependency_result("add_ten") * 3


class HalveHandler(StepHandler):
    def call(self, context: StepContext) -> float:
        return context.get_dependency_result("times_three") / 2
