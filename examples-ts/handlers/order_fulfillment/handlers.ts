// Order fulfillment: validate the order, reserve its stock, charge the card through the payment gateway's API, ship.
// A declined card fails for good (the gateway answers 402); a gateway that times out is tried again.
import { ApiHandler, PermanentError, StepContext, StepHandler } from '@tasker-systems/tasker';

interface OrderItem { sku: string; quantity: number; unit_price_cents: number }
interface ValidatedOrder {
  order_id: string; item_count: number; subtotal_cents: number; tax_cents: number; shipping_cents: number; total_cents: number;
}
interface Charge { id: string; status: string; amount_cents: number }

const TAX_RATE = 0.08;
const SHIPPING_CENTS: Record<string, number> = { standard: 599, express: 1999 };
const WAREHOUSES = ['AMS-1', 'BER-2', 'CHI-1'];

const shippingMethod = (context: StepContext): string =>
  context.getInput<{ method?: string }>('shipping')?.method ?? 'standard';

export class OrderValidateHandler extends StepHandler {
  call(context: StepContext): ValidatedOrder {
    const orderId = context.getInput<string>('order_id');
    const items = context.getInputOr<OrderItem[]>('items', []);
    const method = shippingMethod(context);
    if (!orderId) throw new PermanentError('order has no order_id');
    if (items.length === 0) throw new PermanentError(`order ${orderId} has no items`);
    if (!(method in SHIPPING_CENTS)) throw new PermanentError(`order ${orderId}: unknown shipping method '${method}'`);
    items.forEach((item, i) => {
      if (!Number.isInteger(item.quantity) || item.quantity <= 0) {
        throw new PermanentError(`order ${orderId}: items[${i}] (${item.sku}) needs a positive quantity`);
      }
    });
    const subtotal = items.reduce((sum, item) => sum + item.quantity * item.unit_price_cents, 0);
    const tax = Math.round(subtotal * TAX_RATE);
    const shipping = SHIPPING_CENTS[method];
    return {
      order_id: orderId, item_count: items.reduce((sum, item) => sum + item.quantity, 0), subtotal_cents: subtotal,
      tax_cents: tax, shipping_cents: shipping, total_cents: subtotal + tax + shipping,
    };
  }
}

export class OrderReserveInventoryHandler extends StepHandler {
  call(context: StepContext) {
    const orderId = context.getDependencyField<string>('validate_order', 'order_id');
    const reserved = context.getInput<OrderItem[]>('items')!.map((item) => ({
      sku: item.sku, quantity: item.quantity,
      warehouse: WAREHOUSES[[...item.sku].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % WAREHOUSES.length],
    }));
    return { reservation_id: `RES-${orderId}`, reserved };
  }
}

export class OrderChargePaymentHandler extends ApiHandler {
  call(context: StepContext) {
    const order = context.getDependencyResult<ValidatedOrder>('validate_order')!;
    const gateway = context.getInput<string>('payment_gateway_url') ?? context.getConfig<string>('gateway_url');
    try {
      const response = this.post(`${gateway}/v1/charges`, {
        amount_cents: order.total_cents, currency: 'USD', source: context.getInput<{ token: string }>('payment')!.token,
        description: `Order ${order.order_id}`,
      }, { headers: { 'Idempotency-Key': `charge-${order.order_id}` }, timeout: context.getConfig<number>('timeout_seconds') ?? 5 });
      const charge = response.body as unknown as Charge;
      return { charge_id: charge.id, status: charge.status, amount_cents: charge.amount_cents };
    } catch (e) {
      if (e instanceof PermanentError) {
        throw new PermanentError(`payment for order ${order.order_id} was declined: ${e.message}`, { errorCode: 'payment_declined' });
      }
      throw e;
    }
  }
}

export class OrderShipHandler extends StepHandler {
  call(context: StepContext) {
    const orderId = context.getDependencyField<string>('validate_order', 'order_id')!;
    const method = shippingMethod(context);
    this.logger.info(`shipping order ${orderId} (${method})`);
    return {
      order_id: orderId, carrier: 'UPS', service: method,
      tracking_number: '1Z' + orderId.replace(/\W/g, '').toUpperCase().padStart(12, '0'),
      estimated_delivery_days: method === 'express' ? 1 : 5,
      charge_id: context.getDependencyField<string>('charge_payment', 'charge_id'),
    };
  }
}
