import fc from 'fast-check';
import { assertSupportedSchema, checkFormat, compileSchema, validate, type JsonSchema } from './json-schema.js';

const schema: JsonSchema = {
  type: 'object',
  required: ['id', 'kind', 'tags'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: ['a', 'b'] },
    count: { type: 'integer' },
    ratio: { type: 'number' },
    at: { type: 'string', format: 'date-time' },
    on: { type: 'string', format: 'date' },
    winner: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } } },
  },
};
const valid = { id: '0b7c3a8e-2f0e-4c7a-9d55-3f1f0c1e2a6b', kind: 'a', count: 3, ratio: 0.5, at: '2025-01-02T03:04:05.678Z', on: '2024-02-29', winner: null, tags: [{ name: 'x' }] };

describe('the tiny JSON Schema validator', () => {
  it('accepts a valid value', () => {
    expect(validate(schema, valid)).toEqual([]);
    expect(validate(schema, { ...valid, winner: 'imatra', ratio: 2 })).toEqual([]);
  });

  it('names every problem with its JSON pointer', () => {
    const errors = validate(schema, { id: 'nope', kind: 'c', count: 1.5, at: '2025-01-02 03:04', on: '2025-02-29', winner: 3, tags: [{ name: 'x', extra: 1 }, {}], surname: 'Virtanen' });
    expect(errors.map((e) => e.path).sort()).toEqual(['/at', '/count', '/id', '/kind', '/on', '/surname', '/tags/0/extra', '/tags/1/name', '/winner'].sort());
    expect(errors.find((e) => e.path === '/surname')!.message).toMatch(/additionalProperties/);
  });

  it('reports missing required properties and wrong root types', () => {
    expect(validate(schema, {}).map((e) => e.path)).toEqual(['/id', '/kind', '/tags']);
    expect(validate(schema, [])).toEqual([{ path: '', message: 'must be of type object (is array)' }]);
    expect(validate(schema, null)[0].message).toMatch(/is null/);
  });

  it('checks the formats it supports strictly', () => {
    expect(checkFormat('date-time', '2025-12-31T23:59:59Z')).toBe(true);
    expect(checkFormat('date-time', '2025-12-31T23:59:59+02:00')).toBe(true);
    expect(checkFormat('date-time', '2025-12-31T23:59:59')).toBe(false); // no time zone
    expect(checkFormat('date-time', '2025-13-01T00:00:00Z')).toBe(false);
    expect(checkFormat('date', '2023-02-29')).toBe(false);
    expect(checkFormat('date', '2000-02-29')).toBe(true);
    expect(checkFormat('uuid', 'not-a-uuid')).toBe(false);
  });

  it('refuses schemas outside the subset instead of ignoring what it cannot check', () => {
    expect(() => assertSupportedSchema({ type: 'string', minLength: 3 } as JsonSchema)).toThrow(/unsupported keyword "minLength"/);
    expect(() => assertSupportedSchema({ type: 'object', additionalProperties: true } as unknown as JsonSchema)).toThrow(/additionalProperties may only be false/);
    expect(() => assertSupportedSchema({ type: 'object', required: ['a'], properties: {} })).toThrow(/required "a"/);
    expect(() => assertSupportedSchema({ type: 'string', format: 'email' } as unknown as JsonSchema)).toThrow(/unsupported format/);
    expect(() => assertSupportedSchema(schema)).not.toThrow();
  });

  it('compiles a schema into a predicate that agrees with the validator on every value', () => {
    const compiled = compileSchema(schema);
    expect(compiled(valid)).toBe(true);
    for (const broken of [{ ...valid, id: 'nope' }, { ...valid, kind: 'c' }, { ...valid, count: 1.5 }, { ...valid, on: '2025-02-29' }, { ...valid, tags: [{}] }, { ...valid, surname: 'V' }, [], null, 'x']) {
      expect({ broken, valid: compiled(broken) }).toEqual({ broken, valid: false });
    }
    // Values close to the schema: each property left out, right, or replaced by any JSON value.
    const near = fc.record(
      {
        id: fc.oneof(fc.uuid(), fc.jsonValue()),
        kind: fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.jsonValue()),
        count: fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.jsonValue()),
        ratio: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.jsonValue()),
        at: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string()),
        on: fc.oneof(fc.constantFrom('2024-02-29', '2025-02-29', '2025-12-31'), fc.string()),
        winner: fc.oneof(fc.constant(null), fc.string(), fc.integer()),
        tags: fc.oneof(fc.array(fc.oneof(fc.record({ name: fc.string() }), fc.record({ name: fc.jsonValue(), extra: fc.jsonValue() }, { requiredKeys: [] }))), fc.jsonValue()),
        surname: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(near, (value) => compiled(value) === (validate(schema, value).length === 0)),
      { numRuns: 2_000 },
    );
  });
});
