// The integration-event schemas (libs/messaging/schemas/<topic>/<Type>.json): loading and validation.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSupportedSchema, compileSchema, validate, type JsonSchema, type ValidationError } from './json-schema.js';
import type { IntegrationEvent } from './integration-events.js';

export interface SchemaEntry {
  topic: string;
  type: string;
  file: string;
  schema: JsonSchema;
}

/**
 * Where the schema files are: beside the sources (libs/messaging/schemas), found from this module
 * whether it runs from the sources (tests) or from dist/ (the compiled relay).
 */
export function schemasDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '../schemas'), resolve(here, '../../../../libs/messaging/schemas'), resolve(process.cwd(), 'libs/messaging/schemas')];
  const found = candidates.find((dir) => existsSync(join(dir, 'ideas.v1')));
  if (!found) throw new Error(`Integration-event schemas not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** Every schema, sorted by topic and type; each is checked to use only the supported subset. */
export function loadSchemas(dir = schemasDir()): SchemaEntry[] {
  const entries: SchemaEntry[] = [];
  for (const topic of readdirSync(dir).sort()) {
    const topicDir = join(dir, topic);
    for (const file of readdirSync(topicDir).filter((f) => f.endsWith('.json')).sort()) {
      const schema = JSON.parse(readFileSync(join(topicDir, file), 'utf8')) as JsonSchema;
      assertSupportedSchema(schema, `${topic}/${file}`);
      const type = file.slice(0, -'.json'.length);
      if (schema.title !== type) throw new Error(`${topic}/${file}: title "${schema.title}" must be the event type "${type}"`);
      entries.push({ topic, type, file: `${topic}/${file}`, schema });
    }
  }
  return entries;
}

export class SchemaRegistry {
  private readonly byKey: Map<string, SchemaEntry & { valid: (value: unknown) => boolean }>;

  constructor(readonly entries: SchemaEntry[] = loadSchemas()) {
    // Compiled once: the relay checks every event it publishes.
    this.byKey = new Map(entries.map((e) => [`${e.topic}/${e.type}`, { ...e, valid: compileSchema(e.schema) }]));
  }

  has(topic: string, type: string): boolean {
    return this.byKey.has(`${topic}/${type}`);
  }

  /** Problems of an integration event against the schema of its topic and type (empty: valid). */
  validate(topic: string, event: IntegrationEvent | unknown): ValidationError[] {
    const type = (event as { type?: unknown })?.type;
    const entry = typeof type === 'string' ? this.byKey.get(`${topic}/${type}`) : undefined;
    if (!entry) return [{ path: '/type', message: `no schema for ${topic}/${String(type)}` }];
    // The compiled check answers for the valid (nearly all); the interpreter explains the rest.
    if (entry.valid(event)) return [];
    return validate(entry.schema, event);
  }
}
