from .counting import count_start, count_total, route

__all__ = ["count_start", "route", "count_total"]
