import { createHash } from 'node:crypto';

/** Single-use tokens (invitations, self-report links) are stored only as their SHA-256. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
