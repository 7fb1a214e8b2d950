import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from './problem';
import { loggableError, toProblem } from './to-problem';

/** Renders every error, ours or the framework's, as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { body, headers, serverFault, reachedDatabase } = toProblem(exception);
    if (serverFault) request.log.error({ err: loggableError(exception), status: body.status }, 'request failed');
    else if (reachedDatabase) request.log.warn({ err: loggableError(exception), status: body.status }, 'database refused a value from the request');
    reply.status(body.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(body);
  }
}
