export * from './step_handlers/order-flow-handlers.js';
