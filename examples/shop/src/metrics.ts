import { Counter } from 'prom-client';

/** Orders placed, by outcome. */
export const ordersTotal = new Counter({
  name: 'shop_orders_total',
  help: 'Orders placed in the shop, by outcome.',
  labelNames: ['status'],
});
