import pino from 'pino';

const logger = pino({ name: 'checkout' });

export interface Order {
  id: string;
  userId: string;
  total: number;
}

export async function checkout(order: Order): Promise<boolean> {
  logger.info({ orderId: order.id }, 'checkout started');
  try {
    await charge(order);
    logger.info({ orderId: order.id }, 'order charged');
    return true;
  } catch (err) {
    logger.error({ err, orderId: order.id }, 'charge failed');
    return false;
  }
}

async function charge(order: Order): Promise<void> {
  if (order.total <= 0) throw new Error('nothing to charge');
}
