import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The number of decimal places of a finite number as JavaScript writes it, exponent notation
 * included (`1e-7` has 7, `1.5e-7` has 8, `2e21` has 0).
 */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = value.toString().toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent));
}

/**
 * At most `max` decimal places. Stands in for class-validator's `IsNumber({maxDecimalPlaces})`,
 * which throws (a 500) on a number written in exponent notation without a point, such as 5e-324.
 * Anything that is not a finite number is left to the type rule, so only one message names it.
 */
export function MaxDecimalPlaces(max: number, options: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'maxDecimalPlaces',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [max],
      options: { message: `$property must have at most ${max} decimal places`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'number' || !Number.isFinite(value) || decimalPlaces(value) <= max,
      },
    });
}
