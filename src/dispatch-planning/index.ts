export * from './currency';
export * from './emissions';
export * from './packing';
export * from './receipts';
export * from './rounding';
export * from './routing';
export * from './settlement';
