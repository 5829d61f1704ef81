// Conditional approval: a decision picks the approvals an amount needs; the final step waits for those that exist.
//   under 1,000: auto_approve; 1,000 up to 5,000: manager_approval; 5,000 and more: manager_approval + finance_review
import { DecisionHandler, PermanentError, StepContext, StepHandler, StepResultSuccess } from '@tasker-systems/tasker';

interface Approval { approved: boolean; approver: string; amount: number }

const APPROVALS = ['auto_approve', 'manager_approval', 'finance_review'];

export class ApprovalValidateRequestHandler extends StepHandler {
  call(context: StepContext) {
    const amount = context.getInput<number>('amount');
    if (typeof amount !== 'number' || !(amount > 0)) {
      throw new PermanentError(`amount must be a positive number, got ${JSON.stringify(amount)}`);
    }
    return { amount, requester: context.getInputOr('requester', 'unknown') };
  }
}

export class ApprovalRoutingDecisionHandler extends DecisionHandler {
  call(context: StepContext): StepResultSuccess {
    const amount = context.getDependencyField<number>('validate_request', 'amount')!;
    const steps = amount < 1000 ? ['auto_approve'] : amount < 5000 ? ['manager_approval'] : ['manager_approval', 'finance_review'];
    return this.decisionSuccess(steps, { amount });
  }
}

export class ApprovalApproveHandler extends StepHandler {
  call(context: StepContext): Approval {
    return {
      approved: true, approver: context.getConfig<string>('approver')!,
      amount: context.getDependencyField<number>('validate_request', 'amount')!,
    };
  }
}

export class ApprovalFinalizeHandler extends StepHandler {
  call(context: StepContext) {
    const decisions = APPROVALS.map((step) => context.getDependencyResult<Approval>(step)).filter((d): d is Approval => d !== null);
    return { approved: decisions.every((d) => d.approved), approvers: decisions.map((d) => d.approver) };
  }
}
