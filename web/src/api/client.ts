import { type FieldError, format, type Lang, type Messages } from '@hexie/core';

/**
 * The one HTTP client of the web app. Same origin, session cookie; it adds the CSRF token on every
 * state-changing request and Accept-Language on every request (the server localises its messages),
 * and turns every failure into an ApiError carrying the server's problem+json.
 */

/** application/problem+json as the API sends it. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
  /** The session is gone: sign in again (and come back). */
  get isSessionLost(): boolean {
    return this.status === 401 && (this.code === 'session_expired' || this.code === 'unauthenticated');
  }
}

/** Failures that never reached the API's error handler. */
const CLIENT_PROBLEMS = {
  network_error: {
    'zh-CN': '无法连接到服务器，请检查网络后重试。',
    'en-US': 'Cannot reach the server. Check your network and try again.',
  },
  unexpected_response: {
    'zh-CN': '服务器返回了意外的响应（HTTP {status}），请稍后重试。',
    'en-US': 'The server sent an unexpected response (HTTP {status}). Please try again later.',
  },
  download_broken: {
    'zh-CN': '文件下载中断，未能完整接收，请重试。',
    'en-US': 'The download was interrupted before the file was complete. Please try again.',
  },
} satisfies Record<string, Messages>;

let csrfToken: string | null = null;
let language: Lang = 'zh-CN';

/** Kept in memory only, from /auth/login and /auth/me. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setApiLanguage(lang: Lang): void {
  language = lang;
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  /** a multipart body (an upload): sent as is, with the CSRF header like any unsafe request */
  form?: FormData | undefined;
  signal?: AbortSignal | undefined;
}

function urlOf(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `/api/v1${path}?${qs}` : `/api/v1${path}`;
}

async function problemOf(res: Response): Promise<Problem> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await res.json()) as Partial<Problem>;
      if (typeof body.detail === 'string' && typeof body.code === 'string') {
        return {
          status: res.status,
          code: body.code,
          detail: body.detail,
          ...(body.requestId ? { requestId: body.requestId } : {}),
          ...(body.errors ? { errors: body.errors } : {}),
        };
      }
    } catch {
      // fall through to the generic message
    }
  }
  const requestId = res.headers.get('x-request-id') ?? undefined;
  return {
    status: res.status,
    code: 'unexpected_response',
    detail: format(CLIENT_PROBLEMS.unexpected_response[language], { status: res.status }),
    ...(requestId ? { requestId } : {}),
  };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.form ? { body: options.form } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network_error', detail: CLIENT_PROBLEMS.network_error[language] });
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  upload: <T>(path: string, file: File, query?: QueryParams) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<T>('POST', path, { form, query });
  },
};

/** The address of an API path with a query (downloads: the browser fetches it with the session cookie). */
export function apiUrl(path: string, query?: QueryParams): string {
  return urlOf(path, query);
}

/** The name a download asks for: RFC 5987 filename* (UTF-8, a Chinese name) first, then the plain filename. */
export function fileNameOf(contentDisposition: string | null): string | null {
  if (!contentDisposition) return null;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(contentDisposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(contentDisposition)?.[1] ?? null;
}

/**
 * A file from the API (an export) as a Blob, with the name the server gave it. Unlike a plain link, a refusal
 * (too many rows, no permission, session gone) arrives as an ApiError with the server's message; a body cut off
 * midway (the server stopped the export) is an ApiError with code `download_broken`.
 */
export async function downloadFile(
  path: string,
  query?: QueryParams,
  signal?: AbortSignal,
): Promise<{ blob: Blob; fileName: string | null }> {
  let res: Response;
  try {
    res = await fetch(urlOf(path, query), {
      headers: { 'accept-language': language },
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'network_error', detail: CLIENT_PROBLEMS.network_error[language] });
  }
  if (!res.ok) throw new ApiError(await problemOf(res));
  try {
    return { blob: await res.blob(), fileName: fileNameOf(res.headers.get('content-disposition')) };
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'download_broken', detail: CLIENT_PROBLEMS.download_broken[language] });
  }
}

/** Server field errors -> antd form.setFields entries (the server names fields as the form does). */
export function fieldErrorsOf(err: unknown): { name: string; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const e of err.problem.errors ?? []) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  return [...byField].map(([name, errors]) => ({ name, errors }));
}

/**
 * The errors of a form's own fields: a nested server field (`tags.3`) is its form field (`tags`); fields the
 * form does not have are left out (the page shows those in its alert).
 */
export function formFieldErrors(err: unknown, fields: ReadonlySet<string>): { name: string; errors: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const f of fieldErrorsOf(err)) {
    const name = f.name.split('.')[0] ?? f.name;
    if (fields.has(name)) byField.set(name, [...(byField.get(name) ?? []), ...f.errors]);
  }
  return [...byField].map(([name, errors]) => ({ name, errors }));
}
