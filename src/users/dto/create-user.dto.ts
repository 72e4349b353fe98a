import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/actor';

export class CreateUserDto {
  @ApiProperty({ example: 'coordinator@gasap-jette.be' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for coordinator' })
  @IsOptional()
  @IsUUID()
  consumerGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for member' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for cooperative' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for transporter' })
  @IsOptional()
  @IsUUID()
  transportOrganiserId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) consumerGroupId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) memberId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) cooperativeId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) transportOrganiserId!: string | null;
}
