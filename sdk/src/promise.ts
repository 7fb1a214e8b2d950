import type { TptmRateLimit } from './errors.js';

/** A successful answer with what came beside its body: `await client.me.getMe().withResponse()`. */
export interface TptmResponse<T> {
  /** The parsed body, as the call itself resolves to. */
  data: T;
  /** The HTTP status (200, 201, 204, …). */
  status: number;
  /** The response headers, names in lower case. */
  headers: Readonly<Record<string, string>>;
  /** The server's `X-Request-Id` for this request, to quote to support; null when the answer had none. */
  requestId: string | null;
  /** An API key's rate limit after this request, from the `RateLimit-Policy` and `RateLimit` headers; null for a key without one (and for console users). */
  rateLimit: TptmRateLimit | null;
  /** True when the server answered a retried POST, PATCH, PUT or DELETE from its first run (`Idempotent-Replayed: true`), so it ran once. */
  replayed: boolean;
}

/**
 * What every call returns: a plain Promise of the body, plus `withResponse()`
 * for the status, headers, request id and rate limit of the same call (one
 * request either way). A Promise rather than a cancelable one: a call is
 * stopped with the `signal` call option, as `fetch` is.
 */
export class TptmPromise<T> extends Promise<T> {
  readonly #response: Promise<TptmResponse<T>>;
  #data: Promise<T> | undefined;

  constructor(response: Promise<TptmResponse<T>>) {
    // The Promise itself never settles on its own: `then` answers from the response instead.
    super((resolve) => resolve(undefined as T));
    this.#response = response;
  }

  /** `then` and friends on what they return make plain Promises. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The body with the response's status, headers, request id and rate limit. */
  withResponse(): Promise<TptmResponse<T>> {
    return this.#response;
  }

  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#value().then(onFulfilled, onRejected);
  }

  override catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#value().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#value().finally(onFinally);
  }

  // Made on first use only: a caller who takes `withResponse()` leaves no second, unhandled rejection behind.
  #value(): Promise<T> {
    return (this.#data ??= this.#response.then((response) => response.data));
  }
}
