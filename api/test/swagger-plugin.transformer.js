// Runs the @nestjs/swagger CLI plugin under ts-jest, as `nest build` does
// (options as in nest-cli.json), so tests see the spec the build produces.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (compiler, options) => plugin.before(options, compiler.program),
};
