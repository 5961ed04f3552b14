import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson, positionOf } from '../src/json-source.js';

describe('JSON an author edits', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parseJson('{"a": [1, "x", null]}', 'f.json')).toEqual({ a: [1, 'x', null] });
  });

  it('names the file, line and column of a syntax error, in words', () => {
    const text = '{\n  "a": 1,\n  "b": 2,\n}\n';
    expect(() => parseJson(text, 'i18n/en.json')).toThrow(JsonSyntaxError);
    expect(() => parseJson(text, 'i18n/en.json')).toThrow('i18n/en.json:4:1: invalid JSON: a property name in double quotes was expected (a trailing comma?)');
    expect(() => parseJson('{\n  "a": 1\n  "b": 2\n}', 'x.json')).toThrow('x.json:3:3: invalid JSON: a comma was expected');
    expect(() => parseJson('{"a": "open\n"}', 'y.json')).toThrow(/^y\.json:1:\d+: invalid JSON: /);
  });

  it('finds where the value at a JSON path starts', () => {
    const text = '{\n  "layer": [\n    {"mark": "bar"},\n    {"encoding": {"x": {"field": "yaer"}}}\n  ]\n}';
    expect(positionOf(text, ['layer', 1, 'encoding', 'x', 'field'])).toEqual({ line: 4, column: 34 });
    expect(positionOf(text, ['layer', 2])).toBeUndefined();
  });
});
