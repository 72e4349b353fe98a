export * from './allocate';
export * from './largest-remainder';
export * from './packing';
