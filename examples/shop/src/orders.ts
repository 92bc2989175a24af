import { ordersTotal } from './metrics.js';

export type OrderStatus = 'completed' | 'failed';

export interface Order {
  id: string;
  total: number;
}

export async function placeOrder(order: Order, charge: (o: Order) => Promise<void>): Promise<OrderStatus> {
  try {
    await charge(order);
    ordersTotal.inc({ status: 'completed' });
    return 'completed';
  } catch {
    ordersTotal.inc({ status: 'failed' });
    return 'failed';
  }
}
