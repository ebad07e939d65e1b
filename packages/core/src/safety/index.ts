export * from './enums.ts';
export * from './api-alerts.ts';
