// Jest's transform for the API: SWC for every file (no type information, so no
// type-checking in Jest: `npm run typecheck` does that), except the files the
// @nestjs/swagger plugin rewrites in `nest build` (DTOs and controllers), which
// get the plugin's output that the global setup compiled with tsc
// (test/support/swagger-plugin-output.ts) — as long as that output was
// compiled from exactly this source.
const { createHash } = require('node:crypto');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const swcJest = require('@swc/jest');

const PLUGIN_OUTPUT_FILE = join(__dirname, '..', '..', '.cache', 'swagger-plugin', 'output.json');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');

module.exports = {
  createTransformer(swcOptions) {
    const swc = swcJest.createTransformer(swcOptions);
    let output;
    const pluginOutput = (source, filename) => {
      // Read once per worker: the global setup has written it before any worker starts.
      output ??= existsSync(PLUGIN_OUTPUT_FILE) ? JSON.parse(readFileSync(PLUGIN_OUTPUT_FILE, 'utf8')) : { files: {} };
      const file = output.files[filename];
      return file && file.source === sha256(source) ? file.code : undefined;
    };
    return {
      canInstrument: false,
      process(source, filename, options) {
        const code = pluginOutput(source, filename);
        return code === undefined ? swc.process(source, filename, options) : { code };
      },
      getCacheKey(source, filename, options) {
        const code = pluginOutput(source, filename);
        const key = swc.getCacheKey(source, filename, options);
        return code === undefined ? key : sha256(`${key}\0swagger-plugin\0${code}`);
      },
    };
  },
};
