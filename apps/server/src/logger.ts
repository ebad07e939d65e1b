import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

/**
 * Logs carry ids, never personal data: request URLs lose their query string (searches hold names), bodies and
 * headers are never logged, and any field named like personal data is censored if a developer logs it by mistake.
 */
export const loggerOptions = (level: string): LoggerOptions => ({
  level,
  redact: {
    paths: [
      'req.headers',
      'body',
      '*.firstName',
      '*.lastName',
      '*.preferredName',
      '*.dateOfBirth',
      '*.email',
      '*.phone',
      '*.address',
      '*.name',
      '*.password',
    ],
    censor: '[redacted]',
  },
  serializers: {
    req: (req: FastifyRequest) => ({ method: req.method, url: redactTokens(pathOnly(req.url)), id: req.id }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
});

export const pathOnly = (url: string): string => {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
};

/** Self-report link tokens open a youth's questionnaire without an account: they never reach the logs. */
export const redactTokens = (path: string): string => path.replace(/\/(self-report|r)\/[^/]+/, '/$1/[token]');
