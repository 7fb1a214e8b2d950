import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PermissionList } from './dto/permission.dto';
import { Authenticated } from './authenticated.decorator';
import { PERMISSION_CATALOG } from './permissions';

@ApiTags('Permissions')
@Controller('permissions')
export class PermissionsController {
  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The permission catalog: every permission a role can grant, with its display name',
    description: 'Open to any signed-in user. Roles and `GET /api/v1/me` name permissions by these ids.',
  })
  @ApiOkResponse({ type: PermissionList, description: 'Every permission.' })
  listPermissions(): PermissionList {
    return { items: PERMISSION_CATALOG.map((p) => ({ ...p })) };
  }
}
