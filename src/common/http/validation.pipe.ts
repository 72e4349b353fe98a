import {
  BadRequestException,
  ValidationPipe,
  type ArgumentMetadata,
  type ValidationError,
} from '@nestjs/common';
import { compiledValidation } from '../validation/compiled-validation';
import { rememberValidationMetadata } from '../validation/metadata-cache';
import { requireNestedObjects } from '../validation/nested-objects';

function describe(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property)
        ? `${path}${message.slice(error.property.length)}`
        : `${path}: ${message}`,
    );
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/**
 * Nest's pipe, with a fast path for bodies and query strings: one that its DTO's compiled
 * validation accepts is answered by it, the same instance the full pipe would build; any
 * other, and every path parameter, goes through the full pipe, which names the errors.
 */
class CompiledValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && typeof metadata.metatype === 'function') {
      const accepted = compiledValidation(metadata.metatype as new () => object)?.(value);
      if (accepted) return accepted;
    }
    return super.transform(value, metadata);
  }
}

/**
 * The one validation pipe (registered through APP_PIPE): converts types, strips nothing
 * silently (unknown fields answer 400) and names every offending field in `message`. A nested
 * property accepts only objects (or a list of objects) of its class: requireNestedObjects.
 */
export function createValidationPipe(): ValidationPipe {
  requireNestedObjects();
  rememberValidationMetadata();
  return new CompiledValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(describe(errors).join('; ')),
  });
}
