import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDateString,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsNumber,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { MaxDecimalPlaces } from './decimal-places';

/**
 * Field decorators that pair validation with the OpenAPI description, so that a DTO says each
 * rule once. Pass `{ optional: true }` for fields that may be left out.
 */
interface FieldOptions {
  optional?: boolean;
  description?: string;
  example?: unknown;
}

function doc(options: FieldOptions, schema: ApiPropertyOptions) {
  const full = {
    ...schema,
    description: options.description,
    example: options.example,
  } as ApiPropertyOptions;
  return options.optional ? [IsOptional(), ApiPropertyOptional(full)] : [ApiProperty(full)];
}

export const TextField = (maxLength: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, minLength: 1, maxLength }),
    IsString(),
    MinLength(1),
    MaxLength(maxLength),
  );

export const UuidField = (options: FieldOptions = {}) =>
  applyDecorators(...doc(options, { type: String, format: 'uuid' }), IsUUID());

export const CountryCodeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, example: 'BE', description: 'ISO 3166-1 alpha-2' }),
    IsISO31661Alpha2(),
  );

export const TimeZoneField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, example: 'Europe/Brussels', description: 'IANA time zone' }),
    IsTimeZone(),
  );

export const CurrencyField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, example: 'EUR', description: 'ISO 4217' }),
    IsISO4217CurrencyCode(),
  );

export const LatitudeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: Number, minimum: -90, maximum: 90 }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-90),
    Max(90),
  );

export const LongitudeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: Number, minimum: -180, maximum: 180 }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    Min(-180),
    Max(180),
  );

/** A share of a whole, 0..1 (0.4 = 40 %). */
export const ShareField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: Number, minimum: 0, maximum: 1 }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    MaxDecimalPlaces(4),
    Min(0),
    Max(1),
  );

/** A whole number in [min, max]; quantities, minor units, counts. */
export const IntField = (min: number, max: number, options: FieldOptions = {}) =>
  applyDecorators(...doc(options, { type: Number, minimum: min, maximum: max }), IsInt(), Min(min), Max(max));

/** A positive decimal such as kilograms, with at most `decimals` decimal places. */
export const DecimalField = (min: number, max: number, decimals: number, options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: Number, minimum: min, maximum: max }),
    IsNumber({ allowNaN: false, allowInfinity: false }),
    MaxDecimalPlaces(decimals),
    Min(min),
    Max(max),
  );

export const HsCodeField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, {
      type: String,
      example: '070200',
      description: 'Harmonized System code, 6 to 10 digits',
    }),
    IsString(),
    Matches(/^[0-9]{6,10}$/, { message: '$property must be 6 to 10 digits' }),
  );

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
export const MonthField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, example: '2027-03', description: 'YYYY-MM' }),
    IsString(),
    Matches(MONTH_PATTERN, { message: '$property must be a month as YYYY-MM' }),
  );

/** A calendar date `YYYY-MM-DD`. */
export const DateField = (options: FieldOptions = {}) =>
  applyDecorators(
    ...doc(options, { type: String, format: 'date', example: '2027-01-31' }),
    IsDateString({ strict: true }),
    Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: '$property must be a date as YYYY-MM-DD' }),
  );

export { Type };
