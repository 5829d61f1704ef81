from __future__ import annotations

from typing import TYPE_CHECKING

from tasker_core.errors import PermanentError
from tasker_core.step_handler import StepHandler
from tasker_core.types import ErrorType, StepHandlerResult

if TYPE_CHECKING:
    from tasker_core import StepContext


class ReceiveOrderHandler(StepHandler):
    handler_name = "order_flow_py.receive_order"

    def call(self, context: StepContext) -> StepHandlerResult:
        order = context.input_data.get("order") or {}
        if not order.get("lines"):
            raise PermanentError(message="order has no lines", error_code="EMPTY_ORDER")
        total = sum(line["qty"] * line["unit_cents"] for line in order["lines"])
        return StepHandlerResult.success({"order_id": order["id"], "total_cents": total}, metadata={"lines": len(order["lines"])})


class PriceOrderHandler(StepHandler):
    handler_name = "order_flow_py.price_order"

    async def call(self, context: StepContext) -> StepHandlerResult:
        import asyncio

        await asyncio.sleep(0.01)
        envelope = context.dependency_results["receive_order_py"]
        total = envelope["result"]["total_cents"]
        rate = context.get_config("tax_percent")
        if rate is None:
            return self.failure("tax_percent is not configured", error_type=ErrorType.VALIDATION_ERROR, retryable=False)
        return self.success({"total_cents": total, "tax_cents": total * rate // 100, "retry": context.is_retry()})


class ShipOrderHandler(StepHandler):
    handler_name = "order_flow_py.ship_order"

    def call(self, context):
        return self.success({"invoked": "call"})

    def ship(self, context):
        price = context.get_dependency_result("price_order_py")
        return self.success({"invoked": "ship", "grand_total": price["total_cents"] + price["tax_cents"],
                             "order_id": context.get_dependency_field("receive_order_py", "order_id"), "big": 2 ** 70})
