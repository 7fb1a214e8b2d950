import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemException } from './problem';
import { toProblem } from './to-problem';

/**
 * Fastify answers a URL it cannot decode, or a path parameter over the
 * router's limit, before any route or Nest filter runs, in its own JSON that
 * quotes the URL back (an API key pasted into a path included). This renders
 * them as every other error.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { body, headers } = toProblem(error);
  void reply.code(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
}

/**
 * Requests Node's HTTP parser rejects (headers over its size limit, a
 * request that does not parse, a client too slow to send its headers) never
 * become requests at all: the answer is written to the socket directly, as a
 * problem, and the connection closed.
 */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new ProblemException('headersTooLarge', 'The request line and headers are too large; send a shorter URL and fewer or smaller headers.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new ProblemException('requestTimeout', 'The request took too long to arrive.')
        : new ProblemException('validation', 'The request is not valid HTTP/1.1.');
  const body = JSON.stringify(problem.toBody());
  this.log.debug({ err: { type: error.name, code: error.code }, status: problem.status }, 'client error');
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${problem.toBody().title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
