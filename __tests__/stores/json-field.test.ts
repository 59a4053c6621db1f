import { describe, expect, test } from '@jest/globals';
import { JsonFieldError, readField, writeField } from '../../src/stores/json-field.js';

describe('writeField', () => {
  test.each([
    ['a field among others', '{"a":1,"k":"old","b":2}', '{"a":1,"k":"new","b":2}'],
    ['spacing around the colon and comma', '{ "k" :  "old" , "b" : 2 }', '{ "k" :  "new" , "b" : 2 }'],
    ['escapes in the old value', '{"k":"o\\"l\\\\d","z":[1,"}"]}', '{"k":"new","z":[1,"}"]}'],
    ['a nested member of the same name', '{"n":{"k":"x"},"k":"old"}', '{"n":{"k":"x"},"k":"new"}'],
    ['an absent field', '{"a":1e400}', '{"a":1e400,"k":"new"}'],
    ['an empty object', '{ }', '{ "k":"new"}'],
  ])('rewrites only the value, with %s', (_what, before, after) => {
    expect(writeField(before, 'k', 'new')).toBe(after);
  });

  test.each([
    ['a duplicate field', '{"k":"a","k":"b"}', 'duplicate'],
    ['a number in the field', '{"k":1}', 'not-string'],
    ['an array', '["k"]', 'not-object'],
    ['broken JSON', '{"k":"a"', 'not-object'],
  ])('refuses %s', (_what, text, problem) => {
    let err: unknown;
    try {
      writeField(text, 'k', 'new');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JsonFieldError);
    expect((err as JsonFieldError).problem).toBe(problem);
  });

  test('encodes the new value as a JSON string', () => {
    expect(readField(writeField('{"k":"x"}', 'k', 'a"b\\c\n'), 'k')).toBe('a"b\\c\n');
  });
});
