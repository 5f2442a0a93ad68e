export * from './knobs';
export * from './datasets';
export * from './globalKnobs';
export * from './methods';
export * from './schema';
export * from './url';
