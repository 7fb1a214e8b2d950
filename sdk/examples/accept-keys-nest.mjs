// A NestJS service that accepts TPTM API keys from its own callers, with a guard.
//
//   TPTM_SERVICE_TOKEN=tptm_svc_… node examples/accept-keys-nest.mjs
//
// In TypeScript, the same as decorators:
//   @Controller() class HelloController { @Get('hello') @RequireTptmPermissions('audit:read') hello(@Req() request) {…} }
//   app.useGlobalGuards(new TptmApiKeyGuard(auth));
import 'reflect-metadata';
import { Controller, Get, Module, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { TptmApiKeyGuard, tptmApiKeyAuth } from '@tptm/sdk';

class HelloController {
  hello(request) {
    return { hello: request.tptmKey.organization.name, key: request.tptmKey.apiKey.name };
  }
}
Controller()(HelloController);
Get('hello')(HelloController.prototype, 'hello', Object.getOwnPropertyDescriptor(HelloController.prototype, 'hello'));
Req()(HelloController.prototype, 'hello', 0);
Reflect.defineMetadata('design:paramtypes', [Object], HelloController.prototype, 'hello');

class AppModule {}
Module({ controllers: [HelloController] })(AppModule);

const auth = tptmApiKeyAuth({
  baseUrl: process.env.TPTM_URL ?? 'http://localhost:3000',
  serviceToken: process.env.TPTM_SERVICE_TOKEN,
  logger: { warn: (message) => console.error(message) },
});
const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
app.useGlobalGuards(new TptmApiKeyGuard(auth));
await app.listen(Number(process.env.PORT ?? 4000), '127.0.0.1');
console.log(`listening on ${await app.getUrl()}`);
process.once('SIGTERM', () => {
  auth.close();
  void app.close();
});
