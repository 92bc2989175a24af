export * from './prometheus-client.js';
export * from './types.js';
export * from './phase.js';
export * from './connect.js';
export * from './usage.js';
export * from './alert-replay.js';
export * from './cardinality.js';
export * from './lint-online.js';
