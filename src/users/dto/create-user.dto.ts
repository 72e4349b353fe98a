import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsUUID, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../common/auth/actor';
import { NewPasswordField } from './password-field';
import { PaginationQuery } from '../../common/pagination/pagination.dto';

export class CreateUserDto {
  @ApiProperty({ example: 'coordinator@gasap-jette.be' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @NewPasswordField() password!: string;

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

export class UserListItemDto extends UserDto {
  @ApiProperty({ description: 'false: the login is switched off' }) active!: boolean;
  @ApiProperty({ enum: ['en', 'fr', 'ar', 'nl'], nullable: true, type: String }) locale!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserListItemDto] }) items!: UserListItemDto[];
  @ApiProperty() total!: number;
}

export class ListUsersQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'true or false' })
  @IsOptional()
  @IsIn(['true', 'false'])
  active?: 'true' | 'false';
}

/**
 * What an admin may change on a user. Giving `role` or any link replaces the user's links by
 * exactly those given (each role is tied to one kind of organisation). Any change here ends
 * the user's sessions at once.
 */
export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'false switches the login off and ends its sessions' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  consumerGroupId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  memberId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  transportOrganiserId?: string;
}
