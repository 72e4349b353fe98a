import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsInt, IsOptional, ValidateNested } from 'class-validator';
import { applicationDtos, badShapes, nestedProperties, type Dto } from '../../../test/support/dto-metadata';
import { createValidationPipe } from '../http/validation.pipe';
import { compiledValidation } from './compiled-validation';

class Item {
  @IsInt() quantity!: number;
}

/** Written as a DTO author might: no IsArray, no IsObject, only ValidateNested and Type. */
class Holder {
  @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
  @IsOptional() @ValidateNested() @Type(() => Item) one?: Item;
}

class Listed {
  @IsArray() @ValidateNested({ each: true }) @Type(() => Item) items!: Item[];
}

const pipe = createValidationPipe();

async function answer(
  body: unknown,
  metatype: Dto,
  type: ArgumentMetadata['type'] = 'body',
): Promise<unknown> {
  try {
    return await pipe.transform(body, { type, metatype });
  } catch (error) {
    return error;
  }
}

async function messageOf(
  body: unknown,
  metatype: Dto,
  type: ArgumentMetadata['type'] = 'body',
): Promise<string> {
  const result = await answer(body, metatype, type);
  if (!(result instanceof BadRequestException)) throw new Error(`accepted ${JSON.stringify(body)}`);
  return result.message;
}

describe('nested properties accept only objects of their class', () => {
  it('refuses arrays, nulls and plain values inside a list, naming the item', async () => {
    expect(await messageOf({ items: [[]] }, Holder)).toBe('items.0 must be a JSON object');
    expect(await messageOf({ items: [{ quantity: 1 }, [{ quantity: 1 }]] }, Holder)).toBe(
      'items.1 must be a JSON object',
    );
    for (const item of [null, 1, 'x', true]) {
      expect(await messageOf({ items: [item] }, Holder)).toContain('items.0 must be a JSON object');
    }
  });

  it('refuses a value that is not a list where a list is expected', async () => {
    for (const items of ['x', 1, {}, { 0: { quantity: 1 } }, { quantity: 1 }]) {
      expect(await messageOf({ items }, Holder)).toContain('items must be a list of JSON objects');
    }
    expect(await messageOf({ items: {} }, Listed)).toContain('items must be an array');
  });

  it('refuses a list or a plain value where one object is expected, and still lets it be left out', async () => {
    for (const one of [[], [{ quantity: 1 }], 'x', 2]) {
      expect(await messageOf({ items: [], one }, Holder)).toContain('one must be a JSON object');
    }
    expect(await answer({ items: [{ quantity: 2 }] }, Holder)).toBeInstanceOf(Holder);
    expect(await answer({ items: [{ quantity: 2 }], one: { quantity: 3 } }, Holder)).toBeInstanceOf(Holder);
  });

  it('is the same rule on the compiled path: a valid body is built there, a bad shape is not', () => {
    const validate = compiledValidation(Holder)!;
    expect(validate).not.toBeNull();
    expect(validate({ items: [{ quantity: 1 }] })).toBeInstanceOf(Holder);
    for (const items of [[[]], [[{ quantity: 1 }]], [null], [1], 'x', {}]) {
      expect(validate({ items })).toBeUndefined();
    }
  });

  it('holds on every nested property of every DTO of the application, in bodies and query strings', async () => {
    const dtos = await applicationDtos();
    let checked = 0;
    for (const dto of dtos) {
      for (const property of nestedProperties(dto)) {
        for (const { shape, value } of badShapes(property, {})) {
          for (const type of ['body', 'query'] as const) {
            const body = { [property.name]: value };
            const given = type === 'query' ? Object.assign(Object.create(Object.create(null)), body) : body;
            expect(compiledValidation(dto)?.(given)).toBeUndefined();
            const message = await messageOf(given, dto, type);
            const named = message.split('; ').filter((part) => part.startsWith(property.name));
            if (named.length === 0) throw new Error(`${dto.name}.${property.name} = ${shape}: ${message}`);
            checked += 1;
          }
        }
      }
    }
    // the application's nested properties: lines, vehicles, certificates, charter, rules, …
    expect(checked).toBeGreaterThan(100);
  });
});
