// Logging anti-patterns obslint's log rules catch (examples/clean/src shows the same service done right).
import pino from 'pino';
import winston from 'winston';

const log = pino({ name: 'shop' }).child({ module: 'orders' });
const audit = winston.createLogger({ level: 'info' });

export interface LineItem {
  sku: string;
  quantity: number;
}

export function importOrders(items: LineItem[], apiKey: string): void {
  for (const item of items) {
    log.info({ sku: item.sku }, 'importing line item');
  }
  log.info({ apiKey, count: items.length }, 'orders imported');
  audit.info('import finished', { [`count_${items.length}`]: true });
}

export function refund(orderId: string, amount: number): void {
  try {
    issueRefund(orderId, amount);
  } catch (err) {
    log.error('refund failed', err);
    audit.error(`refund of ${orderId} failed: ${err}`);
  }
  console.log('refund done');
}

function issueRefund(orderId: string, amount: number): void {
  if (amount <= 0) throw new Error(`nothing to refund on ${orderId}`);
}
