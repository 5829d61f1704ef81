"""Conditional approval: a decision picks the approvals an amount needs; the final step waits for those that exist.

under 1,000: auto_approve; 1,000 up to 5,000: manager_approval; 5,000 and more: manager_approval + finance_review
"""
from typing import Any

from tasker_core import DecisionHandler, PermanentError, StepContext, StepHandler, StepHandlerResult

APPROVALS = ("auto_approve", "manager_approval", "finance_review")


class ValidateRequestHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        amount = context.get_input("amount")
        if isinstance(amount, bool) or not isinstance(amount, (int, float)) or amount <= 0:
            raise PermanentError(f"amount must be a positive number, got {amount!r}")
        return {"amount": amount, "requester": context.get_input_or("requester", "unknown")}


class RoutingDecisionHandler(DecisionHandler):
    def call(self, context: StepContext) -> StepHandlerResult:
        amount = context.get_dependency_field("validate_request", "amount")
        if amount < 1000:
            steps = ["auto_approve"]
        elif amount < 5000:
            steps = ["manager_approval"]
        else:
            steps = ["manager_approval", "finance_review"]
        return self.decision_success(steps, {"amount": amount})


class ApproveHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        return {"approved": True, "approver": context.get_config("approver"),
                "amount": context.get_dependency_field("validate_request", "amount")}


class FinalizeApprovalHandler(StepHandler):
    def call(self, context: StepContext) -> dict[str, Any]:
        decisions = [d for d in (context.get_dependency_result(step) for step in APPROVALS) if d is not None]
        return {"approved": all(d["approved"] for d in decisions), "approvers": [d["approver"] for d in decisions]}
