import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { ClientInfo } from '../authz/request.decorators';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ProblemException, unauthorized } from '../errors/problem';
import { Membership } from '../members/membership.entity';
import { RolesService } from '../roles/roles.service';
import { User } from '../auth/user.entity';
import { OrganizationResponse } from './dto/organization.dto';
import { Organization } from './organization.entity';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly em: EntityManager,
    private readonly roles: RolesService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async create(userId: string, name: string, client: ClientInfo | null): Promise<OrganizationResponse> {
    const em = this.em.fork();
    // A correctly signed token can outlive its account (a restored database, the same secret).
    const user = await em.findOne(User, userId);
    if (!user) throw unauthorized();
    if (!this.mayCreateOrganizations(user)) {
      throw new ProblemException(
        'forbidden',
        "This server lets only its operators create organizations. Ask an operator to create one for you, or an organization's Owner to invite you.",
      );
    }
    const organization = this.createWithOwner(em, name, user);
    this.audit.record(
      em,
      organization.id,
      'organization.created',
      { type: 'user', id: user.id, name: user.name, email: user.email, maskedKey: null, client },
      { type: 'organization', id: organization.id, name: organization.name },
    );
    await em.flush();
    return { id: organization.id, name: organization.name };
  }

  /**
   * With TPTM_ORG_CREATION=operators, the operators are the bootstrap
   * administrator and the addresses in TPTM_OPERATOR_EMAILS: people the
   * server's operator named, not whoever holds a role in some organization.
   */
  private mayCreateOrganizations(user: User): boolean {
    if (this.config.organizationCreation === 'anyone') return true;
    return user.email === this.config.bootstrap.email.toLowerCase() || this.config.operatorEmails.includes(user.email);
  }

  /** A new organization with its built-in roles and `owner` as its first Owner, added to the unit of work. */
  createWithOwner(em: EntityManager, name: string, owner: User): Organization {
    const organization = new Organization(name);
    const roles = this.roles.createBuiltInRoles(em, organization);
    const membership = new Membership(organization, owner);
    membership.roles.add(roles.owner);
    em.persist([organization, membership]);
    return organization;
  }
}

/**
 * Serializes membership changes within one organization, so two concurrent
 * requests cannot each remove "another" Owner and leave none.
 */
export async function lockOrganization(em: EntityManager, organizationId: string): Promise<void> {
  await em.execute('select 1 from organization where id = ? for update', [organizationId]);
}
