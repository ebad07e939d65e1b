export * from './billing.ts';
export * from './dates.ts';
export * from './eligibility.ts';
export * from './gates.ts';
export * from './retention.ts';
export * from './rule-set.ts';
export * from './timers.ts';
