import pino from 'pino';

const logger = pino({ name: 'checkout' });

export interface Order {
  id: string;
  userId: string;
  total: number;
}

export async function checkout(order: Order): Promise<void> {
  logger.info(`checkout started for order ${order.id}`);
  try {
    await charge(order);
    logger.info({ orderId: order.id }, 'order charged');
  } catch (err) {
    logger.error('charge failed for user ' + order.userId);
    throw err;
  }
}

async function charge(order: Order): Promise<void> {
  if (order.total <= 0) throw new Error('nothing to charge');
}
