export * from './dataset';
export * from './batches';
