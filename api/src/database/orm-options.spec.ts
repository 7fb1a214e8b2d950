import { hasSeveralStatements } from './orm-options';

describe('hasSeveralStatements (which SQL the embedded database runs with exec)', () => {
  it.each([
    ['select 1', false],
    ['select 1;', false],
    ['select 1;  \n', false],
    ["select * from app_user where email = ';'", false],
    ["select * from app_user where email = 'a;b@example.com' limit 1", false],
    ["select 'it''s; fine'", false],
    ['select "odd;name" from t', false],
    ['select 1 -- a comment; with a semicolon', false],
    ['select 1 /* a; comment */', false],
    ['select $$ a; b $$', false],
    ['select 1; select 2', true],
    ['create table a (id int);\ncreate table b (id int);', true],
    [
      "create function f() returns trigger language plpgsql as $$ begin raise exception 'no'; end; $$;\ncreate trigger t before update on a for each row execute function f();",
      true,
    ],
  ])('%j → %s', (sql, several) => {
    expect(hasSeveralStatements(sql)).toBe(several);
  });
});
