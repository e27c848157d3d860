import {
  type FieldError,
  type FieldErrorCode,
  fieldMessage,
  type Lang,
  PROBLEMS,
  type ProblemCode,
  pickLang,
  problemMessage,
} from '@hexie/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

export interface FieldProblem {
  field: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** An error the client may see: a stable problem code, and for validation the fields at fault. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly options: {
      params?: Record<string, string | number>;
      fields?: FieldProblem[];
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.status = PROBLEMS[code].status;
  }
}

export const notFound = () => new AppError('not_found');
export const forbidden = () => new AppError('forbidden');
/** A validation failure naming several fields (dotted paths for nested ones: `applicant.idNumber`). */
export function invalidFields(problems: readonly FieldProblem[]): AppError {
  return new AppError('validation_failed', { fields: [...problems] });
}

/** A unique index refused the row (a code, a name or a person already registered). */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505';
}

export function invalid(field: string, code: FieldErrorCode, params?: Record<string, string | number>): AppError {
  return new AppError('validation_failed', { fields: [{ field, code, ...(params ? { params } : {}) }] });
}

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

function problemBody(req: FastifyRequest, err: AppError, lang: Lang): ProblemBody {
  const detail = problemMessage(err.code, lang, { requestId: req.id, ...err.options.params });
  const body: ProblemBody = {
    type: `/api/docs#problem-${err.code}`,
    title: err.code,
    status: err.status,
    code: err.code,
    detail,
    instance: req.url.split('?')[0] ?? req.url,
    requestId: req.id,
  };
  if (err.options.fields) {
    const labels = req.routeOptions?.config?.fieldLabels;
    body.errors = err.options.fields.map((f) => ({
      field: f.field,
      code: f.code,
      message: fieldMessage(f.code, f.field, lang, f.params, labels),
    }));
  }
  return body;
}

export function sendProblem(req: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  const lang = pickLang(req.headers['accept-language']);
  if (err.options.headers) reply.headers(err.options.headers);
  return reply
    .code(err.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang)
    .send(problemBody(req, err, lang));
}

function valueAt(root: unknown, path: string[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Zod issues (through fastify-type-provider-zod) -> our field codes. */
function fromSchemaValidation(
  req: FastifyRequest,
  context: string | undefined,
  issues: { keyword: string; instancePath: string; params: Record<string, unknown> }[],
): FieldProblem[] {
  const source = context === 'querystring' ? req.query : context === 'params' ? req.params : req.body;
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    const path = issue.instancePath.split('/').filter(Boolean);
    const field = path.join('.') || context || 'body';
    const p = issue.params;
    switch (issue.keyword) {
      case 'invalid_type':
        out.push({ field, code: path.length && valueAt(source, path) === undefined ? 'required' : 'invalid_type' });
        break;
      case 'too_small': {
        const min = Number(p.minimum ?? 0);
        if (p.origin === 'string') out.push({ field, code: min <= 1 ? 'required' : 'too_short', params: { min } });
        else out.push({ field, code: 'too_small', params: { min } });
        break;
      }
      case 'too_big': {
        const max = Number(p.maximum ?? 0);
        out.push({ field, code: p.origin === 'string' ? 'too_long' : 'too_big', params: { max } });
        break;
      }
      case 'unrecognized_keys':
        for (const key of (p.keys as string[] | undefined) ?? []) {
          out.push({ field: [...path, key].join('.'), code: 'unknown_field' });
        }
        break;
      case 'invalid_format':
        out.push({ field, code: 'invalid_format' });
        break;
      default:
        out.push({ field, code: 'invalid_value' });
    }
  }
  return out;
}

/** The one error handler: every error leaves as problem+json; nothing internal reaches the client. */
export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'request failed');
    return sendProblem(req, reply, err);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = fromSchemaValidation(req, (err as FastifyError).validationContext, err.validation);
    return sendProblem(req, reply, new AppError('validation_failed', { fields }));
  }
  const status = (err as FastifyError).statusCode ?? 500;
  if (status === 413) return sendProblem(req, reply, new AppError('payload_too_large'));
  if (status === 429) {
    const seconds = Number(reply.getHeader('retry-after') ?? 60);
    return sendProblem(req, reply, new AppError('rate_limited', { params: { seconds } }));
  }
  if (status >= 400 && status < 500) {
    req.log.info({ code: (err as FastifyError).code }, 'bad request');
    return sendProblem(req, reply, new AppError('bad_request'));
  }
  req.log.error({ err }, 'request failed');
  return sendProblem(req, reply, new AppError('internal_error'));
}
