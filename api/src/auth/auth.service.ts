import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { ProblemException, unauthorized } from '../errors/problem';
import { User } from './user.entity';
import { AccessTokenResponse } from './dto/login.dto';
import { ACCOUNT_FAILURE_LIMITER, FailureLimiter, LOGIN_FAILURE_LIMITER } from './failure-limiter';
import { PasswordHasher } from './password-hasher';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from './jwt.strategy';
import { SessionsService } from './sessions.service';

const BAD_CREDENTIALS = 'The email or password is incorrect.';

/** What a sign-in or refresh hands back: the body, and the refresh token for the cookie when it changed. */
export interface SignedIn {
  response: AccessTokenResponse;
  refreshToken?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordHasher,
    private readonly sessions: SessionsService,
    @Inject(LOGIN_FAILURE_LIMITER) private readonly limiter: FailureLimiter,
    @Inject(ACCOUNT_FAILURE_LIMITER) private readonly accounts: FailureLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, client: string): Promise<SignedIn> {
    const account = email.trim().toLowerCase();
    // Counted before the slow hash, so parallel guesses cannot all get past the limits: per account
    // (whether or not it exists, so the limit tells nobody), however many addresses guess, and per address.
    const user = await this.accounts.attempt(account, () =>
      this.limiter.attempt(client, async () => {
        const found = await this.em.fork().findOne(User, { email: account }, { fields: ['id', 'passwordHash'] });
        // Unknown emails still pay for a hash, so response time does not reveal who has an account.
        const ok = found ? await this.passwords.verify(password, found.passwordHash) : await this.passwords.verifyNothing(password);
        return found && ok ? found : undefined;
      }),
    );
    if (!user) throw new ProblemException('unauthorized', BAD_CREDENTIALS, undefined, { 'WWW-Authenticate': 'Bearer realm="tptm"' });
    return this.signIn(user.id);
  }

  /** A new session for the user, and its first access token. */
  async signIn(userId: string, em?: EntityManager): Promise<SignedIn> {
    const session = await this.sessions.start(userId, em);
    return { response: this.issueToken(userId, session.sessionId), refreshToken: session.refreshToken };
  }

  async refresh(refreshToken: string | undefined): Promise<SignedIn> {
    const session = await this.sessions.refresh(refreshToken);
    if (!session) throw unauthorized('Your session has ended. Sign in again.');
    return { response: this.issueToken(session.userId, session.sessionId), refreshToken: session.refreshToken };
  }

  signOut(sessionId: string): Promise<void> {
    return this.sessions.end(sessionId);
  }

  private issueToken(userId: string, sessionId: string): AccessTokenResponse {
    const accessToken = this.jwt.sign(
      { sub: userId, sid: sessionId },
      { expiresIn: this.config.tokenTtlSeconds, issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithm: 'HS256' },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.tokenTtlSeconds };
  }
}
