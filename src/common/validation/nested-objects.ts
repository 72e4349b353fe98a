import {
  getMetadataStorage,
  ValidationTypes,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import type { ValidationMetadata } from './compiled-validation';

type MetadataStorage = ReturnType<typeof getMetadataStorage>;
type Lookup = MetadataStorage['getTargetValidationMetadatas'];

/** A value a nested DTO may be built from: a JSON object (not an array, not null). */
const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first index of a list that is not an object, or -1. */
const firstNonObject = (list: unknown[]): number => list.findIndex((item) => !isObject(item));

/**
 * The shape of a nested property: one object, or (`each`) a list of objects.
 *
 * class-validator's `@ValidateNested` walks into any array it meets, however deep, whatever
 * `each` says, so `[[]]` and `[[{…}]]` passed a list of objects (the list inside was never
 * built into the DTO) and reached the repositories; and class-transformer copies `[null]` or
 * `[1]` through untouched. This holds every nested property to its shape.
 */
@ValidatorConstraint({ name: 'nestedObjects' })
export class NestedObjectsConstraint implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [each] = args.constraints as [boolean];
    if (!each) return isObject(value);
    return Array.isArray(value) && firstNonObject(value) < 0;
  }

  defaultMessage(args: ValidationArguments): string {
    const [each] = args.constraints as [boolean];
    if (!each) return '$property must be a JSON object';
    if (!Array.isArray(args.value)) return '$property must be a list of JSON objects';
    return `$property.${firstNonObject(args.value)} must be a JSON object`;
  }
}

const installed = Symbol('proxima.nestedObjectsRequired');

/**
 * Every property with `@ValidateNested` gets the NestedObjectsConstraint rule too, as the
 * rules of its class are looked up: by the full pipe's executor and by the compiled validation
 * alike, for every DTO of the application, whatever its author wrote beside `@ValidateNested`.
 * `@IsOptional` still lets a nested property be left out (it guards all of a property's rules).
 * Idempotent; install it before rememberValidationMetadata, which then remembers the answer.
 */
export function requireNestedObjects(): void {
  const storage = getMetadataStorage() as MetadataStorage & { [installed]?: true };
  if (storage[installed]) return;
  const lookUp: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const answers = new WeakMap<ValidationMetadata[], ValidationMetadata[]>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const rules = lookUp(target, schema, always, strictGroups, groups);
    let answer = answers.get(rules);
    if (!answer) answers.set(rules, (answer = withNestedObjects(rules)));
    return answer;
  };
  storage[installed] = true;
}

function withNestedObjects(rules: ValidationMetadata[]): ValidationMetadata[] {
  const added = new Map<string, ValidationMetadata>();
  for (const rule of rules) {
    if (rule.type !== ValidationTypes.NESTED_VALIDATION || typeof rule.target === 'string') continue;
    const key = rule.propertyName;
    const each = Boolean(rule.each) || added.get(key)?.constraints[0] === true;
    // The fields of class-validator's ValidationMetadata, as its own decorators fill them.
    const metadata: Omit<ValidationMetadata, 'message'> = {
      type: ValidationTypes.CUSTOM_VALIDATION,
      name: 'nestedObjects',
      target: rule.target,
      propertyName: rule.propertyName,
      constraintCls: NestedObjectsConstraint,
      constraints: [each],
      each: false,
      always: rule.always,
      groups: rule.groups,
      context: undefined,
      validateIf: undefined,
      validationTypeOptions: undefined,
    };
    added.set(key, metadata as ValidationMetadata);
  }
  return added.size === 0 ? rules : [...rules, ...added.values()];
}
