import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { FailureLimiter, LOGIN_FAILURE_LIMITER } from '../auth/failure-limiter';
import { PasswordHasher } from '../auth/password-hasher';
import { revokePasswordResets } from '../auth/password-reset.service';
import { SessionsService } from '../auth/sessions.service';
import { ALL_PERMISSIONS, Permission } from '../authz/permissions';
import { ProblemException, unauthorized } from '../errors/problem';
import { Membership } from '../members/membership.entity';
import { compareRoles } from '../roles/role.entity';
import { MeResponse } from './dto/me.dto';
import { User } from '../auth/user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    @Inject(LOGIN_FAILURE_LIMITER) private readonly limiter: FailureLimiter,
  ) {}

  async me(userId: string): Promise<MeResponse> {
    const em = this.em.fork();
    const user = await em.findOne(User, userId);
    if (!user) throw unauthorized();
    const memberships = await em.find(Membership, { user }, { populate: ['organization', 'roles'] });
    memberships.sort(
      (a, b) =>
        a.organization.name.localeCompare(b.organization.name, 'en', { sensitivity: 'base' }) || a.organization.id.localeCompare(b.organization.id),
    );
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      memberships: memberships.map((m) => {
        const roles = m.roles.getItems().sort(compareRoles);
        const granted = new Set(roles.flatMap((r) => r.permissions));
        return {
          organization: { id: m.organization.id, name: m.organization.name },
          roles: roles.map((r) => ({ id: r.id, name: r.name })),
          permissions: ALL_PERMISSIONS.filter((p): p is Permission => granted.has(p)),
        };
      }),
    };
  }

  /**
   * Ends every other session of the account: whoever else knew the old
   * password (a shared one, a stolen one) is signed out at once, while the
   * session that changed it carries on.
   */
  async changePassword(userId: string, sessionId: string, currentPassword: string, newPassword: string, client: string): Promise<void> {
    // Counted before the slow hash, so parallel guesses cannot all get past the limit.
    const em = this.em.fork();
    const user = await this.limiter.attempt(client, async () => {
      const found = await em.findOne(User, userId, { populate: ['passwordHash'] });
      if (!found) throw unauthorized();
      return (await this.passwords.verify(currentPassword, found.passwordHash)) ? found : undefined;
    });
    if (!user) {
      throw new ProblemException('validation', 'The current password is incorrect.', [{ field: 'currentPassword', message: 'is incorrect' }]);
    }
    const passwordHash = await this.passwords.hash(newPassword);
    await em.transactional(async (tx) => {
      await tx.nativeUpdate(User, { id: userId }, { passwordHash });
      await revokePasswordResets(tx, userId);
      await this.sessions.endAll(userId, sessionId, tx);
    });
  }
}
