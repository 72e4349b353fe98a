import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/roles.decorator';
import { UuidParamPipe } from '../common/http/uuid-param.pipe';
import {
  CreateUserDto,
  ListUsersQuery,
  UpdateUserDto,
  UserDto,
  UserListItemDto,
  UserPageDto,
} from './dto/create-user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() dto: CreateUserDto): Promise<UserDto> {
    return this.users.create(dto);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQuery): Promise<UserPageDto> {
    return this.users.list(query);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: UserListItemDto, description: "any change ends the user's sessions at once" })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserListItemDto> {
    return this.users.update(id, dto);
  }
}
