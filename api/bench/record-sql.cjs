// node -r ./api/bench/record-sql.cjs api/dist/main.js
// Appends every statement the server sends PostgreSQL through `pg` to the file
// in TPTM_RECORD_SQL, one JSON line each ({ name, text, values }; name for a
// named prepared statement): to see what a request runs. A benchmarking aid; never loaded by the server itself.
const { appendFileSync } = require('node:fs');
const pg = require('pg');
const file = process.env.TPTM_RECORD_SQL;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  if (file && text)
    appendFileSync(file, `${JSON.stringify({ name: config?.name, text, values: Array.isArray(values) ? values : config?.values })}\n`);
  return query.call(this, config, values, callback);
};
