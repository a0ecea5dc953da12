/** The API from the browser: the token lives in sessionStorage and goes in the Authorization header, never the URL. */
const TOKEN_KEY = 'fanzha.token';

export interface Me {
  role: string;
  name: string;
  scope: string | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/** What to show the user for a failed call: the API's message, or the error itself. */
export const errorText = (err: unknown): string => (err instanceof ApiError ? err.message : String(err));

export const token = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (t: string): void => sessionStorage.setItem(TOKEN_KEY, t),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const t = token.get();
  return t ? { ...extra, authorization: `Bearer ${t}` } : extra;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; anonymous?: boolean } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.anonymous ? (init.body === undefined ? {} : { 'content-type': 'application/json' }) : headers(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: { code: string; message: string; details: unknown } };
  if (!res.ok) throw new ApiError(res.status, data.error?.code ?? 'HTTP_ERROR', data.error?.message ?? res.statusText, data.error?.details);
  return data as T;
}

/**
 * Server-sent events over fetch, so that the bearer token travels in a header (EventSource cannot send one).
 * Calls `onEvent` per event until `signal` aborts; reconnects after a dropped connection.
 */
export async function stream(path: string, onEvent: (type: string, data: unknown) => void, signal: AbortSignal, onOpen?: () => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      onOpen?.();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let type = 'message';
          let data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith('event:')) type = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) onEvent(type, JSON.parse(data));
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export const yuan = (fen: number): string => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
