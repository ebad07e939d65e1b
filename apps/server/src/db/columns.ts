import { integer, timestamp } from 'drizzle-orm/pg-core';

/** Column shapes every table uses the same way. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).defaultNow().notNull();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).defaultNow().notNull();
/** Optimistic concurrency: each change names the version it read. */
export const version = () => integer('version').default(1).notNull();
