import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cookie sessions need a CSRF defence: state-changing API calls must carry a custom header (which a cross-site
 * form cannot send, and a cross-site script cannot send without a CORS pre-flight this server never grants),
 * and a browser's Origin, when present, must be one of ours.
 */
export const registerCsrf = (app: FastifyInstance, trustedOrigins: string[]) => {
  app.addHook('onRequest', async (req) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/v1')) return;
    if (req.headers['x-requested-with']?.toString().toLowerCase() !== 'mentorbridge') {
      throw new AppError(403, 'CSRF_REJECTED', 'Missing the X-Requested-With: mentorbridge header');
    }
    const origin = req.headers.origin;
    if (origin && !trustedOrigins.includes(origin)) {
      throw new AppError(403, 'CSRF_REJECTED', 'Requests from this origin are not accepted');
    }
  });
};
