import { Controller, Get, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ApiKeyAuthGuard } from '../auth/api-keys/api-key-auth.guard';
import { JwtAuthGuard } from '../auth/jwt-auth.guard';
import { SessionsService } from '../auth/sessions.service';
import { ServiceTokenAuth } from '../auth/service-tokens/service-token-auth';
import { ProblemFilter } from '../errors/problem.filter';
import { AccessGuard } from './access.guard';
import { Public } from './authenticated.decorator';
import { OrganizationAccessService } from './organization-access.service';

@Controller('probe')
class ProbeController {
  @Get('forgotten')
  forgotten() {
    return { secret: 'should never be served' };
  }

  @Get('open')
  @Public()
  open() {
    return { ok: true };
  }
}

const never = () => {
  throw new Error('must not be called');
};

@Module({
  controllers: [ProbeController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: JwtAuthGuard, useValue: { canActivate: never } },
    { provide: ApiKeyAuthGuard, useValue: { authenticate: never } },
    { provide: OrganizationAccessService, useValue: { resolve: never } },
    { provide: SessionsService, useValue: { isActive: never } },
    { provide: ServiceTokenAuth, useValue: { authenticate: never } },
  ],
})
class ProbeModule {}

describe('AccessGuard', () => {
  let app: NestFastifyApplication;
  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ProbeModule, new FastifyAdapter(), { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());

  it('refuses a route that declares no access policy, so a forgotten decorator cannot open it', async () => {
    const response = await request(app.getHttpServer()).get('/probe/forgotten');
    expect(response.status).toBe(401);
    expect(response.text).not.toContain('should never be served');
  });

  it('opens a route declared @Public without touching authentication', async () => {
    await request(app.getHttpServer()).get('/probe/open').expect(200, { ok: true });
  });
});
