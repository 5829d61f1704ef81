import { StepHandler } from '../../../../../src/handler/base.js';
import type { StepContext } from '../../../../../src/types/step-context.js';
import { StepHandlerResult } from '../../../../../src/types/step-handler-result.js';
import { ErrorType } from '../../../../../src/types/error-type.js';

interface OrderLine {
  qty: number;
  unit_cents: number;
}

export class ReceiveOrderHandler extends StepHandler {
  static handlerName = 'OrderFlow.StepHandlers.ReceiveOrderHandler';

  async call(context: StepContext): Promise<StepHandlerResult> {
    const order = context.getInput<{ id: string; lines?: OrderLine[] }>('order');
    if (!order?.lines?.length) {
      return this.failure('order has no lines', ErrorType.PERMANENT_ERROR, false, { order_id: order?.id });
    }
    const total = order.lines.reduce((sum, line) => sum + line.qty * line.unit_cents, 0);
    return StepHandlerResult.success({ order_id: order.id, total_cents: total, missing: context.getInput('nope') === undefined });
  }
}

export class PriceOrderHandler extends StepHandler {
  static handlerName = 'OrderFlow.StepHandlers.PriceOrderHandler';

  async call(context: StepContext): Promise<StepHandlerResult> {
    const total = context.getDependencyField('receive_order_ts', 'total_cents') as number;
    const rate = context.getConfig<number>('tax_percent') ?? 0;
    return this.success({ total_cents: total, tax_cents: Math.floor((total * rate) / 100), retries: context.retryCount });
  }
}

export class ShipOrderHandler extends StepHandler {
  static handlerName = 'OrderFlow.StepHandlers.ShipOrderHandler';

  async call(_context: StepContext): Promise<StepHandlerResult> {
    return this.success({ invoked: 'call' });
  }

  async ship(context: StepContext): Promise<StepHandlerResult> {
    const price = context.getDependencyResult('price_order_ts') as { total_cents: number; tax_cents: number };
    return this.success({ invoked: 'ship', grand_total: price.total_cents + price.tax_cents,
      order_id: context.getDependencyField('receive_order_ts', 'order_id') });
  }
}
