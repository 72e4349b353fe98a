import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, ValidateBy } from 'class-validator';
import { commonPasswords } from '../common-passwords';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from '../domain/password-policy';

/** A password being chosen: 10–200 characters and not among the most common passwords. */
export const NewPasswordField = () =>
  applyDecorators(
    ApiProperty({
      type: String,
      minLength: PASSWORD_MIN_LENGTH,
      maxLength: PASSWORD_MAX_LENGTH,
      description: 'at least 10 characters, not one of the most common passwords',
    }),
    IsString(),
    ValidateBy({
      name: 'newPassword',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && passwordProblem(value, commonPasswords()) === null,
        defaultMessage: (args) =>
          `${args?.property} ${typeof args?.value === 'string' ? passwordProblem(args.value, commonPasswords()) : 'must be a string'}`,
      },
    }),
  );
