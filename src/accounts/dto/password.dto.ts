import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { NewPasswordField } from '../../users/dto/password-field';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class PasswordResetRequestDto {
  @ApiProperty({ format: 'email', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

export class TokenAndPasswordDto {
  @ApiProperty({ description: 'the token from the e-mailed link' })
  @IsString()
  @Matches(TOKEN, { message: 'token must be the token of the e-mailed link' })
  token!: string;

  @NewPasswordField() password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword!: string;

  @NewPasswordField() newPassword!: string;
}
