/** The stable, machine-readable error codes clients can rely on. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_VALUE: 400,
  UNSUPPORTED_FORMAT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALLOWLISTED: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An error a client may see: a code, a message and optional structured details. */
export class FanzhaError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'FanzhaError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }
}

/** One problem with one field or line of an input, reported without stopping the rest. */
export interface InputProblem {
  /** Line number (1-based), array index, or field path of the bad input. */
  at: string | number;
  code: string;
  reason: string;
}
