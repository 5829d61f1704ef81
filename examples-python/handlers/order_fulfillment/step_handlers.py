"""Order fulfillment: validate the order, reserve its stock, charge the card through the payment gateway's API, ship.

A declined card fails for good (the gateway answers 402); a gateway that times out is tried again.
"""
import re
from typing import Any

from tasker_core import ApiHandler, PermanentError, StepContext, StepHandler

TAX_RATE = 0.08
SHIPPING_CENTS = {"standard": 599, "express": 1999}
WAREHOUSES = ("AMS-1", "BER-2", "CHI-1")


def _shipping_method(context: StepContext) -> str:
    return (context.get_input("shipping") or {}).get("method", "standard")


class ValidateOrderHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        order_id = context.get_input("order_id")
        items: list[dict[str, Any]] = context.get_input_or("items", [])
        method = _shipping_method(context)
        if not order_id:
            raise PermanentError("order has no order_id")
        if not items:
            raise PermanentError(f"order {order_id} has no items")
        if method not in SHIPPING_CENTS:
            raise PermanentError(f"order {order_id}: unknown shipping method '{method}'")
        for i, item in enumerate(items):
            if not isinstance(item.get("quantity"), int) or item["quantity"] <= 0:
                raise PermanentError(f"order {order_id}: items[{i}] ({item.get('sku')}) needs a positive quantity")
        subtotal = sum(item["quantity"] * item["unit_price_cents"] for item in items)
        tax = round(subtotal * TAX_RATE)
        shipping = SHIPPING_CENTS[method]
        return {"order_id": order_id, "item_count": sum(item["quantity"] for item in items), "subtotal_cents": subtotal,
                "tax_cents": tax, "shipping_cents": shipping, "total_cents": subtotal + tax + shipping}


class ReserveInventoryHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        order_id = context.get_dependency_field("validate_order", "order_id")
        reserved = [{"sku": item["sku"], "quantity": item["quantity"],
                     "warehouse": WAREHOUSES[sum(item["sku"].encode()) % len(WAREHOUSES)]}
                    for item in context.get_input("items")]
        return {"reservation_id": f"RES-{order_id}", "reserved": reserved}


class ChargePaymentHandler(ApiHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        order = context.get_dependency_result("validate_order")
        gateway = context.get_input("payment_gateway_url") or context.get_config("gateway_url")
        try:
            response = self.post(f"{gateway}/v1/charges",
                                 {"amount_cents": order["total_cents"], "currency": "USD",
                                  "source": context.get_input("payment")["token"],
                                  "description": f"Order {order['order_id']}"},
                                 headers={"Idempotency-Key": f"charge-{order['order_id']}"},
                                 timeout=context.get_config("timeout_seconds") or 5)
        except PermanentError as declined:
            raise PermanentError(f"payment for order {order['order_id']} was declined: {declined}",
                                 error_code="payment_declined") from declined
        charge = response["body"]
        return {"charge_id": charge["id"], "status": charge["status"], "amount_cents": charge["amount_cents"]}


class ShipOrderHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        order_id = context.get_dependency_field("validate_order", "order_id")
        method = _shipping_method(context)
        self.logger.info(f"shipping order {order_id} ({method})")
        return {"order_id": order_id, "carrier": "UPS", "service": method,
                "tracking_number": "1Z" + re.sub(r"\W", "", str(order_id)).upper().rjust(12, "0"),
                "estimated_delivery_days": 1 if method == "express" else 5,
                "charge_id": context.get_dependency_field("charge_payment", "charge_id")}
