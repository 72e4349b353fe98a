import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export const EmailField = (example: string) =>
  applyDecorators(
    ApiProperty({ type: String, format: 'email', maxLength: 254, example }),
    IsEmail(),
    MaxLength(254),
  );
