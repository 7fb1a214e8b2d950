import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access, Client, ClientInfo } from '../authz/request.decorators';
import { ApiUuidParam, UuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { actorOf } from '../authz/actor';
import { CreateRoleRequest, RoleList, RoleResponse, UpdateRoleRequest } from './dto/role.dto';
import { RolesService } from './roles.service';

@ApiTags('Roles')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.RoleManage, Permission.MemberManage], apiKeys: true })
  @ApiOperation({
    summary: "List the organization's roles and the permissions each grants",
    description: 'Needs Role: Manage, or Member: Manage (to pick roles for members). `builtIn` marks Owner, Admin and Member.',
  })
  @ApiOkResponse({ type: RoleList, description: "The organization's roles." })
  listRoles(@Access() access: OrganizationAccess): Promise<RoleList> {
    return this.roles.list(access.organizationId);
  }

  @Post()
  @Authenticated({ anyPermission: [Permission.RoleManage], apiKeys: true, grants: true })
  @ApiOperation({
    summary: 'Create a custom role',
    description: 'Nobody can create a role with a permission they lack themselves.',
  })
  @ApiCreatedResponse({ type: RoleResponse, description: 'The new role.' })
  @ApiProblem(400, 'A bad name, description or permission list.')
  @ApiProblem(403, 'The role would grant a permission the caller lacks.')
  @ApiProblem(409, 'A role with this name already exists, or one that looks the same (ignoring case and look-alike letters).')
  createRole(@Access() access: OrganizationAccess, @Body() body: CreateRoleRequest, @Client() client: ClientInfo): Promise<RoleResponse> {
    return this.roles.create(access, body, actorOf(access, client));
  }

  @Patch(':roleId')
  @Authenticated({ anyPermission: [Permission.RoleManage], apiKeys: true, grants: true })
  @ApiUuidParam('roleId', 'The role.')
  @ApiOperation({
    summary: "Change a custom role's name, description or permissions",
    description: 'Only the fields sent change. Members holding the role get its new permissions on their next request.',
  })
  @ApiOkResponse({ type: RoleResponse, description: 'The updated role.' })
  @ApiProblem(400, 'A bad name, description or permission list.')
  @ApiProblem(403, 'New permissions were sent, and the role would hold afterwards one the caller lacks.')
  @ApiProblem(404, 'No such role in this organization.')
  @ApiProblem(409, 'The role is built in, or the new name is taken or looks the same as another role’s name.')
  updateRole(
    @Access() access: OrganizationAccess,
    @UuidParam('roleId') roleId: string,
    @Body() body: UpdateRoleRequest,
    @Client() client: ClientInfo,
  ): Promise<RoleResponse> {
    return this.roles.update(access, roleId, body, actorOf(access, client));
  }

  @Delete(':roleId')
  @HttpCode(204)
  @Authenticated({ anyPermission: [Permission.RoleManage], apiKeys: true })
  @ApiUuidParam('roleId', 'The role.')
  @ApiOperation({
    summary: 'Delete a custom role; members who held it lose its permissions at once',
    description: 'Built-in roles cannot be deleted.',
  })
  @ApiNoContentResponse({ description: 'The role is deleted.' })
  @ApiProblem(404, 'No such role in this organization.')
  @ApiProblem(409, 'The role is built in.')
  async deleteRole(@Access() access: OrganizationAccess, @UuidParam('roleId') roleId: string, @Client() client: ClientInfo): Promise<void> {
    await this.roles.remove(access, roleId, actorOf(access, client));
  }
}
