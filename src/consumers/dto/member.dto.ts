import { ApiProperty } from '@nestjs/swagger';
import { TextField } from '../../common/validation/validators';
import { EmailField } from './email-field';

export class CreateMemberDto {
  @TextField(200, { example: 'Amina Benali' }) name!: string;
  @EmailField('amina@example.org') email!: string;
}

export class MemberDto extends CreateMemberDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) consumerGroupId!: string;
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items!: MemberDto[];
  @ApiProperty() total!: number;
}
