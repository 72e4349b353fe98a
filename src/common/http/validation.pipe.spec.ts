import { BadRequestException, type ArgumentMetadata } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { createValidationPipe } from './validation.pipe';

class Line {
  @IsString() name!: string;
  @IsInt() @Min(1) quantity!: number;
}

class Order {
  @IsString() reference!: string;
  @IsArray() @ArrayMaxSize(2) @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
}

const metadata: ArgumentMetadata = { type: 'body', metatype: Order };

async function messageOf(body: unknown): Promise<string> {
  try {
    await createValidationPipe().transform(body, metadata);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as BadRequestException).message;
  }
  throw new Error('accepted');
}

describe('validation pipe', () => {
  it('accepts a valid body and turns it into the DTO class', async () => {
    const order = await createValidationPipe().transform(
      { reference: 'A', lines: [{ name: 'x', quantity: 2 }] },
      metadata,
    );
    expect(order).toBeInstanceOf(Order);
    expect(order.lines[0]).toBeInstanceOf(Line);
  });

  it('names nested fields by their path', async () => {
    const message = await messageOf({
      reference: 'A',
      lines: [
        { name: 'x', quantity: 1 },
        { name: 'y', quantity: 0 },
      ],
    });
    expect(message).toBe('lines.1.quantity must not be less than 1');
  });

  it('names every offending field, top level and nested', async () => {
    const message = await messageOf({ reference: 3, lines: [{ name: 4, quantity: 1.5 }] });
    expect(message.split('; ').sort()).toEqual([
      'lines.0.name must be a string',
      'lines.0.quantity must be an integer number',
      'reference must be a string',
    ]);
  });

  it('refuses unknown fields, nested ones too, by path', async () => {
    expect(await messageOf({ reference: 'A', lines: [], admin: true })).toBe(
      'admin: property admin should not exist',
    );
    expect(await messageOf({ reference: 'A', lines: [{ name: 'x', quantity: 1, price: 2 }] })).toBe(
      'lines.0.price: property price should not exist',
    );
  });

  it('names an array that is too long', async () => {
    const line = { name: 'x', quantity: 1 };
    expect(await messageOf({ reference: 'A', lines: [line, line, line] })).toBe(
      'lines must contain no more than 2 elements',
    );
  });
});
