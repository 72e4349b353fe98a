import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';

/**
 * The decorated value (a `YYYY-MM-DD` date or a `YYYY-MM` month) must not come before the
 * sibling property `other`. Both formats order correctly as strings; a malformed value is
 * left to its own format rule, so only one message names it.
 */
export function NotBefore(other: string, options: ValidationOptions = {}): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notBefore',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `$property must not be before ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const start = (args.object as Record<string, unknown>)[other];
          if (typeof value !== 'string' || typeof start !== 'string') return true;
          return value >= start;
        },
      },
    });
}
