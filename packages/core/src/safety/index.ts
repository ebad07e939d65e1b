export * from './enums.ts';
export * from './api-safety.ts';
export * from './check-in-rules.ts';
export * from './mandated-report-timing.ts';
