export * from './attributes';
export * from './kinds';
export * from './rules';
export * from './signing';
