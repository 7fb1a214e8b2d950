import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access } from '../authz/request.decorators';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { ApiUuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { AuditService } from './audit.service';
import { AuditEventQuery } from './dto/audit-event-query.dto';
import { AuditEventPage } from './dto/audit-event.dto';

@ApiTags('Audit')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authenticated({ anyPermission: [Permission.AuditRead], apiKeys: true })
  @ApiOperation({
    summary: "List the organization's audit events, newest first",
    description:
      'Every change to keys, roles, members and invitations, append-only. Filters (`action`, `actorId`, `targetId`, ' +
      '`from`, `to`) combine with AND; `targetId` gives one key\'s, role\'s or member\'s history. ' +
      'Pass `nextCursor` back as `cursor` (with the same filters) for the next page, until it is null.',
  })
  @ApiOkResponse({ type: AuditEventPage, description: 'One page of events, newest first.' })
  @ApiProblem(400, 'A bad `limit`, `cursor` or filter.')
  listAuditEvents(@Access() access: OrganizationAccess, @Query() query: AuditEventQuery): Promise<AuditEventPage> {
    const { limit, cursor, ...filter } = query;
    return this.audit.list(access.organizationId, filter, limit ?? DEFAULT_PAGE_SIZE, cursor);
  }
}
