import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { TransformationType } from 'class-transformer';
// class-transformer's own registry of @Type and the like (no other export gives it)
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';

/** A DTO class (class-validator and class-transformer type it as Function). */
type DtoClass = new () => object;
export type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/** A class's rules, looked up as class-validator's executor does for an object of the class. */
export const validationRulesOf = (dto: DtoClass): ValidationMetadata[] =>
  getMetadataStorage().getTargetValidationMetadatas(dto, undefined as unknown as string, false, false);

/**
 * A DTO's rules compiled into one function of a parsed JSON body: the DTO instance, exactly as
 * the validation pipe would build it, when the body certainly passes; undefined otherwise, and
 * then the full pipe decides and names the errors. It answers no error itself, so the messages
 * are always class-validator's.
 *
 * Why: for a valid body, which is nearly every body, the full pipe (class-transformer's
 * plainToInstance, then class-validator's executor, then Nest's own walks over the value) was
 * a quarter of the API's CPU on PUT pledges, which validates 11 objects (docs/PERFORMANCE.md).
 * This calls the same constraint functions, with the same arguments, without that machinery.
 *
 * It is compiled only for what it can mirror exactly, and is null (the full pipe, always) for a
 * class using anything else: validation groups or schemas, async or promise rules, any
 * class-transformer rule other than `@Type` on a nested property, a nested property without
 * `@Type` or declared as a Set or Map. At run time it gives up (undefined) on anything it does
 * not handle: a body or nested value that is not a plain object, a key the class does not
 * declare (the whitelist's 400), an object, or a list holding one, where no nested class is
 * declared.
 */
export type CompiledValidation = (value: unknown) => object | undefined;

interface PropertyPlan {
  name: string;
  /** IsOptional / ValidateIf: all must hold for the rest to apply. */
  conditions: ((object: object, value: unknown) => boolean)[];
  /** Custom and IsDefined rules: each one's constraint validators. */
  rules: { metadata: ValidationMetadata; validate: (value: unknown, args: ValidationArguments) => unknown }[];
  /** ValidateNested with @Type: the class of the nested value(s), as class-transformer picks it. */
  nested?: (instance: object, body: object) => DtoClass;
}

const compiled = new WeakMap<DtoClass, CompiledValidation | null>();

/** The compiled validation of a DTO class, or null when it only goes through the full pipe. */
export function compiledValidation(dto: DtoClass): CompiledValidation | null {
  const known = compiled.get(dto);
  if (known !== undefined) return known;
  compiled.set(dto, null); // a class nested in itself stays on the full pipe
  let result: CompiledValidation | null = null;
  try {
    result = compile(dto);
  } catch {
    // A class this cannot read (its constructor throws without arguments, say): the full pipe.
  }
  compiled.set(dto, result);
  return result;
}

/**
 * A plain object: nothing on its prototype chain but Object.prototype or empty objects (JSON
 * bodies are Object's; fastify's query strings sit on an empty null-prototype object).
 */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (
    let prototype = Object.getPrototypeOf(value);
    prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    if (prototype === Object.prototype) return true;
    if (Reflect.ownKeys(prototype).length > 0) return false;
  }
  return true;
};

function compile(dto: DtoClass): CompiledValidation | null {
  const validation = getMetadataStorage();
  const metadatas = validationRulesOf(dto);
  if (metadatas.length === 0) return null; // forbidUnknownValues: the full pipe refuses it
  if (metadatas.some((m) => typeof m.target === 'string' || (m.groups && m.groups.length > 0))) return null;
  if (
    transformerStorage.getStrategy(dto) !== 'none' ||
    transformerStorage.getExposedMetadatas(dto).length > 0 ||
    transformerStorage.getExcludedMetadatas(dto).length > 0
  )
    return null;

  const plans: PropertyPlan[] = [];
  for (const [name, own] of Object.entries(validation.groupByPropertyName(metadatas))) {
    const plan = planProperty(dto, name, own);
    if (!plan) return null;
    plans.push(plan);
  }
  const declared = new Map(plans.map((plan) => [plan.name, plan]));
  // The whitelist also sees what the constructor sets: a field it sets without a rule is refused.
  if (Object.keys(new dto()).some((key) => !declared.has(key))) return null;

  return (value) => {
    if (!isPlainObject(value)) return undefined;
    const instance = new dto() as Record<string, unknown>;
    // class-transformer: every key of the body, in its order, onto a new instance.
    for (const key of Object.keys(value)) {
      const plan = declared.get(key);
      if (!plan) return undefined;
      const given = value[key];
      if (typeof given !== 'object' || given === null) {
        instance[key] = given;
      } else if (!plan.nested) {
        // A list of plain values (ids, say) is copied as it is; anything deeper, given up.
        if (!Array.isArray(given) || given.some((item) => typeof item === 'object' && item !== null))
          return undefined;
        instance[key] = [...given];
      } else {
        // class-transformer asks @Type once per property, with the new instance and the body.
        const nested = compiledValidation(plan.nested(instance, value));
        if (!nested) return undefined;
        const built = Array.isArray(given) ? buildAll(nested, given) : nested(given);
        if (!built) return undefined;
        instance[key] = built;
      }
    }
    // class-validator: every declared property of the instance (nested ones were validated
    // when they were built; a nested property left out is not validated as nested).
    for (const plan of plans) {
      if (!passes(plan, instance, instance[plan.name])) return undefined;
    }
    return instance;
  };
}

/** Every item built by `nested`, or undefined when one of them is not accepted. */
function buildAll(nested: CompiledValidation, items: unknown[]): object[] | undefined {
  const built: object[] = [];
  for (const item of items) {
    const one = nested(item);
    if (!one) return undefined;
    built.push(one);
  }
  return built;
}

function planProperty(dto: DtoClass, name: string, own: ValidationMetadata[]): PropertyPlan | null {
  if (definedOnPrototypes(dto, name)) return null; // an accessor or a method: class-transformer skips it
  const validation = getMetadataStorage();
  const plan: PropertyPlan = { name, conditions: [], rules: [] };
  let nested = false;
  for (const metadata of own) {
    switch (metadata.type) {
      case ValidationTypes.WHITELIST:
        break;
      case ValidationTypes.CONDITIONAL_VALIDATION:
        plan.conditions.push(metadata.constraints[0]);
        break;
      case ValidationTypes.NESTED_VALIDATION:
        nested = true;
        break;
      case ValidationTypes.IS_DEFINED:
      case ValidationTypes.CUSTOM_VALIDATION:
        for (const constraint of validation.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return null;
          const instance = constraint.instance as { validate: PropertyPlan['rules'][number]['validate'] };
          plan.rules.push({ metadata, validate: instance.validate.bind(instance) });
        }
        break;
      default: // promise validation, or a type this does not know
        return null;
    }
  }
  const type = transformerStorage.findTypeMetadata(dto, name);
  if (transformerStorage.findTransformMetadatas(dto, name, TransformationType.PLAIN_TO_CLASS).length > 0)
    return null;
  if (!nested) return type ? null : plan; // a @Type without nesting converts the value
  if (!type || type.options?.discriminator) return null;
  // A list is built into a new instance of the declared type when that is a Set or has push.
  const declared = type.reflectedType as { prototype?: { push?: unknown } } | undefined;
  if (
    declared === Set ||
    declared === Map ||
    (declared !== Array && typeof declared?.prototype?.push === 'function')
  )
    return null;
  plan.nested = (instance, body) =>
    type.typeFunction({ newObject: instance, object: body, property: name }) as DtoClass;
  return plan;
}

function definedOnPrototypes(dto: DtoClass, name: string): boolean {
  for (
    let prototype: object | null = dto.prototype;
    prototype;
    prototype = Object.getPrototypeOf(prototype)
  ) {
    if (Object.getOwnPropertyDescriptor(prototype, name)) return true;
  }
  return false;
}

/** class-validator's performValidations for one property, as a yes or a no. */
function passes(plan: PropertyPlan, object: object, value: unknown): boolean {
  for (const condition of plan.conditions) if (!condition(object, value)) return true;
  for (const { metadata, validate } of plan.rules) {
    if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
    const args: ValidationArguments = {
      targetName: object.constructor.name,
      property: metadata.propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    if (metadata.each && (Array.isArray(value) || value instanceof Set || value instanceof Map)) {
      for (const item of Array.isArray(value) ? value : [...value.values()]) {
        if (validate(item, args) !== true) return false;
      }
    } else if (validate(value, args) !== true) {
      return false;
    }
  }
  // A nested property holds a value built above: an array of instances, an instance, or
  // undefined. Anything else (null, a string) is a nested error.
  if (plan.nested && value !== undefined && (typeof value !== 'object' || value === null)) return false;
  return true;
}
