// A tiny JSON Schema validator for the subset the integration-event schemas use:
// type (one or several), required, properties, additionalProperties: false, enum, items,
// format (date-time, date, uuid), plus the annotations $schema, $id, title, description, examples.
// A schema using any other keyword is refused, so a schema can never silently mean more than we check.

export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  type?: JsonType | JsonType[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: false;
  enum?: unknown[];
  items?: JsonSchema;
  format?: 'date-time' | 'date' | 'uuid';
}

export type JsonType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

export interface ValidationError {
  /** JSON Pointer of the offending value ('' is the root). */
  path: string;
  message: string;
}

const KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'examples', 'type', 'required', 'properties', 'additionalProperties', 'enum', 'items', 'format']);
const TYPES = new Set<JsonType>(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const FORMATS = new Set(['date-time', 'date', 'uuid']);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339 date-time: a time zone is required.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

export function checkFormat(format: string, value: string): boolean {
  switch (format) {
    case 'date': {
      const m = DATE.exec(value);
      return !!m && validDate(+m[1], +m[2], +m[3]);
    }
    case 'date-time': {
      const m = DATE_TIME.exec(value);
      if (!m || !validDate(+m[1], +m[2], +m[3])) return false;
      if (+m[4] > 23 || +m[5] > 59 || +m[6] > 60) return false;
      return m[9] === undefined || (+m[9] <= 23 && +m[10] <= 59);
    }
    case 'uuid':
      return UUID.test(value);
    default:
      return false;
  }
}

function typeOf(value: unknown): JsonType | 'undefined' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  if (type === 'number') return actual === 'number' || actual === 'integer';
  return actual === type;
}

const pointer = (path: string, key: string | number): string => {
  const text = String(key);
  return `${path}/${text.includes('~') || text.includes('/') ? text.replace(/~/g, '~0').replace(/\//g, '~1') : text}`;
};

/** Checks that a schema only uses the supported subset; throws with every problem found. */
export function assertSupportedSchema(schema: JsonSchema, where = '#'): void {
  const problems: string[] = [];
  const visit = (s: JsonSchema, at: string) => {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) {
      problems.push(`${at}: a schema must be an object`);
      return;
    }
    for (const key of Object.keys(s)) if (!KEYWORDS.has(key)) problems.push(`${at}: unsupported keyword "${key}"`);
    const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
    for (const t of types) if (!TYPES.has(t)) problems.push(`${at}: unknown type "${t}"`);
    if (s.format !== undefined && !FORMATS.has(s.format)) problems.push(`${at}: unsupported format "${s.format}"`);
    if (s.additionalProperties !== undefined && s.additionalProperties !== false) problems.push(`${at}: additionalProperties may only be false`);
    if (s.enum !== undefined && (!Array.isArray(s.enum) || s.enum.length === 0)) problems.push(`${at}: enum must be a non-empty array`);
    if (s.required !== undefined) {
      if (!Array.isArray(s.required)) problems.push(`${at}: required must be an array`);
      else for (const name of s.required) if (!s.properties || !(name in s.properties)) problems.push(`${at}: required "${name}" is not among the properties`);
    }
    for (const [name, child] of Object.entries(s.properties ?? {})) visit(child, `${at}/properties/${name}`);
    if (s.items !== undefined) visit(s.items, `${at}/items`);
  };
  visit(schema, where);
  if (problems.length > 0) throw new Error(`Schema ${schema.$id ?? where} is outside the supported subset:\n  ${problems.join('\n  ')}`);
}

/** Validates `value` against `schema`; an empty list means valid. */
export function validate(schema: JsonSchema, value: unknown, path = ''): ValidationError[] {
  const errors: ValidationError[] = [];
  check(schema, value, path, errors);
  return errors;
}

/** Equal as JSON values (enum members are primitives in our schemas: compared without serialising). */
const sameValue = (a: unknown, b: unknown): boolean => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

// The relay checks every event it publishes, so this is written for speed: one error list, no copies.
function check(schema: JsonSchema, value: unknown, path: string, errors: ValidationError[]): void {
  const type = schema.type;
  if (type !== undefined && !(typeof type === 'string' ? matchesType(value, type) : type.some((t) => matchesType(value, t)))) {
    errors.push({ path, message: `must be of type ${Array.isArray(type) ? type.join(' or ') : type} (is ${typeOf(value)})` });
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => sameValue(allowed, value))) {
    errors.push({ path, message: `must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}` });
  }
  if (schema.format !== undefined && typeof value === 'string' && !checkFormat(schema.format, value)) {
    errors.push({ path, message: `must be a ${schema.format} (is ${JSON.stringify(value)})` });
  }
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    if (schema.items) for (let i = 0; i < value.length; i++) check(schema.items, value[i], `${path}/${i}`, errors);
    return;
  }
  const object = value as Record<string, unknown>;
  if (schema.required) {
    for (const name of schema.required) if (object[name] === undefined) errors.push({ path: pointer(path, name), message: 'is required' });
  }
  const properties = schema.properties;
  for (const name in object) {
    if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
    const child = object[name];
    if (child === undefined) continue;
    const property = properties && Object.prototype.hasOwnProperty.call(properties, name) ? properties[name] : undefined;
    if (property) check(property, child, pointer(path, name), errors);
    else if (schema.additionalProperties === false) errors.push({ path: pointer(path, name), message: 'is not allowed (additionalProperties: false)' });
  }
}

/**
 * Compiles a schema (the supported subset) into a predicate: the checks are laid out once as closures,
 * so a valid value costs no path strings, no keyword lookups and no error list. The relay runs it on
 * every event; only when it says false does `validate` run to say why.
 */
export function compileSchema(schema: JsonSchema): (value: unknown) => boolean {
  const types = schema.type === undefined ? undefined : Array.isArray(schema.type) ? schema.type : [schema.type];
  const typeOk = types === undefined ? undefined : (value: unknown) => types.some((t) => matchesType(value, t));
  const primitives = schema.enum?.every((e) => e === null || typeof e !== 'object');
  const allowed = schema.enum === undefined ? undefined : primitives ? new Set(schema.enum) : undefined;
  const enumOk =
    schema.enum === undefined ? undefined : allowed ? (value: unknown) => allowed.has(value) : (value: unknown) => schema.enum!.some((e) => sameValue(e, value));
  const format = schema.format;
  const items = schema.items ? compileSchema(schema.items) : undefined;
  const properties = new Map(Object.entries(schema.properties ?? {}).map(([name, child]) => [name, compileSchema(child)]));
  const required = schema.required ?? [];
  const closed = schema.additionalProperties === false;
  return (value: unknown): boolean => {
    if (typeOk && !typeOk(value)) return false;
    if (enumOk && !enumOk(value)) return false;
    if (format !== undefined && typeof value === 'string' && !checkFormat(format, value)) return false;
    if (typeof value !== 'object' || value === null) return true;
    if (Array.isArray(value)) {
      if (items) for (let i = 0; i < value.length; i++) if (!items(value[i])) return false;
      return true;
    }
    const object = value as Record<string, unknown>;
    for (let i = 0; i < required.length; i++) if (object[required[i]] === undefined) return false;
    for (const name in object) {
      if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
      const child = object[name];
      if (child === undefined) continue;
      const property = properties.get(name);
      if (property) {
        if (!property(child)) return false;
      } else if (closed) return false;
    }
    return true;
  };
}
