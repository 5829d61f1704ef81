"""Tasker-style class handlers, re-exported by the package as Tasker's examples are."""
from .order_flow_handlers import PriceOrderHandler, ReceiveOrderHandler, ShipOrderHandler
from .counting_handlers import CountChunkHandler

__all__ = ["ReceiveOrderHandler", "PriceOrderHandler", "ShipOrderHandler", "CountChunkHandler"]
