import { PriceOrderHandler, ReceiveOrderHandler, ShipOrderHandler } from './order_flow/index.js';
import { CountChunkHandler } from './counting/count-chunk-handler.js';

export { ReceiveOrderHandler, PriceOrderHandler, ShipOrderHandler, CountChunkHandler };
export const ALL_EXAMPLE_HANDLERS = [ReceiveOrderHandler, PriceOrderHandler, ShipOrderHandler, CountChunkHandler];
