import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, IsInt, IsString, ValidateNested } from 'class-validator';
import fc from 'fast-check';
import { fcParameters } from '../../../test/support/property';
import { applicationDtos, type Dto } from '../../../test/support/dto-metadata';
import { createValidationPipe } from '../http/validation.pipe';
import { PutMemberPledgesDto } from '../../pledges/dto/member-pledge.dto';
import { compiledValidation, validationRulesOf, type ValidationMetadata } from './compiled-validation';

/** The pipe without its fast path: Nest's own transform, with the application's options. */
async function fullPipe(pipe: ValidationPipe, body: unknown, metatype: Dto): Promise<unknown> {
  const metadata: ArgumentMetadata = { type: 'body', metatype };
  try {
    return await ValidationPipe.prototype.transform.call(pipe, body, metadata);
  } catch (error) {
    return error;
  }
}

/**
 * Bodies for a DTO built from its own rules, so that many pass and many fail by one field:
 * each property gets values its rules accept, values just outside them, and any JSON.
 */
function bodies(dto: Dto, depth = 0): fc.Arbitrary<unknown> {
  const byProperty = getMetadataStorage().groupByPropertyName(validationRulesOf(dto));
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, rules] of Object.entries(byProperty))
    model[name] = propertyValues(dto, name, rules, depth);
  const whole = fc.record(model);
  return fc.oneof(
    { weight: 6, arbitrary: whole },
    { weight: 2, arbitrary: fc.record(model, { requiredKeys: [] }) },
    { weight: 1, arbitrary: whole.map((body) => ({ ...body, unexpected: 1 })) },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

function propertyValues(
  dto: Dto,
  name: string,
  rules: ValidationMetadata[],
  depth: number,
): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [];
  const nested = rules.some((rule) => rule.type === 'nestedValidation');
  if (nested && depth < 3) {
    const type = Reflect.getMetadata('design:type', dto.prototype, name);
    const nestedDto = nestedClassOf(dto, name);
    if (nestedDto) {
      const item = bodies(nestedDto, depth + 1);
      candidates.push(type === Array ? fc.array(item, { maxLength: 4 }) : item);
    }
  }
  const each = rules.filter((rule) => rule.each && rule.type === 'customValidation');
  if (each.length > 0) candidates.push(fc.array(fc.oneof(...each.map(valuesFor)), { maxLength: 4 }));
  candidates.push(...rules.filter((rule) => !rule.each).map(valuesFor));
  return fc.oneof(
    { weight: 8, arbitrary: fc.oneof(...candidates) },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  );
}

/** The nested class class-transformer builds for the property (its @Type). */
function nestedClassOf(dto: Dto, name: string): Dto | undefined {
  return transformerStorage.findTypeMetadata(dto, name)?.typeFunction() as Dto | undefined;
}

/** Values one rule accepts, and values near its limits. */
function valuesFor(rule: ValidationMetadata): fc.Arbitrary<unknown> {
  const [first, second] = rule.constraints ?? [];
  const near = (limit: number) => fc.constantFrom(limit - 1, limit, limit + 1, limit + 0.5);
  switch (rule.name) {
    case 'isUuid':
      return fc.oneof(fc.uuid(), fc.constantFrom('not-a-uuid', '00000000-0000-0000-0000-000000000000'));
    case 'isInt':
    case 'isPositive':
      return fc.oneof(
        fc.integer({ min: -10, max: 1000 }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      );
    case 'min':
    case 'max':
      return fc.oneof(near(first), fc.double({ min: first - 1000, max: first + 1000, noNaN: true }));
    case 'isNumber':
    case 'maxDecimalPlaces':
      return fc.oneof(
        fc.integer({ min: -1000, max: 100000 }).map((n) => n / 100),
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1000, max: 100000 }),
      );
    case 'isString':
      return fc.string({ maxLength: 30 });
    case 'minLength':
    case 'maxLength':
      return fc.oneof(
        fc.string({ minLength: Math.max(0, first - 1), maxLength: first + 1 }),
        fc.constant(''),
      );
    case 'matches':
      return fc.oneof(
        fc.stringMatching(first instanceof RegExp ? first : new RegExp(first, second)),
        fc.string(),
      );
    case 'isIn':
      return fc.oneof(fc.constantFrom(...(first as unknown[])), fc.string({ maxLength: 8 }));
    case 'isEmail':
      return fc.oneof(fc.emailAddress(), fc.constant('not an email'));
    case 'isBoolean':
      return fc.oneof(fc.boolean(), fc.constant('true'));
    case 'isUrl':
      return fc.oneof(fc.webUrl(), fc.constant('not a url'));
    case 'isDateString':
      return fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        fc.constant('2027-02-30'),
      );
    case 'isISO31661Alpha2':
      return fc.constantFrom('BE', 'MA', 'FR', 'ZZ', 'be');
    case 'isTimezone':
    case 'isTimeZone':
      return fc.constantFrom('Europe/Brussels', 'Africa/Casablanca', 'UTC', 'Nowhere/City');
    case 'isISO4217CurrencyCode':
      return fc.constantFrom('EUR', 'MAD', 'XYZ', 'eur');
    case 'arrayMaxSize':
    case 'arrayMinSize':
    case 'arrayUnique':
    case 'isArray':
      return fc.array(fc.oneof(fc.uuid(), fc.integer()), { maxLength: 4 });
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

describe('compiled validation', () => {
  const pipe = createValidationPipe();

  it('is compiled for the pledge PUT body', () => {
    expect(compiledValidation(PutMemberPledgesDto)).not.toBeNull();
  });

  it('accepts a body only when the full pipe accepts it, and builds the same instance', async () => {
    const dtos = await applicationDtos();
    expect(dtos.length).toBeGreaterThan(20);
    const accepted = new Map<string, { fast: number; full: number }>();
    for (const dto of dtos) {
      const validate = compiledValidation(dto);
      const tally = { fast: 0, full: 0 };
      accepted.set(dto.name, tally);
      await fc.assert(
        fc.asyncProperty(bodies(dto), fc.boolean(), async (generated, asQuery) => {
          // As fastify hands it over: parsed JSON, one copy for each pipe; or, for a query
          // string, the keys on an empty null-prototype object.
          const json = JSON.stringify(generated ?? null);
          const parse = () => {
            const parsed = JSON.parse(json);
            if (!asQuery || typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
              return parsed;
            return Object.assign(Object.create(Object.create(null)), parsed);
          };
          const fast = validate?.(parse());
          const full = await fullPipe(pipe, parse(), dto);
          if (!(full instanceof Error)) tally.full += 1;
          if (fast === undefined) return;
          tally.fast += 1;
          expect(full).toStrictEqual(fast);
          expect(Object.getPrototypeOf(full)).toBe(dto.prototype);
        }),
        fcParameters({ numRuns: 150 }),
      );
    }
    // The fast path is taken for the body under load: every body the full pipe accepts.
    expect(accepted.get(PutMemberPledgesDto.name)!.fast).toBeGreaterThan(0);
    expect(accepted.get(PutMemberPledgesDto.name)!.fast).toBe(accepted.get(PutMemberPledgesDto.name)!.full);
  });

  it('leaves to the full pipe what it cannot mirror', () => {
    class Converted {
      @Type(() => Number) @IsInt() count!: number;
    }
    class Transformed {
      @Transform(({ value }) => String(value).trim()) @IsString() name!: string;
    }
    class Defaulted {
      @IsString() name!: string;
      extra = 1;
    }
    class Grouped {
      @IsString({ groups: ['admin'] }) name!: string;
    }
    class Untyped {
      @ValidateNested() inner!: object;
    }
    class Demanding {
      @IsString() name!: string;
      constructor(required: string) {
        if (required === undefined) throw new Error('an argument is required');
      }
    }
    for (const dto of [Converted, Transformed, Defaulted, Grouped, Untyped, Demanding as unknown as Dto]) {
      expect(compiledValidation(dto)).toBeNull();
    }
  });

  it('gives up on values it does not handle, so the full pipe names them', () => {
    const validate = compiledValidation(PutMemberPledgesDto)!;
    const line = { offerId: '3f0c1a52-8d4e-4c1b-9a57-2d9c6b1e0f11', quantity: 2 };
    expect(validate({ lines: [line] })).toBeInstanceOf(PutMemberPledgesDto);
    for (const body of [
      null,
      [],
      'lines',
      { lines: [line], extra: true },
      { lines: [{ ...line, extra: true }] },
      { lines: [line, 'line'] },
      { lines: null },
      { lines: [{ ...line, quantity: -1 }] },
      { lines: [{ ...line, quantity: 1.5 }] },
      { lines: [{ ...line, offerId: 'x' }] },
      Object.assign(Object.create({ inherited: true }), { lines: [line] }),
    ]) {
      expect(validate(body)).toBeUndefined();
    }
  });
});
