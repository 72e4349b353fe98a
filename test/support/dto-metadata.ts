import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { validationRulesOf } from '../../src/common/validation/compiled-validation';

/** A DTO class (class-validator and class-transformer type it as Function). */
export type Dto = new () => object;

/** Every DTO class of the application: the exported classes of src/**\/dto/*.ts with rules. */
export async function applicationDtos(): Promise<Dto[]> {
  const src = join(process.cwd(), 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) =>
    /(^|\/)dto\/[^/]+\.ts$/.test(file),
  );
  const classes = new Set<Dto>();
  for (const file of files) {
    for (const exported of Object.values(await import(join(src, file)))) {
      if (typeof exported === 'function' && validationRulesOf(exported as Dto).length > 0)
        classes.add(exported as Dto);
    }
  }
  return [...classes];
}

/** A property declared `@ValidateNested`, as its metadata says. */
export interface NestedProperty {
  name: string;
  /** a list of objects (`each`, or a property typed as an array) rather than one object */
  list: boolean;
  /** `@IsOptional`: it may be left out (or null) */
  optional: boolean;
  /** the class its @Type builds, when it has one */
  type?: Dto;
}

/** The nested properties of a DTO class, read from class-validator's and class-transformer's metadata. */
export function nestedProperties(dto: Dto): NestedProperty[] {
  const byName = getMetadataStorage().groupByPropertyName(validationRulesOf(dto));
  const found: NestedProperty[] = [];
  for (const [name, rules] of Object.entries(byName)) {
    const nested = rules.filter((rule) => rule.type === ValidationTypes.NESTED_VALIDATION);
    if (nested.length === 0) continue;
    const declared = Reflect.getMetadata('design:type', dto.prototype, name);
    found.push({
      name,
      list: nested.some((rule) => rule.each) || declared === Array,
      optional: rules.some((rule) => rule.type === ValidationTypes.CONDITIONAL_VALIDATION),
      type: transformerStorage.findTypeMetadata(dto, name)?.typeFunction() as Dto | undefined,
    });
  }
  return found;
}

/** A nested property reached from a body's class, with its path (list items at index 0). */
export interface NestedPath extends NestedProperty {
  path: (string | number)[];
}

/** Every nested property reachable from a DTO, nested ones inside nested ones too. */
export function nestedPaths(dto: Dto, prefix: (string | number)[] = [], seen = new Set<Dto>()): NestedPath[] {
  if (seen.has(dto)) return [];
  const inner = new Set(seen).add(dto);
  return nestedProperties(dto).flatMap((property) => {
    const path = [...prefix, property.name];
    const below = property.type ? nestedPaths(property.type, property.list ? [...path, 0] : path, inner) : [];
    return [{ ...property, path }, ...below];
  });
}

/**
 * The shapes a nested property must refuse, each with the value put in its place: arrays and
 * non-objects inside a list, non-lists where a list is expected, lists and non-objects where
 * one object is expected. `valid` is a value the property accepts (a list's first item or the
 * object), used to build `[[valid]]` and `[valid]`.
 */
export function badShapes(property: NestedProperty, valid: unknown): { shape: string; value: unknown }[] {
  const shapes: { shape: string; value: unknown }[] = property.list
    ? [
        { shape: '[[]]', value: [[]] },
        { shape: '[[valid]]', value: [[valid]] },
        { shape: '[null]', value: [null] },
        { shape: '[1]', value: [1] },
        { shape: '["x"]', value: ['x'] },
        { shape: '[true]', value: [true] },
        { shape: '[valid, []]', value: [valid, []] },
        { shape: '"x"', value: 'x' },
        { shape: '1', value: 1 },
        { shape: '{}', value: {} },
        { shape: '{"0": valid}', value: { 0: valid } },
        { shape: 'valid (not in a list)', value: valid },
      ]
    : [
        { shape: '[]', value: [] },
        { shape: '[valid]', value: [valid] },
        { shape: '[[valid]]', value: [[valid]] },
        { shape: '"x"', value: 'x' },
        { shape: '1', value: 1 },
        { shape: 'true', value: true },
      ];
  if (!property.optional) shapes.push({ shape: 'null', value: null });
  return shapes;
}
