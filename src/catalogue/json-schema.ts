import { DATE_PATTERN } from '../util/date';
import type { FieldType, Fields } from './schema';
import { SLUG, topLevel } from './schema';

type Json = Record<string, unknown>;

function typeSchema(type: FieldType): Json {
  switch (type.kind) {
    case 'text':
    case 'longtext':
      return { type: 'string', minLength: 1 };
    case 'slug':
      return { type: 'string', pattern: SLUG.source };
    case 'code':
      return type.pattern ? { type: 'string', pattern: type.pattern.source } : { type: 'string' };
    case 'int':
      return { type: 'integer', minimum: type.min, maximum: type.max };
    case 'number':
      return { type: 'number', minimum: type.min, maximum: type.max, ...(type.step === undefined ? {} : { multipleOf: type.step }) };
    case 'date':
      return {
        oneOf: [
          { type: 'string', pattern: DATE_PATTERN },
          { type: 'integer', minimum: 1000, maximum: 9999 },
        ],
      };
    case 'bool':
      return { type: 'boolean' };
    case 'enum':
      return { enum: [...type.values] };
    case 'list':
      return { type: 'array', items: typeSchema(type.of), ...(type.min ? { minItems: type.min } : {}) };
    case 'record':
      return recordSchema(type.fields);
    case 'map':
      return { type: 'object', additionalProperties: { type: ['string', 'number'] } };
  }
}

function recordSchema(fields: Fields): Json {
  const properties: Json = {};
  for (const [name, spec] of Object.entries(fields)) properties[name] = { description: spec.doc, ...typeSchema(spec.type) };
  const required = Object.entries(fields)
    .filter(([, spec]) => spec.required)
    .map(([name]) => name);
  return { type: 'object', properties, required, additionalProperties: false };
}

/** A JSON Schema of the data format for editors (yaml-language-server), derived from the field tables. */
export function dataFileJsonSchema(): Json {
  const properties: Json = {};
  for (const [key, { fields }] of Object.entries(topLevel)) properties[key] = { type: 'array', items: recordSchema(fields) };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'memories data file',
    description: 'Anthologies, staff, releases and reviews for the memories catalogue. See docs/data-format.md.',
    type: 'object',
    properties,
    additionalProperties: false,
  };
}
