export * from './params';
export * from './convnet';
export * from './mlp';
export * from './batchNorm';
