import { Readable } from 'node:stream';
import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../authz/authenticated.decorator';
import { Permission } from '../authz/permissions';
import type { OrganizationAccess } from '../authz/principal';
import { Access } from '../authz/request.decorators';
import { DEFAULT_PAGE_SIZE } from '../common/pagination';
import { ApiUuidParam } from '../common/uuid-param';
import { ApiProblem } from '../errors/problem.dto';
import { AuditService } from './audit.service';
import { auditCsv } from './csv';
import { AuditEventFilter, AuditEventQuery } from './dto/audit-event-query.dto';
import { AuditEventPage } from './dto/audit-event.dto';

@ApiTags('Audit')
@ApiUuidParam('orgId', 'The organization.')
@Controller('orgs/:orgId')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('audit-events')
  @Authenticated({ anyPermission: [Permission.AuditRead], apiKeys: true })
  @ApiOperation({
    summary: "List the organization's audit events, newest first",
    description:
      'Every change to keys, roles, members and invitations, append-only. Filters (`action`, `actorId`, `targetId`, ' +
      "`from`, `to`) combine with AND; `targetId` gives one key's, role's or member's history. " +
      'Pass `nextCursor` back as `cursor` (with the same filters) for the next page, until it is null.',
  })
  @ApiOkResponse({ type: AuditEventPage, description: 'One page of events, newest first.' })
  @ApiProblem(400, 'A bad `limit`, `cursor` or filter.')
  listAuditEvents(@Access() access: OrganizationAccess, @Query() query: AuditEventQuery): Promise<AuditEventPage> {
    const { limit, cursor, ...filter } = query;
    return this.audit.list(access.organizationId, filter, limit ?? DEFAULT_PAGE_SIZE, cursor);
  }

  @Get('audit-events.csv')
  @Authenticated({ anyPermission: [Permission.AuditRead], apiKeys: true })
  @ApiOperation({
    summary: "Export the organization's audit events as CSV, newest first",
    description:
      'The events `listAuditEvents` would list with the same filters, all of them, as one RFC 4180 file (UTF-8, CRLF, ' +
      'a header row). It is streamed as it is read, so an export of any size takes little memory on either side. ' +
      'Columns: `occurred_at`, `action`, `actor_type`, `actor_id`, `actor_name`, `target_type`, `target_id`, ' +
      '`target_name`, `changes` (JSON, as in the list), `ip`, `user_agent`. A cell that a spreadsheet would run as a ' +
      "formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) is prefixed with `'`.",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The events as CSV, newest first, sent as an attachment.',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        example:
          'occurred_at,action,actor_type,actor_id,actor_name,target_type,target_id,target_name,changes,ip,user_agent\r\n' +
          '2026-01-15T09:30:00.000Z,api_key.created,user,3d2c1b0a-9f8e-4d7c-b6a5-4f3e2d1c0b9a,Ada Lovelace,api_key,' +
          '0b7e5a6c-3f1d-4c2a-9e8b-5d4f3a2b1c0d,Production Integration,,203.0.113.7,tptm-sdk/0.2.0\r\n',
      },
    },
  })
  @ApiProblem(400, 'A bad filter.')
  exportAuditEvents(@Access() access: OrganizationAccess, @Query() filter: AuditEventFilter): StreamableFile {
    const csv = Readable.from(auditCsv(this.audit.exportBatches(access.organizationId, filter)));
    return new StreamableFile(csv, { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="audit-events.csv"' });
  }
}
