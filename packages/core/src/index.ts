export * from './audit.ts';
export * from './common.ts';
export * from './errors.ts';
export * from './licence.ts';
export * from './org.ts';
export * from './people.ts';
export * from './roles.ts';
export * from './workflow/index.ts';
