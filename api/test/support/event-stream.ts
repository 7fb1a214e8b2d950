import { request as httpRequest, IncomingHttpHeaders } from 'node:http';

export interface StreamEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface OpenedStream {
  status: number;
  headers: IncomingHttpHeaders;
  events: StreamEvent[];
  comments: string[];
  /** The body so far (for an error answer, all of it once `ended`). */
  text: string;
  ended: Promise<void>;
  /** The first event (from the start) that `matches`, waiting for it up to `timeoutMs`. */
  next(matches: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  /** Resolves once at least `count` comment lines arrived. */
  comment(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/**
 * A Server-Sent Events client for tests: answers as soon as the headers
 * arrive (a stream never ends on its own), then collects events as they come.
 */
export function openEventStream(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<OpenedStream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      const waiters = new Set<() => void>();
      let buffer = '';
      let endedResolve: () => void;
      const ended = new Promise<void>((r) => (endedResolve = r));
      const stream: OpenedStream = {
        status: res.statusCode!,
        headers: res.headers,
        events: [],
        comments: [],
        text: '',
        ended,
        next(matches, timeoutMs = 5_000) {
          return waitFor(() => stream.events.find(matches), timeoutMs, 'event');
        },
        async comment(count, timeoutMs = 5_000) {
          await waitFor(() => (stream.comments.length >= count ? true : undefined), timeoutMs, `${count} comments`);
        },
        close() {
          req.destroy();
          res.destroy();
        },
      };
      function waitFor<T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
        return new Promise((ok, fail) => {
          const check = () => {
            const value = found();
            if (value === undefined) return false;
            clearTimeout(timer);
            waiters.delete(check);
            ok(value);
            return true;
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            fail(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(stream.events)}`));
          }, timeoutMs);
          if (!check()) waiters.add(check);
        });
      }
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.text += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: StreamEvent = { id: undefined, event: 'message', data: '' };
          let isEvent = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) {
              event.event = line.slice(7);
              isEvent = true;
            } else if (line.startsWith('data: ')) {
              event.data += line.slice(6);
              isEvent = true;
            }
          }
          if (isEvent) stream.events.push(event);
        }
        for (const waiter of [...waiters]) waiter();
      });
      res.on('end', () => endedResolve());
      res.on('close', () => endedResolve());
      res.on('error', () => endedResolve());
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

export interface StreamStart {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  body: Record<string, unknown>;
}

/**
 * One request that may open an event stream: the answer whole, or for a
 * stream its headers and first chunk, after which the connection is closed
 * (a stream never ends on its own). For suites that call every route.
 */
export function requestStreamStart(url: string, method: string, headers: Record<string, string>, body?: string): Promise<StreamStart> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      let text = '';
      let settled = false;
      const finish = () => {
        if (settled) return;
        settled = true;
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // Not JSON: an event stream, or no body.
        }
        resolve({ status: res.statusCode!, headers: res.headers, text, body: parsed });
      };
      const streaming = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (streaming) {
          finish();
          res.destroy();
        }
      });
      res.on('end', finish);
      res.on('close', finish);
    });
    req.on('error', reject);
    req.end(body);
  });
}
