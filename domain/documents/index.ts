export * from './attributes';
export * from './kinds';
export * from './numbering';
export * from './rules';
export * from './signing';
export * from './length';
export * from './policy';
