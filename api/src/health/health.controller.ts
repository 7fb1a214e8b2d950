import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, MikroOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../authz/authenticated.decorator';
import { ApiProblem } from '../errors/problem.dto';
import { ProblemException } from '../errors/problem';
import { HealthResponse } from './dto/health.dto';

@ApiTags('Health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: MikroOrmHealthIndicator,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Whether this server can reach its database',
    description: 'For load balancers and uptime checks; needs no credentials.',
  })
  @ApiOkResponse({ type: HealthResponse, description: 'The server and its database are up.' })
  @ApiProblem(400, 'An unknown query parameter: this route takes none.')
  @ApiProblem(503, 'The database is not answering.')
  async getHealth(): Promise<HealthResponse> {
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: 1500 })]);
      return { status: 'ok' };
    } catch {
      throw new ProblemException('unavailable', 'The database is not answering.', undefined, { 'Retry-After': '5' });
    }
  }
}
