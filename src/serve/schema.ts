/**
 * A small JSON Schema subset (the part OpenAPI 3.1 documents use) and its validator: the same
 * schema object validates a request and is published in /api/openapi.json.
 */

/** The JSON Schema keywords the validator understands. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | ('string' | 'number' | 'integer' | 'boolean' | 'null' | 'object' | 'array')[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean)[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  oneOf?: JsonSchema[];
  $ref?: string;
  examples?: unknown[];
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === 'number' && got === 'integer');
}

/** Validate a value; returns the first problem as a sentence with its JSON path, or undefined when valid. */
export function validate(schema: JsonSchema, value: unknown, path = '$', defs?: Record<string, JsonSchema>): string | undefined {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = defs?.[name];
    return target ? validate(target, value, path, defs) : undefined;
  }
  if (schema.oneOf) {
    const ok = schema.oneOf.filter((s) => validate(s, value, path, defs) === undefined).length;
    if (ok !== 1) return `${path} must match exactly one of ${schema.oneOf.length} shapes`;
    return undefined;
  }
  const got = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, got))) return `${path} must be ${types.join(' or ')}, got ${got}`;
  }
  if (schema.enum && !schema.enum.includes(value as string)) return `${path} must be one of ${schema.enum.join(', ')}`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `${path} must be a finite number`;
    if (schema.minimum !== undefined && value < schema.minimum) return `${path} must be ≥ ${schema.minimum}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `${path} must be ≤ ${schema.maximum}`;
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `${path} must have at least ${schema.minLength} characters`;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${path} must have at most ${schema.maxLength} characters`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) return `${path} must match ${schema.pattern}`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path} must have at least ${schema.minItems} items`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${path} must have at most ${schema.maxItems} items`;
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const e = validate(schema.items, value[i], `${path}[${i}]`, defs);
        if (e) return e;
      }
    }
  }
  if (got === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of schema.required ?? []) if (!(k in obj) || obj[k] === undefined) return `${path}.${k} is required`;
    for (const [k, v] of Object.entries(obj)) {
      const ps = schema.properties?.[k];
      if (ps) {
        const e = validate(ps, v, `${path}.${k}`, defs);
        if (e) return e;
      } else if (schema.additionalProperties === false) {
        return `${path}.${k} is not allowed`;
      } else if (typeof schema.additionalProperties === 'object') {
        const e = validate(schema.additionalProperties, v, `${path}.${k}`, defs);
        if (e) return e;
      }
    }
  }
  return undefined;
}
