export * from './dataset';
export * from './batches';
export * from './shapes';
export * from './load';
