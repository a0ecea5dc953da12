import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { FanzhaError } from '../domain/errors.js';

/** One reply shape for every error: `{ error: { code, message, details } }`, never a stack trace. */
export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof FanzhaError) {
    return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details ?? null } });
  }
  if (err instanceof ZodError) {
    const details = err.issues.map((i) => ({ at: i.path.join('.') || '(body)', code: i.code, reason: i.message }));
    return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: 'the request is not valid', details } });
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is too large', details: null } });
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return reply.status(415).send({ error: { code: 'UNSUPPORTED_FORMAT', message: fe.message, details: null } });
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, empty body with a JSON content type, …
    return reply.status(fe.statusCode).send({ error: { code: 'VALIDATION_FAILED', message: fe.message, details: null } });
  }
  request.log.error({ err }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'INTERNAL', message: 'internal error', details: null } });
}
