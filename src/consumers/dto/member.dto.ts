import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { TextField } from '../../common/validation/validators';
import { EmailField } from './email-field';

export class CreateMemberDto {
  @TextField(200, { example: 'Amina Benali' }) name!: string;
  @EmailField('amina@example.org') email!: string;
}

export class MemberDto extends CreateMemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
  @ApiProperty({ description: 'false once the member has left the group' }) active!: boolean;
}

export class UpdateMemberDto {
  @ApiProperty({
    description:
      'false: the member leaves; its pledges of months still open are removed, its login stops and its sessions end',
  })
  @IsBoolean()
  active!: boolean;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiProperty() total!: number;
}
