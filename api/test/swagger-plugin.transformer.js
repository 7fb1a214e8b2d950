// Runs the @nestjs/swagger CLI plugin under ts-jest, as `nest build` does
// (options as in nest-cli.json), so tests see the spec the build produces.
// ts-jest hands transformers the Program it created first, which knows
// nothing of files compiled since; the plugin needs the current one to
// resolve controller return types, so it is asked for at each compile.
const plugin = require('@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 2,
  factory: (compiler, options) => plugin.before(options, compiler._languageService?.getProgram() ?? compiler.program),
};
