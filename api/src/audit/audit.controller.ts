import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access } from '../authz/request.decorators';
import { PageQuery } from '../common/dto/page-query.dto';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { ApiUuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { AuditService } from './audit.service';
import { AuditEventPage } from './dto/audit-event.dto';

@ApiTags('Audit')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.AuditRead] })
  @ApiOperation({
    summary: "List the organization's audit events, newest first",
    description:
      'Every change to keys, roles and members, append-only. ' +
      'Pass `nextCursor` back as `cursor` for the next page, until it is null.',
  })
  @ApiOkResponse({ type: AuditEventPage, description: 'One page of events, newest first.' })
  @ApiProblem(400, 'A bad `limit` or `cursor`.')
  listAuditEvents(@Access() access: OrganizationAccess, @Query() query: PageQuery): Promise<AuditEventPage> {
    return this.audit.list(access.organizationId, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
  }
}
