export * from './run';
export * from './trainer';
export * from './loop';
export * from './ema';
